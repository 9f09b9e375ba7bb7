import { Testing } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessEnv } from 'cdk8s-hostprocess';

const image = 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0';
const SYSTEM_PATH = 'C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem;C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\';
const PATHEXT = '.COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC;.CPL';

function values(env: { [name: string]: { value?: string } }): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.value]));
}

describe('HostProcessEnv.windowsPath', () => {
  test.each([
    [{}, SYSTEM_PATH],
    [{ systemRoot: 'D:\\Windows\\' }, 'D:\\Windows\\system32;D:\\Windows;D:\\Windows\\System32\\Wbem;D:\\Windows\\System32\\WindowsPowerShell\\v1.0\\'],
    [{ prepend: ['C:\\k', 'C:\\Program Files\\containerd'] }, `C:\\k;C:\\Program Files\\containerd;${SYSTEM_PATH}`],
  ])('%j', (options, path) => {
    expect(values(HostProcessEnv.windowsPath(options))).toEqual({ PATH: path, PATHEXT });
  });

  test('literal paths only: Kubernetes and Windows do not expand %SystemRoot% in a process PATH', () => {
    expect(HostProcessEnv.windowsPath().PATH.value).not.toContain('%');
  });

  test.each([
    [{ systemRoot: '' }, 'HostProcessEnv.windowsPath: systemRoot: Invalid value: "": give the Windows directory as a host path, for example C:\\Windows'],
    [{ prepend: ['C:\\a;C:\\b'] }, 'HostProcessEnv.windowsPath: prepend: Invalid value: "C:\\\\a;C:\\\\b": each entry must be one non-empty directory without ";"'],
    [{ prepend: [''] }, 'HostProcessEnv.windowsPath: prepend: Invalid value: "": each entry must be one non-empty directory without ";"'],
  ])('rejects %j', (options, message) => {
    expect(() => HostProcessEnv.windowsPath(options)).toThrow(message);
  });
});

describe('HostProcessEnv.apiServer', () => {
  test.each([
    ['10.0.0.1', 6443, { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '6443' }],
    ['api.example.com', 443, { KUBERNETES_SERVICE_HOST: 'api.example.com', KUBERNETES_SERVICE_PORT: '443' }],
    ['fd00::1', 6443, { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '6443' }],
  ])('%s:%d', (host, port, expected) => {
    expect(values(HostProcessEnv.apiServer(host, port))).toEqual(expected);
  });

  test.each([
    ['', 6443, 'HostProcessEnv.apiServer: host: Invalid value: "": give the API server\'s address or DNS name alone, without scheme, port or path'],
    ['https://10.0.0.1', 6443, 'HostProcessEnv.apiServer: host: Invalid value: "https://10.0.0.1": give the API server\'s address or DNS name alone, without scheme, port or path'],
    ['10.0.0.1:6443', 6443, 'HostProcessEnv.apiServer: host: Invalid value: "10.0.0.1:6443": give the API server\'s address or DNS name alone, without scheme, port or path'],
    ['[fd00::1]', 6443, 'HostProcessEnv.apiServer: host: Invalid value: "[fd00::1]": give the API server\'s address or DNS name alone, without scheme, port or path'],
    ['10.0.0.1', 0, 'HostProcessEnv.apiServer: port: Invalid value: 0: must be between 1 and 65535, inclusive'],
    ['10.0.0.1', 65536, 'HostProcessEnv.apiServer: port: Invalid value: 65536: must be between 1 and 65535, inclusive'],
    ['10.0.0.1', 1.5, 'HostProcessEnv.apiServer: port: Invalid value: 1.5: must be between 1 and 65535, inclusive'],
  ])('rejects %j:%j', (host, port, message) => {
    expect(() => HostProcessEnv.apiServer(host, port)).toThrow(message);
  });
});

test('the presets spread into a container\'s env', () => {
  const chart = Testing.chart();
  new HostProcessDaemonSet(chart, 'agent', {
    containers: [{
      image,
      envVariables: { ...HostProcessEnv.windowsPath(), ...HostProcessEnv.apiServer('10.0.0.1', 6443) },
    }],
  });
  const ds = Testing.synth(chart).find((m: any) => m.kind === 'DaemonSet');
  expect(ds.spec.template.spec.containers[0].env).toEqual([
    { name: 'PATH', value: SYSTEM_PATH },
    { name: 'PATHEXT', value: PATHEXT },
    { name: 'KUBERNETES_SERVICE_HOST', value: '10.0.0.1' },
    { name: 'KUBERNETES_SERVICE_PORT', value: '6443' },
  ]);
});
