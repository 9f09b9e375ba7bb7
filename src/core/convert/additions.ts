// What a converted program writes that its input may not have: the fields the library (and kplus
// under it) always writes. Each is the value the API server would default the field to, or what a
// HostProcess pod needs anyway. docs/convert.md "Migrating existing manifests" lists them; the round-trip
// test allows exactly these differences (and the fields named on stderr). The API server's defaults
// are as the fields' documentation in k8s.io/api core/v1, apps/v1 and batch/v1 types.go@v0.35.0 says
// ("Defaults to 30 seconds", "Defaults to 600s", "Defaults to 25%", `"Allow" (default)`, ...).

/** A field a converted program may add. */
export interface Addition {
  /**
   * Where: `pod.` is the pod spec (`spec`, `spec.template.spec` or
   * `spec.jobTemplate.spec.template.spec`), `template.` the pod template's metadata, `spec.` the
   * workload's spec; `[*]` is any list index.
   */
  readonly field: string;
  /** The kinds it is added to. */
  readonly kinds: string[];
  /** The value added; absent when it depends on the object (said in `value`'s place by `why`). */
  readonly value?: unknown;
  readonly why: string;
}

const PODS = ['DaemonSet', 'Deployment', 'Job', 'CronJob', 'Pod'];
const LONG_RUNNING = ['DaemonSet', 'Deployment', 'Pod'];

/** Every field a converted program may add, when the input does not set it. */
export const ADDITIONS: Addition[] = [
  { field: 'pod.os.name', kinds: PODS, value: 'windows', why: 'so that the API server applies its Windows checks (the library always writes it)' },
  { field: 'pod.hostNetwork', kinds: PODS, value: true, why: 'a HostProcess pod must have it' },
  { field: 'pod.nodeSelector.kubernetes.io/os', kinds: PODS, value: 'windows', why: 'a HostProcess pod runs only on Windows nodes' },
  { field: 'pod.securityContext.windowsOptions.hostProcess', kinds: PODS, value: true, why: 'where only the containers set it: the library writes it at pod level too' },
  { field: 'pod.securityContext.windowsOptions.runAsUserName', kinds: PODS, why: 'where only the containers set it (all the same account): the library writes it at pod level too' },
  {
    field: 'pod.dnsPolicy',
    kinds: PODS,
    value: 'Default',
    why: 'a HostProcess pod resolves names as its node does whatever its dnsPolicy (README "What HostProcess containers are"; the sources are cited in src/plus/pod-spec.ts)',
  },
  { field: 'pod.restartPolicy', kinds: LONG_RUNNING, value: 'Always', why: 'kplus writes it; the API server\'s default' },
  { field: 'pod.terminationGracePeriodSeconds', kinds: PODS, value: 30, why: 'kplus writes it; the API server\'s default' },
  { field: 'pod.setHostnameAsFQDN', kinds: PODS, value: false, why: 'kplus writes it; the API server\'s default' },
  {
    field: 'pod.automountServiceAccountToken',
    kinds: PODS,
    value: true,
    why: 'the token is mounted, as the API server does when neither the pod nor its service account says otherwise (kplus would write false)',
  },
  {
    field: 'pod.containers[*].imagePullPolicy',
    kinds: PODS,
    why: 'the API server\'s default for the image: Always for the latest tag or no tag, else IfNotPresent (kplus would write Always)',
  },
  { field: 'pod.initContainers[*].imagePullPolicy', kinds: PODS, why: 'as for containers' },
  ...['livenessProbe', 'readinessProbe', 'startupProbe'].flatMap(probe => [
    { field: `pod.containers[*].${probe}.failureThreshold`, kinds: PODS, value: 3, why: 'kplus writes it; the API server\'s default' },
    { field: `pod.containers[*].${probe}.httpGet.scheme`, kinds: PODS, value: 'HTTP', why: 'kplus writes it; the API server\'s default' },
  ]),
  { field: 'pod.volumes[*].hostPath.type', kinds: PODS, value: '', why: 'kplus writes it; the API server\'s default (HostPathUnset)' },
  {
    field: 'template.labels.cdk8s.io/metadata.addr',
    kinds: PODS,
    why: 'kplus labels every pod with its construct address; the label is part of the pod template, so applying the program changes the template of the objects the input created',
  },
  { field: 'spec.minReadySeconds', kinds: ['DaemonSet', 'Deployment'], value: 0, why: 'kplus writes it; the API server\'s default' },
  { field: 'spec.progressDeadlineSeconds', kinds: ['Deployment'], value: 600, why: 'kplus writes it; the API server\'s default' },
  { field: 'spec.replicas', kinds: ['Deployment'], value: 1, why: 'the API server\'s default (kplus would write 2)' },
  {
    field: 'spec.strategy',
    kinds: ['Deployment'],
    value: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    why: 'kplus writes it; the API server\'s default',
  },
  { field: 'spec.concurrencyPolicy', kinds: ['CronJob'], value: 'Allow', why: 'the API server\'s default (kplus would write Forbid)' },
  { field: 'spec.successfulJobsHistoryLimit', kinds: ['CronJob'], value: 3, why: 'kplus writes it; the API server\'s default' },
  { field: 'spec.failedJobsHistoryLimit', kinds: ['CronJob'], value: 1, why: 'kplus writes it; the API server\'s default' },
  { field: 'spec.suspend', kinds: ['CronJob'], value: false, why: 'kplus writes it; the API server\'s default' },
];
