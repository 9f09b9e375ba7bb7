// `convert` proven by round trip: every manifest under test/fixtures/ (the three agents' upstream
// manifests, the AKS seed, the rendered Helm output) and the public ones transcribed under
// test/fixtures/convert/ becomes a program; the program is the one committed under programs/ (so
// that `npm test`'s eslint checks the code convert writes), it compiles with strict tsc, and what
// it synthesizes equals the input as parsed values, but for the documented additions (ADDITIONS)
// and the fields convert says on stderr it left out (a field it says it kept must be there).
// Set CONVERT_UPDATE=1 to rewrite the committed programs from convert's output.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { unexplained } from './round-trip-check';
import { ROUND_TRIP_FIXTURES } from './round-trip-fixtures';
import { ADDITIONS } from '../../../src/core/convert/additions';
import { ConvertResult, convert } from '../../../src/core/convert/convert';
import { spoolManifests } from '../../util/spool';

const ROOT = path.join(__dirname, '..', '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const PROGRAMS = path.join(__dirname, 'programs');

interface Case {
  /** The fixture, relative to test/fixtures. */
  readonly fixture: string;
  /** The program's file name under programs/. */
  readonly program: string;
  readonly exitCode: number;
  /** The synth error, for an input the API server rejects (the library reports it at synth). */
  readonly synthError?: RegExp;
}

/** The fixtures under test/fixtures/convert with a field kept by escape hatch or left out. */
const KEEPS_OR_LEAVES_OUT = new Set(['csi-smb-node-windows.yaml', 'escape-hatches.yaml']);

const CASES: Case[] = [
  { fixture: 'csi-proxy.yaml', program: 'csi-proxy.ts', exitCode: 0 },
  { fixture: 'calico-kube-proxy.yaml', program: 'calico-kube-proxy.ts', exitCode: 0 },
  { fixture: 'windows-exporter.yaml', program: 'windows-exporter.ts', exitCode: 0 },
  { fixture: 'aks-hostprocess.yaml', program: 'aks-hostprocess.ts', exitCode: 0 },
  { fixture: 'rendered/agent.yaml', program: 'rendered-agent.ts', exitCode: 1 },
  {
    fixture: 'rendered/exporter.yaml',
    program: 'rendered-exporter.ts',
    exitCode: 1,
    synthError: /\[manifests\/windows-exporter\] spec\.template\.spec\.containers\[0\]\.ports\[0\]\.hostPort: Invalid value: 9100: must match `containerPort` when `hostNetwork` is true/,
  },
  ...fs.readdirSync(path.join(FIXTURES, 'convert')).filter(f => f.endsWith('.yaml')).sort().map(f => ({
    fixture: `convert/${f}`, program: `${f.replace(/\.yaml$/, '')}.ts`, exitCode: KEEPS_OR_LEAVES_OUT.has(f) ? 1 : 0,
  })),
];

function parse(text: string): any[] {
  const docs = YAML.parseAllDocuments(text, { version: '1.1' });
  return (Array.isArray(docs) ? docs : [docs]).map(d => d.toJS()).filter(v => v !== null && v !== undefined)
    .flatMap(v => (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items) ? v.items : [v]));
}

const results = new Map<string, ConvertResult>();
function converted(c: Case): ConvertResult {
  let result = results.get(c.fixture);
  if (!result) {
    const file = path.join('test', 'fixtures', c.fixture);
    result = convert([{ file, content: fs.readFileSync(path.join(ROOT, file)) }], { packageName: 'cdk8s-hostprocess', line: 27 });
    results.set(c.fixture, result);
  }
  return result;
}

let outdir: string;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hostprocess-convert-'));
  if (process.env.CONVERT_UPDATE) {
    for (const c of CASES) fs.writeFileSync(path.join(PROGRAMS, c.program), converted(c).program!);
  }
});

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
});

test('every program compiles with strict tsc (noUnusedLocals, noImplicitAny, ...)', () => {
  const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
  const result = spawnSync(tsc, ['-p', path.join(PROGRAMS, 'tsconfig.json')], { encoding: 'utf8' });
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
}, 120_000);

test('every fixture has a case, and every program a fixture', () => {
  expect(fs.readdirSync(PROGRAMS).filter(f => f.endsWith('.ts')).sort()).toEqual(CASES.map(c => c.program).sort());
  // The bindings test runs the same fixtures converted to Python, Java and Go (test/bindings/).
  expect(CASES.map(c => c.fixture)).toEqual(ROUND_TRIP_FIXTURES);
});

describe.each(CASES)('$fixture', (c) => {
  test('convert writes the committed program, with the expected exit code', () => {
    const result = converted(c);
    expect(result.problems).toEqual([]);
    expect(result.program).toBe(fs.readFileSync(path.join(PROGRAMS, c.program), 'utf8'));
    expect(result.exitCode).toBe(c.exitCode);
    // Exit 1 exactly when a field was kept by escape hatch or left out, each on stderr.
    expect(result.diagnostics.some(d => d.handling !== 'added')).toBe(c.exitCode === 1);
    expect(result.stderr.length).toBe(result.diagnostics.length);
  });

  test('the program synthesizes the input, but for the documented additions and the fields named on stderr', () => {
    const dir = path.join(outdir, c.program.replace(/\.ts$/, ''));
    process.env.CDK8S_OUTDIR = dir;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program runs as it loads
    const load = () => jest.isolateModules(() => require(path.join(PROGRAMS, c.program)));
    try {
      if (c.synthError) {
        // The library's warnings come first, as at any synth: this input has a relative workingDir.
        const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
        expect(load).toThrow(c.synthError);
        expect(warn.mock.calls.map(args => String(args[0]))).toEqual([expect.stringContaining('spec.template.spec.containers[0].workingDir: relative path "exporter"')]);
        return;
      }
      load();
    } finally {
      delete process.env.CDK8S_OUTDIR;
    }
    const input = parse(fs.readFileSync(path.join(FIXTURES, c.fixture), 'utf8'));
    const output = parse(fs.readFileSync(path.join(dir, 'manifests.k8s.yaml'), 'utf8'));
    spoolManifests(output);
    expect(output.map(o => `${o.kind}/${o.metadata?.name}`)).toEqual(input.map(o => `${o.kind}/${o.metadata?.name}`));
    // A field stderr says was kept must be in the output as the input has it (round-trip-check.ts).
    expect(unexplained(input, output, converted(c).diagnostics)).toEqual([]);
  });
});

describe('docs/convert.md "Migrating existing manifests"', () => {
  const section = fs.readFileSync(path.join(ROOT, 'docs', 'convert.md'), 'utf8');

  test('shows the program convert writes for the calico kube-proxy', () => {
    const block = /```ts nofixture\n([\s\S]*?)```/.exec(section);
    expect(block?.[1]).toBe(fs.readFileSync(path.join(PROGRAMS, 'calico-kube-proxy.ts'), 'utf8'));
  });

  test('lists every field a converted program may add, as ADDITIONS has it', () => {
    const where = (f: string) => f.replace(/^pod\./, '(pod spec).').replace(/^template\./, '(pod template metadata).');
    const rows = ADDITIONS.map(a => `| \`${where(a.field)}\` | ${a.value === undefined ? '(see why)' : `\`${JSON.stringify(a.value)}\``} | ${a.kinds.join(', ')}: ${a.why} |`);
    expect(section).toContain(`| field | value | why |\n|---|---|---|\n${rows.join('\n')}\n`);
  });
});
