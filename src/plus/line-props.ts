// Where the cdk8s-plus lines differ, in one place. Every line's package is built from the same
// source against its own cdk8s-plus (src/plus/kplus.ts), so the props that lines after 27 add, and
// the props of line 27 that older lines lack, are read here by name: the code compiles against every
// line, and a prop that a line lacks is never set.
import * as kplus from './kplus';

/** How the library treats a prop that a newer cdk8s-plus line adds (or an older line lacks). */
export enum LinePropTreatment {
  /** Written as kplus writes it: fine on a HostProcess pod. */
  KEPT = 'kept',
  /** A synth error when set (a HostProcess pod cannot honour it); what kplus writes by default is left out. */
  REFUSED = 'refused',
}

/** One prop that a cdk8s-plus line after 27 adds, or that a line before 27 lacks. */
export interface LineProp {
  /** The first cdk8s-plus line that has the prop (27 or older for a prop of line 27 that older lines lack). */
  readonly since: number;
  /** The jsii type of the prop in cdk8s-plus (without the `cdk8s-plus-NN.` prefix) and the prop. */
  readonly type: string;
  readonly prop: string;
  readonly treatment: LinePropTreatment;
  /** Why, for the README and the reader. */
  readonly why: string;
}

/**
 * Every prop of the kplus types the constructs take (the workload, pod, container and security
 * context props) that a line after 27 adds, or that a line before 27 lacks. A test reads each line's
 * cdk8s-plus assembly and fails when a line has a prop of those types that is neither in line 27 nor
 * here, or lacks one of line 27's that is not here: a new line's prop must be classified before it
 * can be silently dropped.
 */
// What the API server forbids for a windows pod is validateWindows in
// pkg/apis/core/validation/validation.go@v1.35.4 (src/core/validation/pod-os.ts): shareProcessNamespace
// when non-nil, a container's seccompProfile when non-nil; restartPolicy, enableServiceLinks and
// revisionHistoryLimit are not among its fields.
export const LINE_PROPS: LineProp[] = [
  {
    // cdk8s-plus-25 2.22.79 has no ContainerSecutiryContextCapabilities type nor this prop (its
    // .jsii); in plain JavaScript a value set anyway is still read and refused.
    since: 27,
    type: 'ContainerSecurityContextProps',
    prop: 'capabilities',
    treatment: LinePropTreatment.REFUSED,
    why: 'capabilities are Linux process rights; the API server forbids them for a windows pod',
  },
  {
    since: 28,
    type: 'ContainerOpts',
    prop: 'restartPolicy',
    treatment: LinePropTreatment.KEPT,
    why: 'native sidecars: an init container with restartPolicy Always; it is a HostProcess container like every other',
  },
  {
    since: 28,
    type: 'ContainerSecurityContextProps',
    prop: 'seccompProfile',
    treatment: LinePropTreatment.REFUSED,
    why: 'seccomp is a Linux kernel filter; the API server forbids it for a windows pod',
  },
  {
    since: 29,
    type: 'AbstractPodProps',
    prop: 'shareProcessNamespace',
    treatment: LinePropTreatment.REFUSED,
    why: 'the API server forbids shareProcessNamespace, even false, for a windows pod; kplus writes false by default',
  },
  {
    since: 30,
    type: 'AbstractPodProps',
    prop: 'enableServiceLinks',
    treatment: LinePropTreatment.KEPT,
    why: 'service links are environment variables; the API server accepts them on a windows pod',
  },
  {
    since: 31,
    type: 'DeploymentProps',
    prop: 'revisionHistoryLimit',
    treatment: LinePropTreatment.KEPT,
    why: 'a Deployment field, not a pod field; kplus writes 10 when it is not set',
  },
];

/** The container security context's `capabilities` (cdk8s-plus 27+), if set. */
export function containerCapabilities(sc: kplus.ContainerSecurityContextProps | kplus.ContainerSecurityContext | undefined): unknown {
  return (sc as { capabilities?: unknown } | undefined)?.capabilities;
}

/** The container security context's `seccompProfile` (cdk8s-plus 28+), if set. */
export function containerSeccompProfile(sc: kplus.ContainerSecurityContextProps | kplus.ContainerSecurityContext | undefined): unknown {
  return (sc as { seccompProfile?: unknown } | undefined)?.seccompProfile;
}

/** `props` with the `seccompProfile` of an attached container's security context (cdk8s-plus 28+), if it has one. */
export function withContainerSeccompProfile(
  props: kplus.ContainerSecurityContextProps, sc: kplus.ContainerSecurityContext): kplus.ContainerSecurityContextProps {
  const seccompProfile = containerSeccompProfile(sc);
  return seccompProfile === undefined ? props : { ...props, seccompProfile } as kplus.ContainerSecurityContextProps;
}

/** The Deployment's `revisionHistoryLimit` prop (cdk8s-plus 31+), if the user set it. */
export function deploymentRevisionHistoryLimit(props: kplus.DeploymentProps): number | undefined {
  return (props as { revisionHistoryLimit?: number }).revisionHistoryLimit;
}

/** The pod's `shareProcessNamespace` prop (cdk8s-plus 29+), if the user set it. */
export function podShareProcessNamespace(props: kplus.AbstractPodProps): boolean | undefined {
  return (props as { shareProcessNamespace?: boolean }).shareProcessNamespace;
}
