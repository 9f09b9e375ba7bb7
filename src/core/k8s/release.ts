// Kubernetes releases as the rules and the tests compare them.

/** The minor number of a Kubernetes release (`v1.30.14`, `1.30` → 30); NaN for anything else. */
export function kubernetesMinor(version: string): number {
  return Number(/^v?1\.(\d+)/.exec(version)?.[1] ?? NaN);
}
