import { validatePodSpec } from '../../../src/core/validation/pod-spec-rules';
import { formatFinding } from '../../../src/core/validation/util';

/** A HostProcess pod spec the API server accepts. `patch` replaces top-level fields. */
export function hostProcessSpec(patch: Record<string, unknown> = {}): any {
  return {
    os: { name: 'windows' },
    nodeSelector: { 'kubernetes.io/os': 'windows' },
    hostNetwork: true,
    securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } },
    containers: [{ name: 'agent', image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022' }],
    ...patch,
  };
}

/** `hostProcessSpec` whose pod securityContext has `fields` next to windowsOptions. */
export function withPodSecurity(fields: Record<string, unknown>): any {
  const spec = hostProcessSpec();
  return { ...spec, securityContext: { ...spec.securityContext, ...fields } };
}

/** `hostProcessSpec` whose one container has `fields` merged in. */
export function withContainer(fields: Record<string, unknown>): any {
  const spec = hostProcessSpec();
  return { ...spec, containers: [{ ...spec.containers[0], ...fields }] };
}

/** Every finding as `field: message`, errors and warnings alike. */
export function lines(spec: any, prefix = 'spec'): string[] {
  return validatePodSpec(spec, prefix).map(formatFinding);
}

/** Error findings only, as `field: message`. */
export function errors(spec: any, prefix = 'spec'): string[] {
  return validatePodSpec(spec, prefix).filter(f => f.severity === 'error').map(formatFinding);
}
