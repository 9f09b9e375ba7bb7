/**
 * Paths (`a.b[0].c`) where `expected` has a value that `actual` lacks or differs in. Arrays are
 * compared element by element; objects key by key; everything else with ===.
 */
export function missingFrom(actual: unknown, expected: unknown, path = ''): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list`];
    return expected.flatMap((e, i) => missingFrom(actual[i], e, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path}: expected a mapping`];
    return Object.entries(expected).flatMap(([k, v]) =>
      missingFrom((actual as Record<string, unknown>)[k], v, path ? `${path}.${k}` : k));
  }
  return actual === expected ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** Every leaf path of `value` (`a.b[0].c`). */
export function leafPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, path ? `${path}.${k}` : k));
  }
  return [path];
}

/** The Linux-only security fields a pod with `spec.os.name: windows` must not have (rules §C). */
const LINUX_POD_FIELDS = ['hostPID', 'hostIPC', 'hostUsers', 'shareProcessNamespace'];
const LINUX_POD_SECURITY_FIELDS = [
  'appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'fsGroup', 'fsGroupChangePolicy', 'sysctls',
  'runAsUser', 'runAsGroup', 'supplementalGroups', 'supplementalGroupsPolicy', 'seLinuxChangePolicy',
];
const LINUX_CONTAINER_SECURITY_FIELDS = [
  'appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem',
  'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup',
];

/** The Linux-only (and runAsNonRoot: true) fields present in a pod spec, as paths. */
export function linuxOnlyFields(spec: any): string[] {
  const found: string[] = [];
  for (const f of LINUX_POD_FIELDS) if (spec[f] !== undefined) found.push(f);
  for (const f of LINUX_POD_SECURITY_FIELDS) if (spec.securityContext?.[f] !== undefined) found.push(`securityContext.${f}`);
  if (spec.securityContext?.runAsNonRoot === true) found.push('securityContext.runAsNonRoot');
  for (const kind of ['initContainers', 'containers', 'ephemeralContainers']) {
    (spec[kind] ?? []).forEach((c: any, i: number) => {
      for (const f of LINUX_CONTAINER_SECURITY_FIELDS) {
        if (c.securityContext?.[f] !== undefined) found.push(`${kind}[${i}].securityContext.${f}`);
      }
      if (c.securityContext?.runAsNonRoot === true) found.push(`${kind}[${i}].securityContext.runAsNonRoot`);
    });
  }
  return found;
}
