// `convert` proven by round trip: every manifest under test/fixtures/ (the three agents' upstream
// manifests, the AKS seed, the rendered Helm output) and the public ones transcribed under
// test/fixtures/convert/ becomes a program; the program is the one committed under programs/ (so
// that `npm test`'s eslint checks the code convert writes), it compiles with strict tsc, and what
// it synthesizes equals the input as parsed values, but for the documented additions (ADDITIONS)
// and the fields convert names on stderr.
// Set CONVERT_UPDATE=1 to rewrite the committed programs from convert's output.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { ADDITIONS } from '../../../src/core/convert/additions';
import { defaultPullPolicy } from '../../../src/core/convert/container';
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

const POD_PATHS: { [kind: string]: string[] } = {
  DaemonSet: ['spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  Pod: ['spec'],
};

/** The `ADDITIONS` pattern of a concrete path, or undefined (`pod.containers[*].imagePullPolicy`). */
function pattern(kind: string, p: (string | number)[]): string {
  const pod = POD_PATHS[kind];
  const template = pod && kind !== 'Pod' ? [...pod.slice(0, -1), 'metadata'] : ['metadata'];
  const starts = (prefix: string[]) => prefix.every((k, i) => p[i] === k);
  let rest: (string | number)[];
  let head: string;
  if (pod && starts(pod)) {
    head = 'pod'; rest = p.slice(pod.length);
  } else if (pod && starts(template)) {
    head = 'template'; rest = p.slice(template.length);
  } else {
    head = ''; rest = p;
  }
  return [head, ...rest].filter(s => s !== '').map(s => (typeof s === 'number' ? '[*]' : s)).join('.').replace(/\.\[\*\]/g, '[*]');
}

function dotted(p: (string | number)[]): string {
  return p.map(s => (typeof s === 'number' ? `[${s}]` : s)).join('.').replace(/\.\[/g, '[');
}

interface Difference {
  readonly path: (string | number)[];
  readonly input: unknown;
  readonly output: unknown;
}

// Volumes are matched by name: a list keyed by name, whose order carries no meaning
// (+listType=map, +listMapKey=name on PodSpec.Volumes, k8s.io/api core/v1/types.go@v0.35.0).
function differences(input: any, output: any, p: (string | number)[] = [], acc: Difference[] = []): Difference[] {
  if (JSON.stringify(input) === JSON.stringify(output)) return acc;
  // A map the output adds: each of its fields is an addition of its own.
  const isMap = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (input === undefined && isMap(output)) {
    return differences({}, output, p, acc);
  }
  // ... and a map it drops: each of its fields is a field of its own that it left out.
  if (output === undefined && isMap(input)) {
    return differences(input, {}, p, acc);
  }
  if (Array.isArray(input) && Array.isArray(output) && p[p.length - 1] === 'volumes') {
    const byName = (l: any[]) => new Map(l.map(v => [v?.name, v]));
    const a = byName(input);
    const b = byName(output);
    const index = new Map(output.map((v: any, i: number) => [v?.name, i]));
    for (const [name, v] of a) differences(v, b.get(name), [...p, (index.get(name) as number) ?? input.indexOf(v)], acc);
    for (const [name, v] of b) if (!a.has(name)) acc.push({ path: [...p, index.get(name) as number], input: undefined, output: v });
    return acc;
  }
  if (input && output && typeof input === 'object' && typeof output === 'object' && Array.isArray(input) === Array.isArray(output)) {
    for (const k of new Set([...Object.keys(input), ...Object.keys(output)])) {
      differences(input[k], output[k], [...p, Array.isArray(input) ? Number(k) : k], acc);
    }
    return acc;
  }
  acc.push({ path: p, input, output });
  return acc;
}

/** Why a difference is allowed, or undefined. */
function allowed(kind: string, d: Difference, output: any, named: string[]): string | undefined {
  const field = dotted(d.path);
  const note = named.find(n => field === n || field.startsWith(`${n}.`) || field.startsWith(`${n}[`));
  if (note !== undefined) return `named on stderr: ${note}`;
  if (d.input !== undefined) return undefined;
  const p = pattern(kind, d.path);
  const addition = ADDITIONS.find(a => a.field === p && a.kinds.includes(kind));
  if (!addition) return undefined;
  if (p.endsWith('imagePullPolicy')) {
    const container = d.path.slice(0, -1).reduce((o: any, k) => o?.[k], output);
    return d.output === defaultPullPolicy(container.image) ? 'addition' : undefined;
  }
  // The construct address label, and the account taken up from the containers: any string.
  if (addition.value === undefined) return typeof d.output === 'string' ? 'addition' : undefined;
  return JSON.stringify(d.output) === JSON.stringify(addition.value) ? 'addition' : undefined;
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
    const result = converted(c);
    const unexplained: string[] = [];
    input.forEach((object, i) => {
      const named = result.diagnostics.filter(d => d.kind === object.kind && d.name === object.metadata?.name).map(d => d.field);
      for (const d of differences(object, output[i])) {
        if (!allowed(object.kind, d, output[i], named)) {
          unexplained.push(`${object.kind}/${object.metadata?.name} ${dotted(d.path)}: ${JSON.stringify(d.input)} became ${JSON.stringify(d.output)}`);
        }
      }
    });
    expect(unexplained).toEqual([]);
  });
});

describe('README "Migrating existing manifests"', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Migrating existing manifests'), readme.indexOf('## Performance'));

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
