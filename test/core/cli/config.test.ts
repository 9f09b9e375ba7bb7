// The lint's configuration: the file (.cdk8s-hostprocess.yaml or --config), the flags that add to
// it, include/exclude, --fail-on and the skip globs.
import { HOST_NETWORK_FALSE, NO_NODE_SELECTOR, SEED } from './manifests';
import { ConfigError, parseConfig, ruleFilter, skipMatcher } from '../../../src/core/cli/config';
import { LintOptions, lint, parseArgs } from '../../../src/core/cli/lint';
import { ConfigFs, configure, run } from '../../../src/core/cli/main';

const FILE = '.cdk8s-hostprocess.yaml';

describe('parseConfig', () => {
  test('kube-linter\'s shape: checks.include and checks.exclude, with failOn and skip', () => {
    expect(parseConfig('checks:\n  include: [host-process-host-network]\n  exclude: [host-process-relative-working-dir]\nfailOn: warning\nskip: ["charts/**/tests"]\n', FILE))
      .toEqual({ include: ['host-process-host-network'], exclude: ['host-process-relative-working-dir'], failOn: 'warning', skip: ['charts/**/tests'] });
  });

  test.each(['', '# nothing yet\n', 'checks:\n', 'checks: {}\nskip: []\n'])('an empty configuration (%j) changes nothing', text => {
    expect(parseConfig(text, FILE)).toEqual({ include: [], exclude: [], failOn: undefined, skip: [] });
  });

  test.each<[string, string, string]>([
    ['an unknown rule ID, with the ID meant', 'checks:\n  exclude: [host-proces-host-network]\n',
      `${FILE}: checks.exclude[0]: unknown rule "host-proces-host-network" (did you mean "host-process-host-network"?): cdk8s-hostprocess rules lists the rules`],
    ['an ID in the wrong case', 'checks:\n  include: [a-rule, Host-Process-Host-Network]\n',
      `${FILE}: checks.include[0]: unknown rule "a-rule": cdk8s-hostprocess rules lists the rules`],
    ['an ID in the wrong case, second', 'checks:\n  include: [Host-Process-Host-Network]\n',
      `${FILE}: checks.include[0]: unknown rule "Host-Process-Host-Network" (did you mean "host-process-host-network"?)`],
    ['a rule that cannot be excluded', 'checks:\n  exclude: [unknown-field]\n',
      `${FILE}: checks.exclude[0]: rule unknown-field cannot be excluded: the API server refuses the object before any other check`],
    ['an unknown setting', 'check:\n  exclude: []\n', `${FILE}: check: not a setting of the lint: the settings are checks (include, exclude), failOn and skip`],
    ['a kube-linter setting with another shape here', 'checks:\n  ignorePaths: [a]\n',
      `${FILE}: checks.ignorePaths: not a setting of the lint (write the globs as skip, at the top level): checks has include and exclude`],
    ['a list where a mapping belongs', 'checks: [a]\n', `${FILE}: checks: a list, not a mapping with include and exclude`],
    ['a string where a list belongs', 'checks:\n  exclude: host-process-host-network\n',
      `${FILE}: checks.exclude: "host-process-host-network", not a list of rule IDs`],
    ['a number in a list', 'skip: [a, 3]\n', `${FILE}: skip[1]: 3, not a string`],
    ['an empty glob', 'skip: [""]\n', `${FILE}: skip[0]: an empty glob: give a path pattern such as charts/*/tests/**`],
    ['a failOn that is not error or warning', 'failOn: info\n', `${FILE}: failOn: "info" is not error or warning`],
    ['a document that is not a mapping', '- a\n', `${FILE}: a list, not the configuration (the settings are checks (include, exclude), failOn and skip)`],
    ['broken YAML, with line and column', 'checks:\n  exclude: [a\n', `${FILE}: line 3, column 1: not valid YAML:`],
  ])('%s is a ConfigError naming the file and the field', (_, text, message) => {
    expect(() => parseConfig(text, FILE)).toThrow(ConfigError);
    expect(() => parseConfig(text, FILE)).toThrow(message);
  });
});

describe('ruleFilter: exclude wins over include; the decoding rules are always on', () => {
  test.each<[string, string[], string[], string, boolean]>([
    ['every rule by default', [], [], 'host-process-host-network', true],
    ['an excluded rule is off', [], ['host-process-host-network'], 'host-process-host-network', false],
    ['with include, only its rules', ['host-process-host-network'], [], 'host-process-relative-working-dir', false],
    ['with include, its rule', ['host-process-host-network'], [], 'host-process-host-network', true],
    ['included and excluded: excluded', ['host-process-host-network'], ['host-process-host-network'], 'host-process-host-network', false],
    ['with include, decode-type-mismatch still', ['host-process-host-network'], [], 'decode-type-mismatch', true],
    ['with include, unknown-field still', ['host-process-host-network'], [], 'unknown-field', true],
  ])('%s', (_, include, exclude, id, reported) => {
    expect(ruleFilter(include, exclude)(id)).toBe(reported);
  });
});

describe('skipMatcher', () => {
  test.each<[string, string[], string, boolean]>([
    ['* within a segment', ['rendered/*.yaml'], 'rendered/a.yaml', true],
    ['* does not cross /', ['rendered/*.yaml'], 'rendered/sub/a.yaml', false],
    ['** crosses /', ['rendered/**/*.yaml'], 'rendered/sub/deep/a.yaml', true],
    ['**/ matches no folder too', ['rendered/**/a.yaml'], 'rendered/a.yaml', true],
    ['a folder skips what is under it', ['charts/vendor'], 'charts/vendor/x/y.yaml', true],
    ['a folder with a trailing /', ['charts/vendor/'], 'charts/vendor/y.yaml', true],
    ['a glob with / matches from the start', ['vendor/*.yaml'], 'charts/vendor/y.yaml', false],
    ['a glob without / matches any segment', ['tests'], 'charts/a/tests/t.yaml', true],
    ['... or a file name', ['*.tmpl.yaml'], 'charts/a/x.tmpl.yaml', true],
    ['... not part of one', ['test'], 'charts/tests/t.yaml', false],
    ['./ and \\ are read as the path', ['rendered/a.yaml'], '.\\rendered\\a.yaml', true],
    ['? is one character', ['a?.yaml'], 'ab.yaml', true],
    ['dots are literal', ['a.yaml'], 'aXyaml', false],
  ])('%s', (_, globs, file, skipped) => {
    expect(skipMatcher(globs)(file)).toBe(skipped);
  });
});

describe('flags', () => {
  test.each<[string, string[], Partial<LintOptions>]>([
    ['comma-separated and repeated', ['--include', 'host-process-host-network,host-process-relative-working-dir', '--include=host-port-mismatch', 'a.yaml'],
      { include: ['host-process-host-network', 'host-process-relative-working-dir', 'host-port-mismatch'] }],
    ['exclude, skip, fail-on, summary, config', ['--exclude', 'host-port-mismatch', '--skip', 'a/*,b', '--fail-on', 'warning', '--summary', '--config', 'c.yaml', 'a.yaml'],
      { exclude: ['host-port-mismatch'], skip: ['a/*', 'b'], failOn: 'warning', summary: true, config: 'c.yaml' }],
    ['--no-config', ['--no-config', 'a.yaml'], { noConfig: true }],
  ])('%s', (_, argv, options) => {
    const args = parseArgs(argv);
    expect(args.usageError).toBeUndefined();
    expect(args.options).toMatchObject(options);
  });

  test.each<[string[], string]>([
    [['--exclude', 'host-proces-host-network', 'a.yaml'], '--exclude: unknown rule "host-proces-host-network" (did you mean "host-process-host-network"?): cdk8s-hostprocess rules lists the rules'],
    [['--include=nope', 'a.yaml'], '--include: unknown rule "nope": cdk8s-hostprocess rules lists the rules'],
    [['--exclude', 'decode-type-mismatch', 'a.yaml'], '--exclude: rule decode-type-mismatch cannot be excluded: the API server refuses the object before any other check'],
    [['--exclude', ',', 'a.yaml'], '--exclude needs a value: rule IDs, comma-separated'],
    [['--skip'], '--skip needs a value: globs of paths'],
    [['--fail-on', 'info', 'a.yaml'], '--fail-on "info": use error or warning'],
    [['--config'], '--config needs a value: the configuration file'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(parseArgs(argv).usageError).toContain(message);
  });

  test('a usage error of a flag exits 2 with one line naming the flag', () => {
    expect(run(['lint', '--exclude', 'nope', 'a.yaml'])).toMatchObject({
      exitCode: 2,
      stderr: ['cdk8s-hostprocess lint: --exclude: unknown rule "nope": cdk8s-hostprocess rules lists the rules (see cdk8s-hostprocess lint --help)'],
    });
  });
});

describe('configure: the file, found or given, and the flags that add to it', () => {
  const files = (entries: { [name: string]: string }): ConfigFs => ({
    existsSync: p => p in entries,
    readFileSync: p => {
      if (!(p in entries)) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
      return entries[p];
    },
  });
  const args = (...argv: string[]) => parseArgs([...argv, 'a.yaml']).options;

  test('found in the current folder; the flags add to its lists and --fail-on overrides its failOn', () => {
    const fsi = files({ [`/w/${FILE}`]: 'checks:\n  exclude: [host-process-host-network]\nfailOn: warning\nskip: [vendor]\n' });
    expect(configure(args('--exclude', 'host-port-mismatch', '--skip', 'x', '--fail-on', 'error'), '/w', fsi)).toEqual({
      options: expect.objectContaining({ exclude: ['host-process-host-network', 'host-port-mismatch'], skip: ['vendor', 'x'], failOn: 'error' }),
    });
    expect(configure(args(), '/w', fsi).options.failOn).toBe('warning');
  });

  test('.yml is found too; both is a usage error', () => {
    expect(configure(args(), '/w', files({ '/w/.cdk8s-hostprocess.yml': 'failOn: warning\n' })).options.failOn).toBe('warning');
    expect(configure(args(), '/w', files({ [`/w/${FILE}`]: '', '/w/.cdk8s-hostprocess.yml': '' })).usageError)
      .toBe('.cdk8s-hostprocess.yaml and .cdk8s-hostprocess.yml are both in the current folder: keep one, or give --config FILE');
  });

  test('--no-config leaves the file alone; --config reads the file given instead', () => {
    const fsi = files({ [`/w/${FILE}`]: 'failOn: warning\n', '/w/team.yaml': 'checks: {exclude: [host-port-mismatch]}\n' });
    expect(configure(args('--no-config'), '/w', fsi).options.failOn).toBeUndefined();
    expect(configure(args('--config', 'team.yaml'), '/w', fsi).options).toMatchObject({ exclude: ['host-port-mismatch'], failOn: undefined });
  });

  test('a --config file that cannot be read, or a file with a bad field, is a usage error naming it', () => {
    expect(configure(args('--config', 'gone.yaml'), '/w', files({})).usageError).toBe('--config gone.yaml: the configuration cannot be read: no such file or directory');
    expect(configure(args(), '/w', files({ [`/w/${FILE}`]: 'checks: {exclude: [nope]}\n' })).usageError)
      .toBe(`${FILE}: checks.exclude[0]: unknown rule "nope": cdk8s-hostprocess rules lists the rules`);
  });
});

describe('the run under a configuration', () => {
  test('an excluded rule is not reported; the exit code follows what is left', () => {
    const result = lint([{ file: 'hn.yaml', content: HOST_NETWORK_FALSE }], { format: 'text', all: false, exclude: ['host-process-host-network'] });
    expect(result).toMatchObject({ exitCode: 0, stdout: [], findings: [] });
  });

  test('with include, only its rules are reported', () => {
    const text = `${HOST_NETWORK_FALSE}---\n${NO_NODE_SELECTOR}`;
    const result = lint([{ file: 'a.yaml', content: text }], { format: 'text', all: false, include: ['host-process-no-windows-node-selection'] });
    expect(result.findings.map(f => f.rule)).toEqual(['host-process-no-windows-node-selection']);
    expect(result.exitCode).toBe(0);
  });

  test('--fail-on warning: a warning alone exits 1', () => {
    const input = [{ file: 'ds.yaml', content: NO_NODE_SELECTOR }];
    expect(lint(input, { format: 'text', all: false }).exitCode).toBe(0);
    expect(lint(input, { format: 'text', all: false, failOn: 'warning' }).exitCode).toBe(1);
  });

  test('a skipped path is not read, and the summary counts it', () => {
    const result = lint([{ file: 'charts/vendor/hn.yaml', content: HOST_NETWORK_FALSE }, { file: 'seed.yaml', content: SEED }],
      { format: 'text', all: false, skip: ['vendor'], summary: true });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toEqual(['cdk8s-hostprocess lint: 1 file read (1 skipped), 1 object (1 checked): 0 errors, 0 warnings, 0 suppressed']);
  });
});
