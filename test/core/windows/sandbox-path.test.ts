import { SandboxPath } from 'cdk8s-hostprocess';

describe('SandboxPath', () => {
  test.each([
    // [input, relativePath, powershell, cmd]
    ['kube-proxy/start.ps1', 'kube-proxy\\start.ps1', '$env:CONTAINER_SANDBOX_MOUNT_POINT\\kube-proxy\\start.ps1', '%CONTAINER_SANDBOX_MOUNT_POINT%\\kube-proxy\\start.ps1'],
    ['kube-proxy\\start.ps1', 'kube-proxy\\start.ps1', '$env:CONTAINER_SANDBOX_MOUNT_POINT\\kube-proxy\\start.ps1', '%CONTAINER_SANDBOX_MOUNT_POINT%\\kube-proxy\\start.ps1'],
    ['kube-proxy/', 'kube-proxy', '$env:CONTAINER_SANDBOX_MOUNT_POINT\\kube-proxy', '%CONTAINER_SANDBOX_MOUNT_POINT%\\kube-proxy'],
    ['./a//b/./c.exe', 'a\\b\\c.exe', '$env:CONTAINER_SANDBOX_MOUNT_POINT\\a\\b\\c.exe', '%CONTAINER_SANDBOX_MOUNT_POINT%\\a\\b\\c.exe'],
    ['Program Files/Amazon/agent.exe', 'Program Files\\Amazon\\agent.exe', '$env:CONTAINER_SANDBOX_MOUNT_POINT\\Program Files\\Amazon\\agent.exe', '%CONTAINER_SANDBOX_MOUNT_POINT%\\Program Files\\Amazon\\agent.exe'],
    ['.', '', '$env:CONTAINER_SANDBOX_MOUNT_POINT', '%CONTAINER_SANDBOX_MOUNT_POINT%'],
    ['dossier/écrit-日本.ps1', 'dossier\\écrit-日本.ps1', '$env:CONTAINER_SANDBOX_MOUNT_POINT\\dossier\\écrit-日本.ps1', '%CONTAINER_SANDBOX_MOUNT_POINT%\\dossier\\écrit-日本.ps1'],
    ['..foo/bar..', '..foo\\bar..', '$env:CONTAINER_SANDBOX_MOUNT_POINT\\..foo\\bar..', '%CONTAINER_SANDBOX_MOUNT_POINT%\\..foo\\bar..'],
  ])('of(%j)', (input, relativePath, powershell, cmd) => {
    const p = SandboxPath.of(input);
    expect(p.relativePath).toBe(relativePath);
    expect(p.powershell).toBe(powershell);
    expect(p.cmd).toBe(cmd);
  });

  test('ROOT is the sandbox directory', () => {
    expect(SandboxPath.ROOT.relativePath).toBe('');
    expect(SandboxPath.ROOT.powershell).toBe('$env:CONTAINER_SANDBOX_MOUNT_POINT');
    expect(SandboxPath.ROOT.cmd).toBe('%CONTAINER_SANDBOX_MOUNT_POINT%');
  });

  test('join appends and leaves the original unchanged', () => {
    const dir = SandboxPath.of('calico');
    expect(dir.join('node/node-service.ps1').cmd).toBe('%CONTAINER_SANDBOX_MOUNT_POINT%\\calico\\node\\node-service.ps1');
    expect(SandboxPath.ROOT.join('a').relativePath).toBe('a');
    expect(dir.relativePath).toBe('calico');
  });

  test.each([
    ['', 'SandboxPath: Invalid value: "": the path is empty (use SandboxPath.ROOT for the sandbox directory itself)'],
    ['  ', 'SandboxPath: Invalid value: "  ": the path is empty (use SandboxPath.ROOT for the sandbox directory itself)'],
    ['/var/lib/kube-proxy', 'SandboxPath: Invalid value: "/var/lib/kube-proxy": the path must be relative to the sandbox (remove the leading drive or separator; a host path needs no SandboxPath)'],
    ['\\k\\bin', 'SandboxPath: Invalid value: "\\\\k\\\\bin": the path must be relative to the sandbox (remove the leading drive or separator; a host path needs no SandboxPath)'],
    ['\\\\.\\pipe\\x', 'SandboxPath: Invalid value: "\\\\\\\\.\\\\pipe\\\\x": the path must be relative to the sandbox (remove the leading drive or separator; a host path needs no SandboxPath)'],
    ['C:\\hpc\\x', 'SandboxPath: Invalid value: "C:\\\\hpc\\\\x": the path must be relative to the sandbox (remove the leading drive or separator; a host path needs no SandboxPath)'],
    ['c:x', 'SandboxPath: Invalid value: "c:x": the path must be relative to the sandbox (remove the leading drive or separator; a host path needs no SandboxPath)'],
    ['../x', 'SandboxPath: Invalid value: "../x": ".." is not allowed (the path must stay inside the sandbox; use a host path for anything outside it)'],
    ['a\\..\\..\\CalicoWindows', 'SandboxPath: Invalid value: "a\\\\..\\\\..\\\\CalicoWindows": ".." is not allowed (the path must stay inside the sandbox; use a host path for anything outside it)'],
    ['a/b:c', 'SandboxPath: Invalid value: "a/b:c": "b:c" contains a character Windows does not allow in a path (<>:"|?* or a control character)'],
    ['a/*.ps1', 'SandboxPath: Invalid value: "a/*.ps1": "*.ps1" contains a character Windows does not allow in a path (<>:"|?* or a control character)'],
    ['say"hi"', 'SandboxPath: Invalid value: "say\\"hi\\"": "say\\"hi\\"" contains a character Windows does not allow in a path (<>:"|?* or a control character)'],
    ['a\nb', 'SandboxPath: Invalid value: "a\\nb": "a\\nb" contains a character Windows does not allow in a path (<>:"|?* or a control character)'],
  ])('rejects %j', (input, message) => {
    expect(() => SandboxPath.of(input)).toThrow(message);
  });

  test('join rejects what of rejects', () => {
    expect(() => SandboxPath.of('a').join('..')).toThrow('".." is not allowed');
  });
});
