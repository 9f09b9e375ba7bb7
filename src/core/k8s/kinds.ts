// The kinds that hold a pod spec: where each keeps it, its API version, and the construct that
// writes it. The engine, lint, convert and the constructs read this table and nothing else.

/** One kind with a pod spec. */
export interface PodKind {
  /** The API version the library writes (apps/v1, batch/v1, v1). */
  readonly apiVersion: string;
  /** The pod spec's field path (`spec.template.spec`). */
  readonly podSpec: string;
  /** The HostProcess construct that writes the kind, if one does. */
  readonly construct?: string;
}

const KIND_LIST: [string, PodKind][] = [
  ['Pod', { apiVersion: 'v1', podSpec: 'spec', construct: 'HostProcessPod' }],
  ['PodTemplate', { apiVersion: 'v1', podSpec: 'template.spec' }],
  ['Deployment', { apiVersion: 'apps/v1', podSpec: 'spec.template.spec', construct: 'HostProcessDeployment' }],
  ['ReplicaSet', { apiVersion: 'apps/v1', podSpec: 'spec.template.spec' }],
  ['ReplicationController', { apiVersion: 'v1', podSpec: 'spec.template.spec' }],
  ['StatefulSet', { apiVersion: 'apps/v1', podSpec: 'spec.template.spec' }],
  ['DaemonSet', { apiVersion: 'apps/v1', podSpec: 'spec.template.spec', construct: 'HostProcessDaemonSet' }],
  ['Job', { apiVersion: 'batch/v1', podSpec: 'spec.template.spec', construct: 'HostProcessJob' }],
  ['CronJob', { apiVersion: 'batch/v1', podSpec: 'spec.jobTemplate.spec.template.spec', construct: 'HostProcessCronJob' }],
];

const KINDS = new Map(KIND_LIST);

/** The kind `kind` if it holds a pod spec (own entries only: `constructor` is no kind). */
export function podKind(kind: unknown): PodKind | undefined {
  return typeof kind === 'string' ? KINDS.get(kind) : undefined;
}

/** The pod spec's field path of `kind`, which must hold one (the constructs' kinds). */
export function podSpecPath(kind: 'Pod' | 'Deployment' | 'DaemonSet' | 'Job' | 'CronJob'): string {
  return KINDS.get(kind)!.podSpec;
}
