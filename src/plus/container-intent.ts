// What the user set on each container, as opposed to the defaults kplus fills in. Not part of the
// public API: the constructs record the props their containers are created from.
import * as kplus from './kplus';
import { containerCapabilities, withContainerSeccompProfile } from './line-props';
import { ContainerIntent } from './pod-spec';

// The props each container was created from, so that an explicit setting can be told apart from
// a kplus default with the same value.
const containerProps = new WeakMap<kplus.Container, kplus.ContainerProps>();

/** Remembers the props a container was created from. Returns the container. */
export function recordContainer(container: kplus.Container, props: kplus.ContainerProps): kplus.Container {
  containerProps.set(container, props);
  return container;
}

/**
 * What the user explicitly set on a container, for the HostProcess transformation and its
 * intent checks.
 */
export function containerIntent(container: kplus.Container): ContainerIntent {
  const props = containerProps.get(container);
  if (props) {
    return { securityContext: props.securityContext, resourcesSet: props.resources !== undefined };
  }
  // A container built with `new kplus.Container()` and attached: only values that differ from
  // kplus' defaults can be known to be the user's.
  const sc = container.securityContext;
  return {
    securityContext: withContainerSeccompProfile({
      privileged: sc.privileged ? true : undefined,
      ensureNonRoot: sc.ensureNonRoot ? undefined : false,
      readOnlyRootFilesystem: undefined,
      allowPrivilegeEscalation: sc.allowPrivilegeEscalation ? true : undefined,
      user: sc.user,
      group: sc.group,
      // A prop of cdk8s-plus 27+ (line-props.ts): read by name, so that this compiles on every line.
      capabilities: containerCapabilities(sc),
    } as kplus.ContainerSecurityContextProps, sc),
    resourcesSet: !isKplusDefaultResources(container.resources),
  };
}

function isKplusDefaultResources(r: kplus.ContainerResources | undefined): boolean {
  return r?.cpu?.request?.amount === '1000m' && r.cpu.limit?.amount === '1500m'
    && r.memory?.request?.toMebibytes() === 512 && r.memory.limit?.toMebibytes() === 2048
    && r.ephemeralStorage === undefined;
}
