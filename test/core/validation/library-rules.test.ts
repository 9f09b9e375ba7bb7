import { Severity } from 'cdk8s-hostprocess';
import { errors, hostProcessSpec, lines, withContainer, withPodSecurity } from './helpers';
import { validatePodSpec } from '../../../src/core/validation/pod-spec-rules';

const LIBRARY_RULE = '(cdk8s-hostprocess rule from the Kubernetes HostProcess documentation; the API server does not check it)';
const NON_ROOT = `Invalid value: true: HostProcess containers have privileged access to the host, so runAsNonRoot cannot be true ${LIBRARY_RULE}`;

describe('runAsNonRoot cannot be true on a HostProcess pod (library rule)', () => {
  test.each<[string, any, string[]]>([
    ['pod runAsNonRoot: true', withPodSecurity({ runAsNonRoot: true }), [`spec.securityContext.runAsNonRoot: ${NON_ROOT}`]],
    ['container runAsNonRoot: true', withContainer({ securityContext: { runAsNonRoot: true } }),
      [`spec.containers[0].securityContext.runAsNonRoot: ${NON_ROOT}`]],
    ['runAsNonRoot: false', withPodSecurity({ runAsNonRoot: false }), []],
    ['not a HostProcess pod', { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [{ name: 'a', image: 'img' }] }, []],
  ])('%s', (_name, spec, expected) => {
    expect(errors(spec)).toEqual(expected);
  });
});

describe('named pipes and Unix sockets are reached by their host path, not mounted (library rule)', () => {
  const volume = (hostPath: any) => hostProcessSpec({ volumes: [{ name: 'v', hostPath }] });
  const pipe = (value: string, hostPath: string) => `spec.volumes[0].hostPath.path: Invalid value: ${JSON.stringify(value)}: ` +
    `named pipes cannot be mounted into HostProcess containers (its host path: ${hostPath}) ${LIBRARY_RULE}`;
  const socket = (value: string) => `spec.volumes[0].hostPath.path: Invalid value: ${JSON.stringify(value)}: ` +
    `Unix domain sockets cannot be mounted into HostProcess containers ${LIBRARY_RULE}`;
  test.each<[string, any, string[]]>([
    ['\\\\.\\pipe\\csi-proxy-v1', { path: '\\\\.\\pipe\\csi-proxy-v1' }, [pipe('\\\\.\\pipe\\csi-proxy-v1', '\\\\.\\pipe\\csi-proxy-v1')]],
    ['//./pipe/containerd-containerd', { path: '//./pipe/containerd-containerd' }, [pipe('//./pipe/containerd-containerd', '\\\\.\\pipe\\containerd-containerd')]],
    ['npipe:////./pipe/docker_engine', { path: 'npipe:////./pipe/docker_engine' }, [pipe('npipe:////./pipe/docker_engine', '\\\\.\\pipe\\docker_engine')]],
    ['a .sock file', { path: 'C:\\var\\lib\\kubelet\\plugins\\csi.sock' }, [socket('C:\\var\\lib\\kubelet\\plugins\\csi.sock')]],
    ['a unix:// address', { path: 'unix:///run/agent' }, [socket('unix:///run/agent')]],
    ['hostPath type Socket', { path: 'C:\\run\\agent', type: 'Socket' }, [socket('C:\\run\\agent')]],
    ['a directory', { path: 'C:\\var\\lib\\kubelet\\plugins', type: 'DirectoryOrCreate' }, []],
    ['a file', { path: 'C:\\etc\\kube-flannel\\net-conf.json' }, []],
  ])('%s', (_name, hostPath, expected) => {
    expect(errors(volume(hostPath))).toEqual(expected);
  });

  test('a pipe volume in a pod that is not HostProcess is left to the runtime', () => {
    const spec = { os: { name: 'windows' }, containers: [{ name: 'a', image: 'img' }], volumes: [{ name: 'v', hostPath: { path: '\\\\.\\pipe\\x' } }] };
    expect(errors(spec)).toEqual([]);
  });
});

const WORKING_DIR = 'containerd 1.6 resolves it against the image\'s directory, 1.7+ against the shim\'s bundle directory or ' +
  'C:\\hpc\\<container id>\\ (cdk8s-hostprocess warning; the API server accepts it)';

describe('a relative workingDir is a warning (library rule)', () => {
  test.each<[string, boolean]>([
    ['..\\..\\CalicoWindows', true],
    ['.\\node', true],
    ['hpc', true],
    ['C:foo', true],
    ['C:\\CalicoWindows', false],
    ['c:/CalicoWindows', false],
    ['C:', false],
    ['/var/run/secrets', false],
    ['\\var\\run', false],
    ['$env:CONTAINER_SANDBOX_MOUNT_POINT\\opt', false],
    ['%CONTAINER_SANDBOX_MOUNT_POINT%\\opt', false],
    // hcsshim replaces only the $env: and %...% forms, and only as written; these stay relative paths.
    ['$CONTAINER_SANDBOX_MOUNT_POINT/opt', true],
    ['${CONTAINER_SANDBOX_MOUNT_POINT}\\opt', true],
    ['$env:container_sandbox_mount_point\\opt', true],
    ['%Container_Sandbox_Mount_Point%\\opt', true],
  ])('workingDir %s: warning %s', (workingDir, warned) => {
    const findings = validatePodSpec(withContainer({ workingDir }), 'spec');
    expect(findings.filter(f => f.severity === Severity.ERROR)).toEqual([]);
    expect(findings.filter(f => f.severity === Severity.WARNING).map(f => f.field)).toEqual(warned ? ['spec.containers[0].workingDir'] : []);
  });

  test('the warning says where containerd 1.6 and 1.7 put the path, and the fix', () => {
    expect(lines(withContainer({ workingDir: '..\\CalicoWindows' }))).toEqual([
      `spec.containers[0].workingDir: relative path "..\\\\CalicoWindows": ${WORKING_DIR}`,
    ]);
    expect(validatePodSpec(withContainer({ workingDir: 'x' }), 'spec')[0].severity).toBe(Severity.WARNING);
  });

  test.each<[string, any]>([
    ['relative', { name: 'b', mountPath: 'etc\\cni' }],
    ['relative with /', { name: 'b', mountPath: 'etc/cni' }],
    ['absolute', { name: 'a', mountPath: 'C:\\etc\\cni' }],
    ['rooted', { name: 'a', mountPath: '/etc/cni' }],
  ])('a %s mountPath is not a warning: kubelet makes it absolute (c:\\ + path) for both runtimes', (_name, mount) => {
    const volumes = [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }];
    expect(lines({ ...withContainer({ volumeMounts: [mount] }), volumes })).toEqual([]);
  });

  test('init containers are checked too', () => {
    const spec = hostProcessSpec({ initContainers: [{ name: 'i', image: 'img', workingDir: 'x' }] });
    expect(validatePodSpec(spec, 'spec').map(f => f.field)).toEqual(['spec.initContainers[0].workingDir']);
  });

  test('a pod that is not HostProcess is not checked', () => {
    const spec = { os: { name: 'windows' }, containers: [{ name: 'a', image: 'img', workingDir: 'x' }] };
    expect(lines(spec)).toEqual([]);
  });
});
