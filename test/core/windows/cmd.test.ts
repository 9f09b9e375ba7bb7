import { Cmd } from 'cdk8s-hostprocess';

describe('Cmd.run', () => {
  test.each([
    ['ping -t localhost > NUL', ['cmd.exe', '/c', 'ping -t localhost > NUL']],
    ['%CONTAINER_SANDBOX_MOUNT_POINT%\\pause.exe', ['cmd.exe', '/c', '%CONTAINER_SANDBOX_MOUNT_POINT%\\pause.exe']],
    ['echo $(NODE_NAME) & dir C:\\k', ['cmd.exe', '/c', 'echo $(NODE_NAME) & dir C:\\k']],
    ['echo ✓', ['cmd.exe', '/c', 'echo ✓']],
  ])('run(%j)', (line, expected) => {
    expect(Cmd.run(line)).toEqual(expected);
  });

  test('escapeKubernetesExpansion', () => {
    expect(Cmd.run('echo $(NODE_NAME) $$', { escapeKubernetesExpansion: true })).toEqual(['cmd.exe', '/c', 'echo $$(NODE_NAME) $$$$']);
  });

  test.each([
    ['', 'Cmd.run: Invalid value: "": the command line is empty (give the command cmd.exe runs)'],
    ['"C:\\Program Files\\x.exe" /q',
      'Cmd.run: Invalid value: "\\"C:\\\\Program Files\\\\x.exe\\" /q": a double quote does not reach cmd.exe intact (the runtime escapes it as \\", which cmd.exe does not understand; put the command in a script file, or use PowerShell.command with PowerShell.quote)'],
  ])('rejects %j', (line, message) => {
    expect(() => Cmd.run(line)).toThrow(message);
  });
});
