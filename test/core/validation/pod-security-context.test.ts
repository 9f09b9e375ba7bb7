// validatePodSpecSecurityContext before its windowsOptions (validation.go@v1.37.2): IDs and sysctls.
import { errors } from './helpers';

const S = 'spec.securityContext';
const pod = (securityContext: any, fields: Record<string, unknown> = {}) =>
  ({ containers: [{ name: 'a', image: 'img' }], securityContext, ...fields });

describe('the pod\'s securityContext', () => {
  test.each<[string, any, Record<string, unknown>, string[]]>([
    ['valid IDs', { runAsUser: 1000, runAsGroup: 0, fsGroup: 2000, supplementalGroups: [3000] }, {}, []],
    ['a negative fsGroup', { fsGroup: -5 }, {}, [`${S}.fsGroup: Invalid value: -5: must be between 0 and 2147483647, inclusive`]],
    ['a supplemental group out of range', { supplementalGroups: [1, 2147483648] }, {},
      [`${S}.supplementalGroups[1]: Invalid value: 2147483648: must be between 0 and 2147483647, inclusive`]],
    ['a network sysctl', { sysctls: [{ name: 'net.ipv4.ip_forward', value: '1' }] }, {}, []],
    ['a network sysctl on the host network (every HostProcess pod)', { sysctls: [{ name: 'net.ipv4.ip_forward', value: '1' }] }, { hostNetwork: true },
      [`${S}.sysctls[0].name: Invalid value: "net.ipv4.ip_forward": may not be specified when 'hostNetwork' is true`]],
    ['an IPC sysctl, written with slashes, with the host IPC', { sysctls: [{ name: 'kernel/shm_rmid_forced', value: '1' }] }, { hostIPC: true },
      [`${S}.sysctls[0].name: Invalid value: "kernel/shm_rmid_forced": may not be specified when 'hostIPC' is true`]],
    ['an IPC sysctl on the host network', { sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }] }, { hostNetwork: true }, []],
    ['a sysctl without a name', { sysctls: [{ value: '1' }] }, {}, [`${S}.sysctls[0].name: Required value`]],
    ['a sysctl name with upper case', { sysctls: [{ name: 'Bad_Name', value: '1' }] }, {}, [
      `${S}.sysctls[0].name: Invalid value: "Bad_Name": must have at most 253 characters and match regex ` +
      '^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$',
    ]],
    ['a sysctl twice', { sysctls: [{ name: 'kernel.msgmax', value: '1' }, { name: 'kernel.msgmax', value: '2' }] }, {},
      [`${S}.sysctls[1].name: Duplicate value: "kernel.msgmax"`]],
  ])('%s', (_name, securityContext, fields, expected) => {
    expect(errors(pod(securityContext, fields))).toEqual(expected);
  });
});
