// The rules catalog: every check the engine, the lint command and synth report, as data with a
// stable ID. A rule's ID, severity, provenance, description, remediation and sources are written
// here and nowhere else; the code that finds a problem names the rule by its ID. The order is the
// API server's report order (validatePodSpec in kubernetes pkg/apis/core/validation/validation.go
// at v1.35.4), then the kubelet's and the library's rules, as the engine reports them.

/** Who enforces a rule: whose behaviour the finding predicts. */
export type Provenance =
  /** the API server refuses the object (validation, decoding, admission) */
  | 'api-server'
  /** the kubelet on the node (the pod is accepted and then fails there) */
  | 'kubelet'
  /** the container runtime (containerd, hcsshim) on the node */
  | 'container-runtime'
  /** the library, from the Kubernetes HostProcess documentation: nothing in the cluster checks it */
  | 'library';

/** One check. */
export interface Rule {
  /** Stable, kebab-case, at most 63 characters (valid as the name part of an annotation key). */
  readonly id: string;
  /** `error` fails synth and lint; `warning` is reported only. */
  readonly severity: 'error' | 'warning';
  readonly provenance: Provenance;
  /** What the rule checks, in one line. */
  readonly description: string;
  /** How to fix a finding of the rule, in one line. */
  readonly remediation: string;
  /**
   * The words of every finding of the rule where they are fixed: for an API server rule its own
   * detail (after `Invalid value: <value>: ` or `Forbidden: `), which the engine, the constructs
   * and convert all quote from here.
   */
  readonly message?: string;
  /** Where the behaviour is written: upstream file and tag, or the document the rule comes from. */
  readonly sources: readonly string[];
  /** The Kubernetes release whose source the rule was read from (API server and kubelet rules). */
  readonly kubernetes?: string;
  /**
   * The first Kubernetes minor release (`1.33`) whose API server enforces the rule with its default
   * feature gates, where earlier supported releases do not; unset when every release does.
   */
  readonly since?: string;
}

const VALIDATION = 'kubernetes pkg/apis/core/validation/validation.go@v1.35.4';
const HOSTPROCESS_DOC = 'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/';
const K8S = 'v1.35.4';

const RULE_LIST = [
  // validateContainers → validateWindowsSecurityContextOptions (pod and every container)
  {
    id: 'gmsa-credential-spec-name-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'windowsOptions.gmsaCredentialSpecName must be a lowercase RFC 1123 subdomain',
    remediation: 'use the name of a GMSACredentialSpec object (lowercase letters, digits, \'-\' and \'.\')',
    sources: [`${VALIDATION} validateWindowsSecurityContextOptions`],
    kubernetes: K8S,
  },
  {
    id: 'gmsa-credential-spec-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'windowsOptions.gmsaCredentialSpec must not be empty and must be under 64 KiB',
    remediation: 'remove gmsaCredentialSpec or give the credential spec JSON (under 64 KiB)',
    sources: [`${VALIDATION} validateWindowsSecurityContextOptions`],
    kubernetes: K8S,
  },
  {
    id: 'run-as-user-name-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'windowsOptions.runAsUserName must be a valid Windows user name (DOMAIN\\user, at most 256 characters)',
    remediation: 'write the account as DOMAIN\\user or user (HostProcessUser names the usual ones)',
    sources: [`${VALIDATION} validateWindowsSecurityContextOptions`],
    kubernetes: K8S,
  },
  // validateContainers → AccumulateUniqueHostPorts
  {
    id: 'host-port-duplicate',
    severity: 'error',
    provenance: 'api-server',
    description: 'two container ports with the same protocol, hostIP and hostPort',
    remediation: 'give each container port its own hostPort (with hostNetwork, its own containerPort)',
    sources: [`${VALIDATION} AccumulateUniqueHostPorts`],
    kubernetes: K8S,
  },
  // validatePodResources
  {
    id: 'windows-pod-resources',
    severity: 'error',
    provenance: 'api-server',
    description: 'pod-level resources may not be set for a windows pod',
    remediation: 'set resources on each container instead of the pod',
    sources: [`${VALIDATION} validatePodResources`],
    kubernetes: K8S,
  },
  // validatePodHostNetworkDeps
  {
    id: 'host-port-mismatch',
    severity: 'error',
    provenance: 'api-server',
    description: 'with hostNetwork, a container port\'s hostPort must be unset, 0 or its containerPort',
    remediation: 'remove hostPort or set it to the containerPort',
    sources: [`${VALIDATION} validatePodHostNetworkDeps`],
    kubernetes: K8S,
  },
  // validateWindowsHostProcessPod
  {
    id: 'host-process-mismatch',
    severity: 'error',
    provenance: 'api-server',
    description: 'a container\'s hostProcess must equal the pod\'s when both are set',
    remediation: 'set hostProcess once, on the pod, or the same value on both',
    sources: [`${VALIDATION} validateWindowsHostProcessPod`],
    kubernetes: K8S,
  },
  {
    id: 'host-process-all-containers',
    severity: 'error',
    provenance: 'api-server',
    description: 'if any container is HostProcess, every container (init and ephemeral too) must be',
    message: 'If pod contains any hostProcess containers then all containers must be HostProcess containers',
    remediation: 'make every container HostProcess, or move the others to a pod of their own',
    sources: [`${VALIDATION} validateWindowsHostProcessPod`],
    kubernetes: K8S,
  },
  {
    id: 'host-process-host-network',
    severity: 'error',
    provenance: 'api-server',
    description: 'a pod with HostProcess containers must set hostNetwork: true',
    message: 'hostNetwork must be true if pod contains any hostProcess containers',
    remediation: 'set hostNetwork: true (HostProcess pods always use the host network); remove hostNetwork: false',
    sources: [`${VALIDATION} validateWindowsHostProcessPod`],
    kubernetes: K8S,
  },
  // validateHostUsers
  {
    id: 'host-users-host-namespaces',
    severity: 'error',
    provenance: 'api-server',
    description: 'hostUsers: false cannot be combined with the host network, PID or IPC namespace',
    remediation: 'remove hostUsers (a windows pod may not set it)',
    // Before 1.33 the UserNamespacesSupport gate is off by default and the API server drops
    // hostUsers before validation (kubernetes pkg/features/kube_features.go@v1.37.2: Beta, default
    // true from 1.33; pkg/api/pod/util.go@v1.30.14 dropDisabledFields); the test server of 1.30
    // accepts the rule's case (test/cases/host-users-host-namespaces).
    sources: [`${VALIDATION} validateHostUsers`, 'kubernetes pkg/features/kube_features.go@v1.37.2 UserNamespacesSupport'],
    kubernetes: K8S,
    since: '1.33',
  },
  // validateOS
  {
    id: 'os-name-required',
    severity: 'error',
    provenance: 'api-server',
    description: 'spec.os, when set, needs a name',
    remediation: 'set os.name: windows',
    sources: [`${VALIDATION} validateOS`],
    kubernetes: K8S,
  },
  {
    id: 'os-name-unsupported',
    severity: 'error',
    provenance: 'api-server',
    description: 'spec.os.name must be linux or windows',
    remediation: 'set os.name: windows',
    sources: [`${VALIDATION} validateOS`],
    kubernetes: K8S,
  },
  // validateLinux
  {
    id: 'linux-pod-windows-options',
    severity: 'error',
    provenance: 'api-server',
    description: 'a linux pod may not set windowsOptions',
    remediation: 'set os.name: windows for a HostProcess pod',
    sources: [`${VALIDATION} validateLinux`],
    kubernetes: K8S,
  },
  // validateWindows
  {
    id: 'windows-pod-forbidden-field',
    severity: 'error',
    provenance: 'api-server',
    description: 'a windows pod may not set Linux-only fields (hostPID, hostIPC, hostUsers, runAsUser, capabilities, privileged, seccompProfile, ...)',
    message: 'cannot be set for a windows pod',
    remediation: 'remove the field: Windows has no such setting',
    sources: [`${VALIDATION} validateWindows`],
    kubernetes: K8S,
  },
  // ValidatePodCreate, ValidatePodTemplateSpec
  {
    id: 'ephemeral-containers-forbidden',
    severity: 'error',
    provenance: 'api-server',
    description: 'a new pod or a pod template may not have ephemeral containers',
    remediation: 'remove ephemeralContainers; add them to a running pod through its ephemeralcontainers subresource',
    sources: [`${VALIDATION} ValidatePodCreate, ValidatePodTemplateSpec`],
    kubernetes: K8S,
  },
  // decoding, before any validation
  {
    id: 'decode-type-mismatch',
    severity: 'error',
    provenance: 'api-server',
    description: 'a field whose value has the wrong JSON type: the API server cannot decode the object',
    remediation: 'write the value with the type the field has (a list, a string, a number, ...)',
    sources: ['k8s.io/api@v0.35.7 core/v1, apps/v1 and batch/v1 types.go (the Go types the API server decodes into)'],
    kubernetes: K8S,
  },
  // Pod Security Admission
  {
    id: 'pod-security-level',
    severity: 'error',
    provenance: 'api-server',
    description: 'the namespace enforces a Pod Security level (baseline, restricted) that forbids hostProcess and hostNetwork',
    remediation: 'label the namespace pod-security.kubernetes.io/enforce: privileged, or declare it with HostProcessNamespace',
    sources: ['kubernetes staging/src/k8s.io/pod-security-admission/policy/check_windowsHostProcess.go and check_hostNamespaces.go (baseline level)'],
  },
  // kubelet
  {
    id: 'probe-port-name-unknown',
    severity: 'error',
    provenance: 'kubelet',
    description: 'a probe\'s named port is not a port of its own container, so the probe always fails',
    remediation: 'add a port with that name to the probe\'s container, or give the port number',
    sources: ['kubernetes pkg/probe/util.go (ResolveContainerPort, findPortByName) at commit 7fc9c57d'],
  },
  // the library's rules (library-rules.ts), in the engine's order
  {
    id: 'host-process-run-as-non-root',
    severity: 'error',
    provenance: 'library',
    description: 'HostProcess containers have privileged access to the host, so runAsNonRoot cannot be true',
    message: 'HostProcess containers have privileged access to the host, so runAsNonRoot cannot be true',
    remediation: 'remove runAsNonRoot or set it to false',
    sources: [HOSTPROCESS_DOC],
  },
  {
    id: 'host-process-named-pipe-volume',
    severity: 'error',
    provenance: 'library',
    description: 'named pipes cannot be mounted into HostProcess containers',
    remediation: 'remove the volume and its volumeMounts and open the pipe by its host path (\\\\.\\pipe\\name)',
    sources: [HOSTPROCESS_DOC],
  },
  {
    id: 'host-process-unix-socket-volume',
    severity: 'error',
    provenance: 'library',
    description: 'Unix domain sockets cannot be mounted into HostProcess containers',
    remediation: 'remove the volume and its volumeMounts and connect to the socket by its host path',
    sources: [HOSTPROCESS_DOC],
  },
  {
    id: 'host-process-relative-working-dir',
    severity: 'warning',
    provenance: 'container-runtime',
    description: 'a relative workingDir resolves differently on containerd 1.6 and 1.7+',
    remediation: 'start the path with $env:CONTAINER_SANDBOX_MOUNT_POINT\\ for the image, or change to a host directory in the command',
    sources: [
      'microsoft/hcsshim internal/jobcontainers/jobcontainer.go@v0.9.12 and @v0.11.7 (CreateProcess)',
      'containerd pkg/cri/server/container_create_windows.go@v1.6.39 and @v1.7.34',
    ],
  },
  {
    id: 'host-process-windows-field-without-os',
    severity: 'warning',
    provenance: 'library',
    description: 'a Linux-only field that the API server accepts only because spec.os is not set',
    remediation: 'remove the field (with spec.os.name: windows the API server rejects it)',
    sources: [`${VALIDATION} validateWindows`, 'kubernetes pkg/kubelet/kuberuntime/kuberuntime_container_windows.go@v1.32.10'],
  },
  {
    id: 'host-process-no-windows-node-selection',
    severity: 'warning',
    provenance: 'library',
    description: 'a HostProcess pod that nothing keeps off Linux nodes',
    remediation: 'add nodeSelector kubernetes.io/os: windows',
    sources: ['kubernetes pkg/kubelet/lifecycle/predicate.go@v1.32.10 (rejectPodAdmissionBasedOnOSField)'],
  },
  // what a construct's props ask for and a HostProcess pod cannot honour (plus/intent.ts)
  {
    id: 'host-process-node-selector-os',
    severity: 'error',
    provenance: 'library',
    description: 'a nodeSelector kubernetes.io/os other than windows: HostProcess containers run only on Windows nodes',
    remediation: 'remove kubernetes.io/os from nodeSelector; the library selects windows',
    sources: [HOSTPROCESS_DOC],
  },
  {
    id: 'host-process-windows-build-conflict',
    severity: 'error',
    provenance: 'library',
    description: 'the windowsBuild prop and a node.kubernetes.io/windows-build nodeSelector select different builds',
    remediation: 'set the build in one place: the windowsBuild prop or the nodeSelector',
    sources: ['https://kubernetes.io/docs/reference/labels-annotations-taints/#nodekubernetesiowindows-build'],
  },
] as const satisfies readonly Rule[];

/** A rule's ID. */
export type RuleId = typeof RULE_LIST[number]['id'];

const ID = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The catalog: `rules` by ID, in order. Refuses a duplicate ID and an ID that is not kebab-case or
 * longer than 63 characters.
 */
export function catalog(rules: readonly Rule[]): ReadonlyMap<string, Rule> {
  const byId = new Map<string, Rule>();
  for (const entry of rules) {
    if (!ID.test(entry.id) || entry.id.length > 63) {
      throw new Error(`rule ID ${JSON.stringify(entry.id)} is not kebab-case of at most 63 characters`);
    }
    if (byId.has(entry.id)) {
      throw new Error(`rule ID ${JSON.stringify(entry.id)} is in the catalog twice`);
    }
    byId.set(entry.id, entry);
  }
  return byId;
}

/** Every rule, by ID, in the order the engine reports them. */
export const RULES: ReadonlyMap<string, Rule> = catalog(RULE_LIST);

/**
 * Whether the API server of Kubernetes `version` (`v1.30.14`, `1.30`) enforces rule `entry` with its
 * default feature gates.
 */
export function ruleApplies(entry: Rule, version: string): boolean {
  if (entry.since === undefined) return true;
  const minor = (v: string) => Number(/^v?1\.(\d+)/.exec(v)?.[1] ?? NaN);
  return minor(version) >= minor(entry.since);
}

/** The rule with `id`. */
export function rule(id: RuleId): Rule {
  return RULES.get(id)!;
}

/** The fixed words of rule `id`'s findings (see `Rule.message`). */
export function ruleMessage(id: RuleId): string {
  const message = rule(id).message;
  if (message === undefined) {
    throw new Error(`rule ${id} has no fixed message`);
  }
  return message;
}
