// The Kubernetes releases the server suites run against, and the etcd that stores for them.
// The newest release the Go module proxy serves here, and the oldest release docs/admission-policy.md supports
// with admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy (GA in 1.30: kubernetes
// pkg/features/kube_features.go@v1.30.14, `genericfeatures.ValidatingAdmissionPolicy: {Default: true,
// PreRelease: featuregate.GA, LockToDefault: true}`).

/** One Kubernetes release the tests start an API server of. */
export interface KubeVersion {
  /** The k8s.io/kubernetes module version (the release tag). */
  readonly kubernetes: string;
  /** Its staging modules' version (k8s.io/api and the others): v0.<minor>.<patch>. */
  readonly staging: string;
}

function release(tag: string): KubeVersion {
  const [, minor, patch] = /^v1\.(\d+)\.(\d+)$/.exec(tag) ?? [];
  if (minor === undefined) throw new Error(`not a Kubernetes release tag: ${tag}`);
  return { kubernetes: tag, staging: `v0.${minor}.${patch}` };
}

/** Newest first; the first is the default of everything that takes one version. */
export const KUBE_VERSIONS: readonly KubeVersion[] = [release('v1.37.2'), release('v1.30.14')];

/** The etcd server (go.etcd.io/etcd/server/v3); its v3 API serves every release above. */
export const ETCD_VERSION = 'v3.6.16';
