import { run } from '../../../src/core/cli/main';
import { RULES_USAGE } from '../../../src/core/cli/rules';
import { RULES } from '../../../src/core/rules/catalog';
import { rulesMarkdown } from '../../../src/core/rules/docs';

describe('cdk8s-hostprocess rules', () => {
  test.each([
    [[], 'text'],
    [['--format', 'text'], 'text'],
    [['--format=json'], 'json'],
    [['--format', 'markdown'], 'markdown'],
  ])('%j prints every rule as %s', (args, format) => {
    const result = run(['rules', ...args]);
    expect([result.exitCode, result.stderr]).toEqual([0, []]);
    const out = result.stdout.join('\n');
    if (format === 'json') {
      expect(JSON.parse(out).map((r: { id: string }) => r.id)).toEqual([...RULES.keys()]);
    } else if (format === 'markdown') {
      expect(`${out}\n`).toBe(rulesMarkdown());
    } else {
      for (const id of RULES.keys()) expect(out).toContain(`${id} `);
    }
  });

  test.each([
    [['--format', 'yaml'], 'cdk8s-hostprocess rules: unknown format "yaml": text, json or markdown (see cdk8s-hostprocess rules --help)'],
    [['--format'], 'cdk8s-hostprocess rules: --format needs a value: text, json or markdown (see cdk8s-hostprocess rules --help)'],
    [['--all'], 'cdk8s-hostprocess rules: unknown argument "--all" (see cdk8s-hostprocess rules --help)'],
  ])('%j is a usage error', (args, message) => {
    expect(run(['rules', ...args])).toMatchObject({ exitCode: 2, stdout: [], stderr: [message] });
  });

  test('--help prints its usage, and the program\'s --help includes it', () => {
    expect(run(['rules', '--help']).stdout).toEqual([RULES_USAGE]);
    expect(run(['--help']).stdout).toContain(RULES_USAGE);
  });
});

describe('the program without a command it knows', () => {
  test.each([
    [[], 'cdk8s-hostprocess: missing command: the commands are lint, convert and rules (see cdk8s-hostprocess --help)'],
    [['check'], 'cdk8s-hostprocess: unknown command "check": the commands are lint, convert and rules (see cdk8s-hostprocess --help)'],
  ])('%j names the program, not a command', (args, message) => {
    expect(run(args)).toMatchObject({ exitCode: 2, stdout: [], stderr: [message] });
  });

  test('--version prints the package name and version', () => {
    expect(run(['--version']).stdout).toEqual([expect.stringMatching(/^cdk8s-hostprocess \d+\.\d+\.\d+/)]);
  });
});
