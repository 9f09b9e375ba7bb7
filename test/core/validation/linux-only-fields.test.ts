import { Severity } from 'cdk8s-hostprocess';
import { errors, hostProcessSpec, lines } from './helpers';
import { validatePodSpec } from '../../../src/core/validation/pod-spec-rules';

const API_SERVER = 'accepted only because spec.os is not set: with spec.os.name: windows the API server rejects it ' +
  '(Forbidden: cannot be set for a windows pod)';
const FIX = ' (cdk8s-hostprocess warning; the API server accepts it)';
const POD = `${API_SERVER}${FIX}`;
const CONTAINER = `${API_SERVER}; a Windows kubelet does not pass it to the container runtime${FIX}`;
const HOST_NAMESPACE = (field: string) => `${field}: true does nothing on a HostProcess pod: containerd gives a Windows pod a ` +
  `network namespace only; ${API_SERVER}${FIX}`;

/** A HostProcess pod without spec.os, with `patch` over the top-level fields. */
function withoutOs(patch: Record<string, unknown> = {}): any {
  return hostProcessSpec({ os: undefined, ...patch });
}

function podSecurity(fields: Record<string, unknown>): any {
  const spec = withoutOs();
  return { ...spec, securityContext: { ...spec.securityContext, ...fields } };
}

function containerSecurity(fields: Record<string, unknown>): any {
  const spec = withoutOs();
  return { ...spec, containers: [{ ...spec.containers[0], securityContext: fields }] };
}

describe('fields a Windows pod may not set are warnings without spec.os (library warning)', () => {
  test.each<[string, any, string[]]>([
    ['pod runAsUser', podSecurity({ runAsUser: 0 }), [`spec.securityContext.runAsUser: ${POD}`]],
    ['pod seccompProfile', podSecurity({ seccompProfile: { type: 'RuntimeDefault' } }), [`spec.securityContext.seccompProfile: ${POD}`]],
    // (A network sysctl is refused on the host network: pod-security-context.test.ts.)
    ['pod sysctls', podSecurity({ sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }] }), [`spec.securityContext.sysctls: ${POD}`]],
    ['pod sysctls: [] (the API server allows an empty list)', podSecurity({ sysctls: [] }), []],
    ['shareProcessNamespace: false', withoutOs({ shareProcessNamespace: false }), [`spec.shareProcessNamespace: ${POD}`]],
    ['hostPID: true', withoutOs({ hostPID: true }), [`spec.hostPID: ${HOST_NAMESPACE('hostPID')}`]],
    ['hostIPC: true', withoutOs({ hostIPC: true }), [`spec.hostIPC: ${HOST_NAMESPACE('hostIPC')}`]],
    ['hostPID: false', withoutOs({ hostPID: false }), []],
    ['container privileged: true', containerSecurity({ privileged: true }), [`spec.containers[0].securityContext.privileged: ${CONTAINER}`]],
    ['container privileged: false (rejected when present)', containerSecurity({ privileged: false }),
      [`spec.containers[0].securityContext.privileged: ${CONTAINER}`]],
    ['container capabilities', containerSecurity({ capabilities: { add: ['NET_ADMIN'] } }),
      [`spec.containers[0].securityContext.capabilities: ${CONTAINER}`]],
    ['container seccompProfile and runAsUser, in validateWindows order', containerSecurity({ runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } }), [
      `spec.containers[0].securityContext.seccompProfile: ${CONTAINER}`,
      `spec.containers[0].securityContext.runAsUser: ${CONTAINER}`,
    ]],
    ['container windowsOptions and runAsNonRoot: false are Windows fields', containerSecurity({ runAsNonRoot: false, windowsOptions: { hostProcess: true } }), []],
  ])('%s', (_name, spec, expected) => {
    expect(errors(spec)).toEqual([]);
    expect(lines(spec)).toEqual(expected);
  });

  test('init containers are checked too, under the pod template path', () => {
    const spec = withoutOs({ initContainers: [{ name: 'i', image: 'img', securityContext: { allowPrivilegeEscalation: false } }] });
    expect(lines(spec, 'spec.template.spec')).toEqual([`spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation: ${CONTAINER}`]);
    expect(validatePodSpec(spec, 'spec')[0].severity).toBe(Severity.WARNING);
  });

  test('with spec.os.name: windows the same fields are the API server\'s errors, and no warning', () => {
    const spec = { ...containerSecurity({ privileged: true }), os: { name: 'windows' }, hostPID: true };
    expect(lines(spec)).toEqual([
      'spec.hostPID: Forbidden: cannot be set for a windows pod',
      'spec.containers[0].securityContext.privileged: Forbidden: cannot be set for a windows pod',
    ]);
  });

  test('shareProcessNamespace: true with hostPID: true is the API server\'s error, not a warning that it accepts the field', () => {
    expect(lines(withoutOs({ hostPID: true, shareProcessNamespace: true }))).toEqual([
      'spec.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled',
      `spec.hostPID: ${HOST_NAMESPACE('hostPID')}`,
    ]);
    // With either false, each field is the warning it is alone.
    expect(lines(withoutOs({ hostPID: false, shareProcessNamespace: true }))).toEqual([`spec.shareProcessNamespace: ${POD}`]);
  });

  test('a pod that is not HostProcess is not checked', () => {
    expect(lines({ hostPID: true, containers: [{ name: 'a', image: 'img', securityContext: { privileged: true } }] })).toEqual([]);
  });
});
