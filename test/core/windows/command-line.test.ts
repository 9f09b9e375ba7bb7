import { Cmd, PowerShell, SandboxPath } from 'cdk8s-hostprocess';

// A model of how a Windows container runtime passes `command` + `args` to the process: Go's
// syscall.EscapeArg joins the list into one command line, and the program splits it again with the
// Microsoft C runtime rules (CommandLineToArgvW). docs/accounts-and-paths.md ("Paths in the sandbox,
// and commands") and the PowerShell docs claim that every list element then arrives as exactly one
// argument, spaces, quotes and backslashes included.

function escapeArg(s: string): string {
  if (s.length === 0) return '""';
  const needsBackslash = /["\\]/.test(s);
  const hasSpace = /[ \t]/.test(s);
  if (!needsBackslash && !hasSpace) return s;
  if (!needsBackslash) return `"${s}"`;
  let out = hasSpace ? '"' : '';
  let slashes = 0;
  for (const c of s) {
    if (c === '\\') {
      slashes++;
    } else if (c === '"') {
      out += '\\'.repeat(slashes + 1);
      slashes = 0;
    } else {
      slashes = 0;
    }
    out += c;
  }
  if (hasSpace) out += '\\'.repeat(slashes) + '"';
  return out;
}

function commandLineToArgv(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    let arg = '';
    let quoted = false;
    while (i < line.length && (quoted || (line[i] !== ' ' && line[i] !== '\t'))) {
      let slashes = 0;
      while (line[i] === '\\') { slashes++; i++; }
      if (line[i] === '"') {
        arg += '\\'.repeat(Math.floor(slashes / 2));
        if (slashes % 2 === 1) {
          arg += '"';
        } else if (quoted && line[i + 1] === '"') {
          arg += '"';
          i++;
        } else {
          quoted = !quoted;
        }
        i++;
      } else {
        arg += '\\'.repeat(slashes);
        if (i < line.length && (quoted || (line[i] !== ' ' && line[i] !== '\t'))) arg += line[i++];
      }
    }
    args.push(arg);
  }
  return args;
}

const roundTrip = (argv: string[]) => commandLineToArgv(argv.map(escapeArg).join(' '));

const AWKWARD = [
  'two words',
  'say "hi"',
  'C:\\Program Files\\agent\\',
  'C:\\no-space\\',
  'ends with a quote"',
  '\\\\.\\pipe\\csi-proxy',
  '$env:CONTAINER_SANDBOX_MOUNT_POINT\\x',
  '--metrics-address="0.0.0.0:29615"',
  'tab\there',
  '',
];

describe('command builders under Windows command-line quoting', () => {
  test('the model round-trips on its own, and catches naive quoting', () => {
    expect(roundTrip(AWKWARD)).toEqual(AWKWARD);
    // Quotes around a path that ends in a backslash: the backslash escapes the closing quote.
    expect(commandLineToArgv('"C:\\Program Files\\agent\\" next')).toEqual(['C:\\Program Files\\agent" next']);
  });

  test('PowerShell.file: every argument arrives as one argument', () => {
    const argv = PowerShell.sandboxFile(SandboxPath.of('agent/start.ps1'), AWKWARD);
    expect(roundTrip(argv)).toEqual(argv);
    expect(argv.slice(-AWKWARD.length)).toEqual(AWKWARD);
  });

  test('PowerShell.command: a script with spaces, quotes and backslashes arrives as one argument', () => {
    const script = `New-Item -ItemType Directory -Force -Path ${PowerShell.quote('C:\\Program Files\\it\'s "here"\\')}`;
    const argv = PowerShell.command(script);
    const received = roundTrip(argv);
    expect(received).toEqual(argv);
    expect(received[received.length - 1]).toBe(script);
  });

  test('Cmd.run: the command line arrives as the argument after /c', () => {
    const argv = Cmd.run('ping -t localhost > NUL');
    expect(roundTrip(argv)).toEqual(['cmd.exe', '/c', 'ping -t localhost > NUL']);
  });
});
