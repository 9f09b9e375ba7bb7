import * as kplus from './kplus';
import { OS_LABEL } from '../core/validation/node-selection';

type PodSpec = kplus.k8s.PodSpec;
type Container = kplus.k8s.Container;

/** The node label every HostProcess pod is scheduled by (the engine's, so both say the same). */
export { OS_LABEL };

/**
 * Requests written for a container whose resources the user did not set. A HostProcess
 * container's limits become job-wide limits on its host processes, and a DaemonSet runs on every
 * node: kplus' 1 CPU / 512Mi requests would reserve a core per node, and its limits would
 * throttle or kill a node agent. So: small requests, so the scheduler accounts for the agent, and no
 * limits.
 */
export const AGENT_RESOURCES = { requests: { cpu: '100m', memory: '128Mi' } };

/**
 * What the user set explicitly on one container, as opposed to what kplus filled in.
 */
export interface ContainerIntent {
  /** The container's security context as the user wrote it. */
  readonly securityContext?: kplus.ContainerSecurityContextProps;
  /** Whether the user chose the container's resources (an empty object means none). */
  readonly resourcesSet: boolean;
  /** `terminationMessagePolicy`, which kplus' container props lack, if set. */
  readonly terminationMessagePolicy?: string;
  /** `terminationMessagePath`, which kplus' container props lack, if set. */
  readonly terminationMessagePath?: string;
}

/**
 * What the user set explicitly on the pod, as opposed to what kplus filled in.
 */
export interface PodIntent {
  /** `hostNetwork` as the user wrote it. */
  readonly hostNetwork?: boolean;
  /** The pod security context as the user wrote it. */
  readonly securityContext?: kplus.PodSecurityContextProps;
  /** Whether the user chose a DNS policy. */
  readonly dnsPolicySet: boolean;
  /** The node selector as the user wrote it. */
  readonly nodeSelector?: { [key: string]: string };
  /** The `windowsBuild` prop's build number, if set. */
  readonly windowsBuild?: string;
  /** Whether the pod has a service account and the user did not choose `automountServiceAccountToken`. */
  readonly serviceAccountTokenDefault?: boolean;
  /** `shareProcessNamespace` as the user wrote it (cdk8s-plus 29+; kplus writes false by default). */
  readonly shareProcessNamespace?: boolean;
}

/**
 * Everything the HostProcess transformation needs besides the kplus pod spec.
 */
export interface HostProcessSpecOptions {
  /** `securityContext.windowsOptions.runAsUserName`. */
  readonly runAsUserName: string;
  /** Node selector entries to merge with `kubernetes.io/os: windows` (user entries, windows build). */
  readonly nodeSelector: { [key: string]: string };
  /** `priorityClassName`, if any. */
  readonly priorityClassName?: string;
  /** Whether to write `spec.os.name: windows`. */
  readonly podOs: boolean;
  /** Whether to also write windowsOptions on every container. */
  readonly containerWindowsOptions: boolean;
  /** What the user set on the pod. */
  readonly pod: PodIntent;
  /** What the user set on each of `containers`, by index. */
  readonly containers: ContainerIntent[];
  /** What the user set on each of `initContainers`, by index. */
  readonly initContainers: ContainerIntent[];
}

// A node agent given a service account calls the API server with its token. kplus writes
// automountServiceAccountToken: false unless told otherwise, and the API server's admission then
// mounts no token: the pod's field wins, then the ServiceAccount's, and only when both are unset is
// the token mounted (shouldAutomount in kubernetes/kubernetes
// plugin/pkg/admission/serviceaccount/admission.go, read at commit 15816b38). kplus' own
// ServiceAccount also writes false by default, so the pod says true.
const SERVICE_ACCOUNT_TOKEN = true;

// A HostProcess pod resolves names with the node's own DNS settings whatever its dnsPolicy. The
// kubelet gives the runtime a DNS config (getPodDNSType / GetPodDNS in kubernetes
// pkg/kubelet/network/dns/dns.go, read in the v1.28.11, v1.30.7 and v1.32.10 trees vendored by
// kubeedge/kubeedge v1.17.5, v1.20.0 and v1.23.1: ClusterFirst with hostNetwork falls back to
// Default, ClusterFirstWithHostNet gives cluster DNS), but containerd applies it only through CNI,
// which it skips for a HostProcess sandbox (hostNetwork() and RunPodSandbox in containerd
// pkg/cri/server/{helpers,sandbox_run}.go@v1.7.34 and internal/cri/server@v2.2.7; the Windows
// sandbox spec reads no DNS config), and hcsshim's job containers have no network namespace of
// their own (internal/jobcontainers and cmd/containerd-shim-runhcs-v1/pod.go@v0.11.7 and v0.14.1).
// `Default` ("the node's resolution") says what happens; ClusterFirstWithHostNet would claim
// cluster DNS, and only raise MissingClusterDNS events where the kubelet has none.
const HOST_DNS_POLICY = 'Default';

/**
 * Turns a pod spec written by kplus into a HostProcess pod spec. Pure: the input is not changed.
 *
 * Adds what HostProcess needs (pod-level windowsOptions, hostNetwork, the Windows node selector,
 * `spec.os`, the DNS policy `Default`) and leaves out every Linux-only default kplus writes. What
 * the user set explicitly and a HostProcess pod cannot honour is reported by `intentFindings`,
 * never silently dropped.
 */
export function hostProcessPodSpec(spec: PodSpec, options: HostProcessSpecOptions): PodSpec {
  const windowsOptions = { hostProcess: true, runAsUserName: options.runAsUserName };
  const runAsNonRoot = options.pod.securityContext?.ensureNonRoot === false ? false : undefined;
  // A copy by Object.assign and assignments rather than an object spread: the same keys in the same
  // order (an existing key keeps its place, a new one follows), at less than half the cost in
  // V8 for a pod spec's 20-odd keys (docs/performance.md, "Where synth's time goes").
  const out: Writable<PodSpec> = Object.assign({}, spec);
  out.os = options.podOs ? { name: 'windows' } : undefined;
  out.nodeSelector = { [OS_LABEL]: 'windows', ...options.nodeSelector };
  out.priorityClassName = options.priorityClassName;
  out.hostNetwork = true;
  // See SERVICE_ACCOUNT_TOKEN.
  out.automountServiceAccountToken = options.pod.serviceAccountTokenDefault ? SERVICE_ACCOUNT_TOKEN : spec.automountServiceAccountToken;
  // kplus 29+ always writes false, which the API server rejects for a windows pod; what the user
  // set is kept, and reported by intentFindings.
  out.shareProcessNamespace = options.pod.shareProcessNamespace;
  // See HOST_DNS_POLICY; what the user chose is kept.
  out.dnsPolicy = options.pod.dnsPolicySet ? spec.dnsPolicy : HOST_DNS_POLICY;
  out.securityContext = { runAsNonRoot, windowsOptions };
  out.initContainers = spec.initContainers?.map((c, i) => hostProcessContainer(c, options.initContainers[i], options, windowsOptions));
  out.containers = spec.containers.map((c, i) => hostProcessContainer(c, options.containers[i], options, windowsOptions));
  return out;
}

/** `T` with its properties writable: a copy being filled in. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

function hostProcessContainer(
  container: Container,
  intent: ContainerIntent | undefined,
  options: HostProcessSpecOptions,
  windowsOptions: kplus.k8s.WindowsSecurityContextOptions,
): Container {
  const runAsNonRoot = intent?.securityContext?.ensureNonRoot === false ? false : undefined;
  const securityContext = runAsNonRoot === undefined && !options.containerWindowsOptions
    ? undefined
    : { runAsNonRoot, windowsOptions: options.containerWindowsOptions ? { ...windowsOptions } : undefined };
  // Copied as the pod spec is (hostProcessPodSpec).
  const out: Writable<Container> = Object.assign({}, container);
  out.securityContext = securityContext;
  out.resources = intent?.resourcesSet === false ? agentResources() : container.resources;
  out.terminationMessagePolicy = intent?.terminationMessagePolicy ?? container.terminationMessagePolicy;
  out.terminationMessagePath = intent?.terminationMessagePath ?? container.terminationMessagePath;
  return out;
}

function agentResources(): kplus.k8s.ResourceRequirements {
  const quantity = kplus.k8s.Quantity;
  return {
    requests: {
      cpu: quantity.fromString(AGENT_RESOURCES.requests.cpu),
      memory: quantity.fromString(AGENT_RESOURCES.requests.memory),
    },
  };
}
