import { PowerShell, SandboxPath } from 'cdk8s-hostprocess';

const FLAGS = ['-NoLogo', '-NonInteractive', '-ExecutionPolicy', 'Bypass'];

/** What PowerShell makes of a single-quoted literal: the text between the quotes, doubled quotes undoubled. */
function parseSingleQuoted(literal: string): string {
  expect(literal[0]).toBe('\'');
  expect(literal[literal.length - 1]).toBe('\'');
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if ('\'\u2018\u2019\u201A\u201B'.includes(c)) {
      // A lone quote character would end the string: it must be doubled.
      expect(body[i + 1]).toBe(c);
      i += 1;
    }
    out += c;
  }
  return out;
}

describe('PowerShell.command', () => {
  test('the default invocation', () => {
    expect(PowerShell.command('Start-Sleep -Seconds 2147483')).toEqual(
      ['powershell.exe', ...FLAGS, '-Command', 'Start-Sleep -Seconds 2147483']);
  });

  test.each([
    [{ executable: PowerShell.PWSH }, ['pwsh.exe', ...FLAGS, '-Command', 'Get-Date']],
    [{ unattended: false }, ['powershell.exe', '-Command', 'Get-Date']],
    [{ executable: SandboxPath.of('pwsh/pwsh.exe').cmd, unattended: false },
      ['%CONTAINER_SANDBOX_MOUNT_POINT%\\pwsh\\pwsh.exe', '-Command', 'Get-Date']],
  ])('options %j', (options, expected) => {
    expect(PowerShell.command('Get-Date', options)).toEqual(expected);
  });

  test.each([
    // The script is one element, whatever it contains: the runtime quotes it for the command line.
    ['Write-Output "a b"; Write-Output \'c\'', 'Write-Output "a b"; Write-Output \'c\''],
    ['New-Item -Force -Path C:\\var\\lib\\kubelet\\plugins\\', 'New-Item -Force -Path C:\\var\\lib\\kubelet\\plugins\\'],
    ['Write-Output $env:NODE_NAME $(NODE_NAME)', 'Write-Output $env:NODE_NAME $(NODE_NAME)'],
    ['Write-Output ✓ 日本', 'Write-Output ✓ 日本'],
    ['line 1\nline 2', 'line 1\nline 2'],
  ])('keeps the script %j as one element', (script, element) => {
    const cmd = PowerShell.command(script);
    expect(cmd).toHaveLength(7);
    expect(cmd[6]).toBe(element);
  });

  test('escapeKubernetesExpansion doubles every $', () => {
    expect(PowerShell.command('Write-Output $$ $(NODE_NAME) $env:X', { escapeKubernetesExpansion: true })[6])
      .toBe('Write-Output $$$$ $$(NODE_NAME) $$env:X');
  });

  test.each([
    ['', 'PowerShell.command: Invalid value: "": the script is empty (give the PowerShell code to run)'],
    [' \n', 'PowerShell.command: Invalid value: " \\n": the script is empty (give the PowerShell code to run)'],
  ])('rejects the script %j', (script, message) => {
    expect(() => PowerShell.command(script)).toThrow(message);
  });

  test('rejects an empty executable', () => {
    expect(() => PowerShell.command('x', { executable: '' })).toThrow(
      'PowerShell: executable: Invalid value: "": the executable is empty (use PowerShell.WINDOWS_POWERSHELL or PowerShell.PWSH)');
  });
});

describe('PowerShell.file and sandboxFile', () => {
  test.each([
    [PowerShell.file('C:\\scripts\\Sync-Addons.ps1'), ['powershell.exe', ...FLAGS, '-File', 'C:\\scripts\\Sync-Addons.ps1']],
    [PowerShell.file('C:\\scripts\\a.ps1', ['-Name', 'two words', '']),
      ['powershell.exe', ...FLAGS, '-File', 'C:\\scripts\\a.ps1', '-Name', 'two words', '']],
    [PowerShell.sandboxFile(SandboxPath.of('kube-proxy/start.ps1')),
      ['powershell.exe', ...FLAGS, '-File', '$env:CONTAINER_SANDBOX_MOUNT_POINT\\kube-proxy\\start.ps1']],
    [PowerShell.sandboxFile(SandboxPath.of('var/lib/antrea-windows/Install-OVS.ps1'), ['-LocalFile', '$(NODE_NAME)'], { escapeKubernetesExpansion: true }),
      ['powershell.exe', ...FLAGS, '-File', '$$env:CONTAINER_SANDBOX_MOUNT_POINT\\var\\lib\\antrea-windows\\Install-OVS.ps1', '-LocalFile', '$$(NODE_NAME)']],
    [PowerShell.file('start.ps1', [], { executable: PowerShell.PWSH, unattended: false }), ['pwsh.exe', '-File', 'start.ps1']],
  ])('%#: %j', (actual, expected) => {
    expect(actual).toEqual(expected);
  });

  test('rejects an empty path', () => {
    expect(() => PowerShell.file('')).toThrow('PowerShell.file: Invalid value: "": the script path is empty (give the .ps1 file to run)');
  });
});

describe('PowerShell.quote', () => {
  test.each([
    ['', '\'\''],
    ['plain', '\'plain\''],
    ['two words', '\'two words\''],
    ['it\'s', '\'it\'\'s\''],
    ['\'\'', '\'\'\'\'\'\''],
    ['say "hi"', '\'say "hi"\''],
    ['C:\\Program Files\\agent\\', '\'C:\\Program Files\\agent\\\''],
    ['$env:PATH $(Get-Date) $$ `n', '\'$env:PATH $(Get-Date) $$ `n\''],
    ['$(NODE_NAME)', '\'$(NODE_NAME)\''],
    ['typographic ‘x’ ‚y‛', '\'typographic ‘‘x’’ ‚‚y‛‛\''],
    ['日本語 ✓ é', '\'日本語 ✓ é\''],
    ['line 1\nline 2', '\'line 1\nline 2\''],
  ])('quote(%j)', (value, literal) => {
    expect(PowerShell.quote(value)).toBe(literal);
    expect(parseSingleQuoted(literal)).toBe(value);
  });

  test('a quoted value inside a command', () => {
    expect(PowerShell.command(`New-Item -ItemType Directory -Force -Path ${PowerShell.quote('C:\\Program Files\\it\'s')}`)[6])
      .toBe('New-Item -ItemType Directory -Force -Path \'C:\\Program Files\\it\'\'s\'');
  });
});
