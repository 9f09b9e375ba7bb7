// The rules catalog: every check the engine, the lint command and synth report, as data with a
// stable ID. A rule's ID, severity, provenance, description, remediation and sources are written
// here and nowhere else; the code that finds a problem names the rule by its ID. The order is the
// API server's report order (validatePodSpec in kubernetes pkg/apis/core/validation/validation.go
// at v1.35.4), then the kubelet's and the library's rules, as the engine reports them.
import { kubernetesMinor } from '../k8s/release';
import { WINDOWS_NODE_LABELS } from '../k8s/windows-node-labels';

/** Who enforces a rule: whose behaviour the finding predicts. */
export type Provenance =
  /** the API server refuses the object (validation, decoding, admission) */
  | 'api-server'
  /** the kubelet on the node (the pod is accepted and then fails there) */
  | 'kubelet'
  /** the container runtime (containerd, hcsshim) on the node */
  | 'container-runtime'
  /**
   * the library, from the Kubernetes HostProcess documentation or from how cdk8s writes the
   * manifest: nothing in the cluster checks it
   */
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
  /**
   * Why, where the one-line description does not say it: the behaviour behind the rule, in a few
   * sentences. Written here (and in docs/rules.md), not in every finding.
   */
  readonly rationale?: string;
  /** Where the behaviour is written: upstream file and tag, or the document the rule comes from. */
  readonly sources: readonly string[];
  /** The Kubernetes release whose source the rule was read from (API server and kubelet rules). */
  readonly kubernetes?: string;
  /**
   * The first Kubernetes minor release (`1.33`) whose API server enforces the rule with its default
   * feature gates, where earlier supported releases do not; unset when every release does.
   */
  readonly since?: string;
  /**
   * Why the rule cannot be excluded (lint configuration) nor suppressed (an ignore-check
   * annotation); unset for the rules that can be.
   */
  readonly cannotSuppress?: string;
}

const VALIDATION = 'kubernetes pkg/apis/core/validation/validation.go@v1.35.4';
const HOSTPROCESS_DOC = 'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/';
const K8S = 'v1.35.4';

// The pod-spec rules the differential fuzzer (test/kube/fuzz.test.ts) showed the lint missing,
// read at the newest release the tests run (the same checks at v1.30.14 where no note says
// otherwise).
const VALIDATION_1_37 = 'kubernetes pkg/apis/core/validation/validation.go@v1.37.2';
const K8S_1_37 = 'v1.37.2';

// Why the decoding rules cannot be excluded or suppressed.
const DECODE_FIRST = 'the API server refuses the object before any other check, and the other rules cannot read an object that does not decode';

const RULE_LIST = [
  // ValidateVolumes → validateVolumeSource
  {
    id: 'volume-type-multiple',
    severity: 'error',
    provenance: 'api-server',
    description: 'a volume has more than one source (hostPath, emptyDir, configMap, ...)',
    message: 'may not specify more than 1 volume type',
    remediation: 'give each volume one source; split the others into volumes of their own',
    sources: [`${VALIDATION_1_37} validateVolumeSource`],
    kubernetes: K8S_1_37,
  },
  {
    id: 'volume-source-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'a hostPath volume needs a path without \'..\' and a known type; a configMap volume needs the ConfigMap\'s name',
    remediation: 'set hostPath.path (no .. element) and a hostPath.type the API server knows, or configMap.name',
    sources: [`${VALIDATION_1_37} validateHostPathVolumeSource, validatePathNoBacksteps, validateHostPathType, validateConfigMapVolumeSource`],
    kubernetes: K8S_1_37,
  },
  // ValidateVolumes
  {
    id: 'volume-name-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'a volume\'s name must be set and be a DNS-1123 label',
    remediation: 'name the volume with lowercase letters, digits and \'-\' (at most 63 characters)',
    sources: [`${VALIDATION_1_37} ValidateVolumes, ValidateDNS1123Label`, 'k8s.io/apimachinery pkg/util/validation/validation.go@v0.37.2 IsDNS1123Label'],
    kubernetes: K8S_1_37,
  },
  {
    id: 'volume-name-duplicate',
    severity: 'error',
    provenance: 'api-server',
    description: 'two volumes of a pod have the same name',
    remediation: 'give each volume its own name, and point each volumeMount at the one it means',
    sources: [`${VALIDATION_1_37} ValidateVolumes`],
    kubernetes: K8S_1_37,
  },
  // validateContainers, validateInitContainers → validateContainerCommon
  {
    id: 'container-name-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'a container\'s name must be set and be a DNS-1123 label',
    remediation: 'name the container with lowercase letters, digits and \'-\' (at most 63 characters)',
    sources: [`${VALIDATION_1_37} validateContainerCommon, ValidateDNS1123Label`, 'k8s.io/apimachinery pkg/util/validation/validation.go@v0.37.2 IsDNS1123Label'],
    kubernetes: K8S_1_37,
  },
  {
    id: 'container-image-required',
    severity: 'error',
    provenance: 'api-server',
    description: 'a container has no image',
    remediation: 'set the container\'s image',
    sources: [`${VALIDATION_1_37} validateContainerCommon`],
    kubernetes: K8S_1_37,
  },
  // validateContainerCommon → validateContainerPorts
  {
    id: 'container-port-name-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'a container port\'s name must be an IANA service name: at most 15 lowercase letters, digits and single hyphens, with a letter',
    remediation: 'name the port like http or metrics (lowercase, at most 15 characters, at least one letter)',
    sources: [`${VALIDATION_1_37} validateContainerPorts`, 'k8s.io/apimachinery pkg/util/validation/validation.go@v0.37.2 IsValidPortName'],
    kubernetes: K8S_1_37,
  },
  {
    id: 'container-port-name-duplicate',
    severity: 'error',
    provenance: 'api-server',
    description: 'two ports of one container have the same name',
    remediation: 'give each port of the container its own name',
    sources: [`${VALIDATION_1_37} validateContainerPorts`],
    kubernetes: K8S_1_37,
  },
  {
    id: 'container-port-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'a container port\'s containerPort must be set, from 1 to 65535',
    remediation: 'set containerPort to the port the process listens on (1-65535)',
    sources: [`${VALIDATION_1_37} validateContainerPorts`, 'k8s.io/apimachinery pkg/util/validation/validation.go@v0.37.2 IsValidPortNum'],
    kubernetes: K8S_1_37,
  },
  {
    id: 'host-port-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'a container port\'s hostPort, when set, must be from 1 to 65535 (a bare Pod on the host network takes it from containerPort)',
    remediation: 'set hostPort from 1 to 65535, or remove it',
    sources: [`${VALIDATION_1_37} validateContainerPorts`, 'kubernetes pkg/apis/core/v1/defaults.go@v1.37.2 SetDefaults_Pod (defaultHostNetworkPorts)'],
    kubernetes: K8S_1_37,
  },
  {
    id: 'container-port-protocol-unsupported',
    severity: 'error',
    provenance: 'api-server',
    description: 'a container port\'s protocol must be TCP, UDP or SCTP (upper case)',
    remediation: 'write the protocol as TCP, UDP or SCTP, or leave it out for TCP',
    sources: [`${VALIDATION_1_37} validateContainerPorts`],
    kubernetes: K8S_1_37,
  },
  // validateContainerCommon → ValidateVolumeMounts
  {
    id: 'volume-mount-volume-not-found',
    severity: 'error',
    provenance: 'api-server',
    description: 'a volumeMount names no valid volume of the pod',
    remediation: 'name a volume of the pod\'s volumes (one with no error of its own), or add the volume',
    sources: [`${VALIDATION_1_37} ValidateVolumeMounts, ValidateVolumes (a volume with an error is not mountable)`],
    kubernetes: K8S_1_37,
  },
  {
    id: 'volume-mount-path-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'a volumeMount needs a mountPath, one no other mount of the container has',
    remediation: 'give each mount of the container its own mountPath',
    sources: [`${VALIDATION_1_37} ValidateVolumeMounts`],
    kubernetes: K8S_1_37,
  },
  // validateContainerCommon → ValidateContainerResourceRequirements
  {
    id: 'resources-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'a container\'s resources name a resource containers cannot ask for, or a negative quantity',
    remediation: 'ask for cpu, memory, ephemeral-storage, hugepages-<size> or a domain-qualified extended resource, with a quantity of 0 or more',
    sources: [`${VALIDATION_1_37} validateResourceRequirements, ValidateContainerResourceName, ValidateResourceQuantityValue`],
    kubernetes: K8S_1_37,
  },
  {
    id: 'resources-request-exceeds-limit',
    severity: 'error',
    provenance: 'api-server',
    description: 'a container requests more of a resource than it limits (or, for hugepages and extended resources, other than it limits)',
    remediation: 'lower the request to the limit or raise the limit',
    sources: [
      `${VALIDATION_1_37} validateResourceRequirements`,
      'k8s.io/apimachinery pkg/api/resource/quantity.go@v0.37.2 (ParseQuantity, Cmp, String: values are printed in canonical form)',
      'kubernetes pkg/apis/core/v1/defaults.go@v1.37.2 SetDefaults_Pod (a bare Pod requests what it limits)',
    ],
    kubernetes: K8S_1_37,
  },
  // validateContainerCommon → ValidateSecurityContext
  {
    id: 'security-context-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'a container\'s runAsUser or runAsGroup out of range, or privileged (or CAP_SYS_ADMIN) with allowPrivilegeEscalation: false',
    remediation: 'use IDs from 0 to 2147483647; remove allowPrivilegeEscalation: false from a privileged container',
    sources: [`${VALIDATION_1_37} ValidateSecurityContext`],
    kubernetes: K8S_1_37,
  },
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
  // validateContainers, validateInitContainers
  {
    id: 'container-name-duplicate',
    severity: 'error',
    provenance: 'api-server',
    description: 'two containers of a pod (regular and init together) have the same name',
    remediation: 'give each container and init container its own name',
    sources: [`${VALIDATION_1_37} validateContainers, validateInitContainers`],
    kubernetes: K8S_1_37,
  },
  // validateLifecycle, validateProbe → validateHandler
  {
    id: 'handler-type-multiple',
    severity: 'error',
    provenance: 'api-server',
    description: 'a probe or lifecycle hook has more than one handler (exec, httpGet, tcpSocket, grpc, sleep)',
    message: 'may not specify more than 1 handler type',
    remediation: 'keep one handler: exec, httpGet, tcpSocket or grpc for a probe; exec, httpGet, tcpSocket or sleep for a hook',
    sources: [`${VALIDATION_1_37} validateHandler`],
    kubernetes: K8S_1_37,
  },
  {
    id: 'handler-exec-command-required',
    severity: 'error',
    provenance: 'api-server',
    description: 'an exec handler has no command',
    remediation: 'give exec.command the command to run, as a list',
    sources: [`${VALIDATION_1_37} validateExecAction`],
    kubernetes: K8S_1_37,
  },
  {
    id: 'handler-port-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'an httpGet, tcpSocket or grpc handler\'s port must be a number from 1 to 65535 or (httpGet, tcpSocket) a valid port name',
    remediation: 'give the port number, or the name of one of the container\'s ports',
    sources: [`${VALIDATION_1_37} ValidatePortNumOrName, validateHTTPGetAction, validateTCPSocketAction, validateGRPCAction`],
    kubernetes: K8S_1_37,
  },
  {
    id: 'lifecycle-sleep-seconds-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'a sleep hook\'s seconds must be from 0 to the pod\'s terminationGracePeriodSeconds (from 1 on Kubernetes 1.30, before PodLifecycleSleepActionAllowZero)',
    remediation: 'sleep for less than terminationGracePeriodSeconds (default 30), or raise it',
    sources: [
      `${VALIDATION_1_37} validateSleepAction`,
      'kubernetes pkg/apis/core/validation/validation.go@v1.30.14 validateSleepAction (must be greater than 0)',
    ],
    kubernetes: K8S_1_37,
  },
  {
    id: 'handler-type-required',
    severity: 'error',
    provenance: 'api-server',
    description: 'a probe or lifecycle hook has no handler (an empty preStop: {}, a probe with only timings)',
    message: 'must specify a handler type',
    remediation: 'give it one handler, or remove it',
    sources: [`${VALIDATION_1_37} validateHandler`],
    kubernetes: K8S_1_37,
  },
  {
    id: 'probe-settings-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'a probe\'s timings and thresholds must not be negative; liveness and startup probes need successThreshold 1; readiness probes take no terminationGracePeriodSeconds',
    remediation: 'use 0 or more (0 is the default), successThreshold 1 for liveness and startup probes, terminationGracePeriodSeconds above 0 and only on liveness and startup probes',
    sources: [`${VALIDATION_1_37} validateProbe, validateLivenessProbe, validateReadinessProbe, validateStartupProbe`],
    kubernetes: K8S_1_37,
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
  // validateInitContainers
  {
    id: 'init-container-restart-policy-unsupported',
    severity: 'error',
    provenance: 'api-server',
    description: 'an init container\'s restartPolicy must be Always (a sidecar), Never or OnFailure (Always only before Kubernetes 1.35, whose ContainerRestartRules gate is on by default)',
    remediation: 'set restartPolicy: Always for a sidecar, or leave it out',
    sources: [
      `${VALIDATION_1_37} validateInitContainerRestartPolicy, validateContainerRestartPolicy`,
      'kubernetes pkg/features/kube_features.go@v1.37.2 ContainerRestartRules (beta, on by default from 1.35)',
      'kubernetes pkg/apis/core/validation/validation.go@v1.30.14 validateInitContainers (Always only)',
    ],
    kubernetes: K8S_1_37,
  },
  {
    id: 'init-container-probes-and-hooks',
    severity: 'error',
    provenance: 'api-server',
    description: 'an init container that is not a sidecar (restartPolicy: Always) may have no probes and no lifecycle hooks',
    message: 'may not be set for init containers without restartPolicy=Always',
    remediation: 'set restartPolicy: Always to make it a sidecar, or remove the probes and hooks',
    sources: [`${VALIDATION_1_37} validateInitContainers`],
    kubernetes: K8S_1_37,
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
  // validatePodSpecSecurityContext
  {
    id: 'pod-security-context-invalid',
    severity: 'error',
    provenance: 'api-server',
    description: 'the pod\'s user and group IDs out of range, a sysctl without a valid name or twice, or a network (IPC) sysctl on a pod on the host network (IPC)',
    remediation: 'use IDs from 0 to 2147483647 and each sysctl once; a pod that shares the host\'s network or IPC cannot set that namespace\'s sysctls',
    sources: [
      `${VALIDATION_1_37} validatePodSpecSecurityContext, validateSysctls, ValidateHostSysctl`,
      'k8s.io/component-helpers node/util/sysctl/namespace.go@v0.37.2 GetNamespace',
    ],
    kubernetes: K8S_1_37,
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
  // validateShareProcessNamespace (1.37), in validatePodSpecSecurityContext before it
  {
    id: 'share-process-namespace-host-pid',
    severity: 'error',
    provenance: 'api-server',
    description: 'shareProcessNamespace: true cannot be combined with hostPID: true',
    message: 'ShareProcessNamespace and HostPID cannot both be enabled',
    remediation: 'remove shareProcessNamespace or hostPID (a windows pod may set neither shareProcessNamespace nor hostPID: true)',
    rationale: 'Kubernetes 1.37 reports it at the pod spec\'s shareProcessNamespace, where the manifest has the field, and so ' +
      'does the lint. Releases before 1.37 report it at securityContext.shareProcessNamespace, a field no manifest has: ' +
      'the API server\'s internal pod security context held the host namespace fields then, and the conversion copies ' +
      'them there.',
    sources: [
      `${VALIDATION_1_37} validateShareProcessNamespace`,
      'kubernetes pkg/apis/core/validation/validation.go@v1.36.1 validatePodSpecSecurityContext',
      'kubernetes pkg/apis/core/v1/conversion.go@v1.30.14 Convert_v1_PodSpec_To_core_PodSpec',
    ],
    kubernetes: K8S_1_37,
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
    sources: [
      'k8s.io/api@v0.37.2 and @v0.30.14 core/v1, apps/v1 and batch/v1 types.go (the Go types the API server decodes into: src/core/k8s/schema/, generated)',
      'sigs.k8s.io/json internal/golang/encoding/json/decode.go@v0.0.0-20250730193827-2d320260d730 (UnmarshalTypeError)',
    ],
    cannotSuppress: DECODE_FIRST,
    kubernetes: 'v1.37.2',
  },
  {
    id: 'unknown-field',
    severity: 'error',
    provenance: 'api-server',
    description: 'a field the object\'s type does not have: strict field validation (kubectl\'s default) rejects the object',
    remediation: 'remove the field or correct its name (names are case-sensitive); kubectl explain <kind>.<field> lists the fields',
    sources: [
      'sigs.k8s.io/json internal/golang/encoding/json/kubernetes_patch.go@v0.0.0-20250730193827-2d320260d730 (unknown field errors)',
      'k8s.io/apimachinery pkg/runtime/serializer/json/json.go@v0.37.2 (the strict serializer) and pkg/runtime/error.go@v0.37.2 (strict decoding error)',
      'k8s.io/apiserver pkg/endpoints/handlers/create.go@v0.37.2 (fieldValidation=Strict)',
    ],
    cannotSuppress: DECODE_FIRST,
    kubernetes: 'v1.37.2',
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
    message: 'the probe would always fail',
    remediation: 'add a port with that name to the probe\'s container, or give the port number',
    rationale: 'The kubelet looks a named probe port up among the ports of the container the probe belongs to, and the probe ' +
      'fails when none has the name; the API server checks only the name\'s syntax, so the pod starts and never passes the probe.',
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
    message: 'named pipes cannot be mounted into HostProcess containers',
    remediation: 'remove the volume and its volumeMounts and open the pipe by its host path (\\\\.\\pipe\\name)',
    rationale: 'HostProcess containers run on the host, where the pipe already is: a program opens it by its host path.',
    sources: [HOSTPROCESS_DOC],
  },
  {
    id: 'host-process-unix-socket-volume',
    severity: 'error',
    provenance: 'library',
    description: 'Unix domain sockets cannot be mounted into HostProcess containers',
    message: 'Unix domain sockets cannot be mounted into HostProcess containers',
    remediation: 'remove the volume and its volumeMounts and connect to the socket by its host path',
    rationale: 'HostProcess containers run on the host, where the socket already is: a program connects to it by its host path.',
    sources: [HOSTPROCESS_DOC],
  },
  {
    id: 'host-process-relative-working-dir',
    severity: 'warning',
    provenance: 'container-runtime',
    description: 'a relative workingDir resolves differently on containerd 1.6 and 1.7+',
    message: 'containerd 1.6 resolves it against the image\'s directory, 1.7+ against the shim\'s bundle directory or C:\\hpc\\<container id>\\',
    rationale: 'kubelet and containerd pass workingDir to hcsshim as written. hcsshim 0.9 (containerd 1.6) drops a drive letter ' +
      'and joins the path to the container\'s sandbox directory C:\\C\\<container id>\\, where the image is, so a leading ..\\ climbs ' +
      'out of it; hcsshim 0.10+ (containerd 1.7+) uses it unchanged on a node with the bind filter (bindfltapi.dll), relative to the ' +
      'shim\'s bundle directory, and without the bind filter joins it to C:\\hpc\\<container id>\\. Only a path starting with ' +
      '$env:CONTAINER_SANDBOX_MOUNT_POINT\\ (or %CONTAINER_SANDBOX_MOUNT_POINT%), which every version replaces by the image\'s ' +
      'directory, means the same everywhere.',
    remediation: 'start the path with $env:CONTAINER_SANDBOX_MOUNT_POINT\\ for the image, or change to a host directory in the command',
    sources: [
      'microsoft/hcsshim internal/jobcontainers/jobcontainer.go@v0.9.12 and @v0.11.7 (CreateProcess)',
      'containerd pkg/cri/server/container_create_windows.go@v1.6.39 and @v1.7.34',
    ],
  },
  {
    id: 'host-process-no-run-as-user-name',
    severity: 'warning',
    provenance: 'container-runtime',
    description: 'a HostProcess container with no runAsUserName (its own or the pod\'s) runs as the user its image names, and starts only if the node has that account or group',
    message: 'no runAsUserName on the container or the pod: it runs as the user its image names, if the node has it',
    remediation: 'set securityContext.windowsOptions.runAsUserName on the pod (HostProcessUser names the usual accounts)',
    rationale: 'The kubelet sends the runtime the image\'s user unless a runAsUserName overrides it, and containerd passes it on; ' +
      'hcsshim then logs the container on as that name, which fails unless the node has such an account or group, and refuses an ' +
      'empty one ("empty username or group name passed"), unless the pod has the annotation microsoft.com/hostprocess-inherit-user: ' +
      '"true" (then the runtime\'s own token, where containerd passes that annotation on).',
    sources: [
      'kubernetes pkg/kubelet/kuberuntime/kuberuntime_container_windows.go@v1.37.2 (generateWindowsContainerConfig: the image\'s user, ' +
        'overridden by the effective runAsUserName, pkg/securitycontext/util.go DetermineEffectiveSecurityContext)',
      'containerd pkg/cri/server/container_create_windows.go@v1.7.34 (containerSpec) and internal/cri/server/container_create.go@v2.3.4 ' +
        '(buildWindowsSpec): username := imageConfig.User unless RunAsUsername is set',
      'microsoft/hcsshim internal/jobcontainers/logon.go@v0.11.7 and @v0.14.1 (processToken: "empty username or group name passed"), ' +
        'jobcontainer.go (CreateProcess) and oci.go (inheritUserTokenIsSet: microsoft.com/hostprocess-inherit-user "true")',
    ],
  },
  {
    id: 'host-process-windows-field-without-os',
    severity: 'warning',
    provenance: 'library',
    description: 'a Linux-only field that the API server accepts only because spec.os is not set',
    message: 'accepted only because spec.os is not set: with spec.os.name: windows the API server rejects it',
    remediation: 'remove the field (with spec.os.name: windows the API server rejects it)',
    rationale: 'Without spec.os the API server runs no OS checks, so it accepts the Linux-only fields it forbids for a Windows pod. ' +
      'They do nothing there: a Windows kubelet passes only runAsUserName, gmsaCredentialSpec and hostProcess of a container\'s ' +
      'securityContext to the runtime, and containerd gives a Windows pod\'s sandbox and containers a network namespace only ' +
      '(hostPID and hostIPC replace nothing); HostProcess containers are processes hcsshim creates on the host in a job object.',
    sources: [`${VALIDATION} validateWindows`, 'kubernetes pkg/kubelet/kuberuntime/kuberuntime_container_windows.go@v1.32.10'],
  },
  {
    id: 'host-process-no-windows-node-selection',
    severity: 'warning',
    provenance: 'library',
    description: 'a HostProcess pod that nothing keeps off Linux nodes: no nodeSelector or required node affinity on a label only Windows nodes carry',
    message: 'no Windows node selection: the pod may be scheduled onto a Linux node',
    remediation: 'add nodeSelector kubernetes.io/os: windows',
    rationale: 'spec.os selects no nodes: only a nodeSelector, or a required node affinity whose every term requires it, on a label ' +
      'that only Windows nodes carry (kubernetes.io/os: windows, node.kubernetes.io/windows-build, a Windows ' +
      'kubernetes.azure.com/os-sku) keeps a pod off Linux nodes. A Linux kubelet rejects a pod whose spec.os.name is windows, and ' +
      'runs one without spec.os, where only a Windows kubelet would have passed hostProcess to the container runtime.',
    sources: [
      'kubernetes pkg/kubelet/lifecycle/predicate.go@v1.32.10 (rejectPodAdmissionBasedOnOSField)',
      // The labels accepted as a Windows node selection, each with who sets it.
      ...WINDOWS_NODE_LABELS.map(l => `${l.key}${l.values === undefined ? '' : ` (${l.values.join(', ')})`}: ${l.source}`),
    ],
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
  // what the cdk8s-plus line's typed classes keep of an escape-hatch patch (validation/escape-hatch-fields.ts)
  {
    id: 'escape-hatch-field-dropped',
    severity: 'error',
    provenance: 'library',
    description: 'a field an escape-hatch JSON patch writes that the cdk8s-plus line\'s typed classes drop from the manifest',
    remediation: 'use the first cdk8s-plus line that writes the field (its cdk8s-hostprocess package), or patch the key and form the typed classes read',
    sources: [
      'cdk8s lib/api-object.js@2.70.0 (ApiObject.toJson applies the patches to the untyped JSON)',
      'cdk8s-plus-NN lib/imports/k8s.js of every line (each L1 class\'s toJson keeps the fields its line\'s Kubernetes API has)',
    ],
  },
  // the lint's suppressions (rules/suppression.ts)
  {
    id: 'suppression-without-reason',
    severity: 'warning',
    provenance: 'library',
    description: 'an ignore-check.hostprocess.cdk8s.io/<rule-id> annotation with an empty justification: it suppresses the rule, and nobody can tell why',
    remediation: 'write why the rule does not apply to this object as the annotation\'s value',
    sources: ['the lint\'s suppressions (docs/lint.md "Configuration and suppressions"), after kube-linter\'s ignore-check.kube-linter.io/<check> annotations'],
  },
  {
    id: 'suppression-unknown-rule',
    severity: 'warning',
    provenance: 'library',
    description: 'an ignore-check.hostprocess.cdk8s.io/<rule-id> annotation names no rule of the catalog, or one that cannot be suppressed: it suppresses nothing',
    remediation: 'name a rule that cdk8s-hostprocess rules lists (IDs are kebab-case and case-sensitive), or remove the annotation',
    sources: ['the lint\'s suppressions (docs/lint.md "Configuration and suppressions"); the rules: docs/rules.md'],
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
  return kubernetesMinor(version) >= kubernetesMinor(entry.since);
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
