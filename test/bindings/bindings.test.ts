// The jsii bindings run: on the root package (cdk8s-plus-27) and on the newest line's, the Python
// wheel, the Java jar and the Go module that jsii-pacmak builds are installed as users install them
// and run the README's quick start and a real agent (examples/calico-kube-proxy), translated to the
// language; each must write the same YAML, as parsed values, as the TypeScript program run in the
// same test against the same compiled package (build.ts says what comes from where).
//
// And `convert --language` proven the same way: every round-trip fixture of convert
// (test/core/convert/round-trip-fixtures.ts) converted for the root line to TypeScript, Python, Java
// and Go, each program run against the same bindings; each writes the TypeScript program's YAML as
// parsed values (or, for an input the library refuses at synth, the same errors). Go is written by
// convert itself (src/core/convert/go.ts), not by jsii-rosetta, whose Go does not compile.
//
// Needs `npx projen compile` first (the root's and the lines' .jsii and lib/), Python 3, a JDK,
// Maven and Go, and PyPI, Maven Central and the Go module proxy. Without CI a missing toolchain
// skips its language, saying why; with CI=true it fails the language's tests.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { CONVERTED, Language, LANGUAGES, LineResult, missingToolchain, PROGRAMS, runLine } from './build';
import { kplusLines, lineDir } from '../../projenrc/lines';

const CI = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());

const ALL = kplusLines();
const ROOT_LINE = ALL.find((l) => l.root)!;
const NEWEST = ALL.reduce((a, b) => (b.line > a.line ? b : a));
const LINES = [ROOT_LINE, NEWEST];

const MISSING = Object.fromEntries(LANGUAGES.map((l) => [l, missingToolchain(l)])) as { [language in Language]?: string };
for (const [language, why] of Object.entries(MISSING)) {
  if (why && !CI) console.warn(`bindings: skipping ${language}: ${why} (with CI=true this fails)`);
}
const RUN = LANGUAGES.filter((l) => !MISSING[l]);

/** Cold: jsii-pacmak's builds, PyPI, Maven Central, the Go proxy and Go's compiler, on a shared machine. */
const COLD = 40 * 60 * 1000;

const results = new Map<number, LineResult>();
let work: string | undefined;
let failures = 0;

beforeAll(async () => {
  for (const line of LINES) {
    if (!fs.existsSync(path.join(lineDir(line), '.jsii')) || !fs.existsSync(path.join(lineDir(line), 'lib', 'index.js'))) {
      throw new Error(`${line.npmName} is not compiled (${lineDir(line)}): run "npx projen compile" first`);
    }
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hostprocess-bindings-'));
  const started = Date.now();
  // The lines at the same time: most of a run is waiting for registries and for other processes.
  for (const result of await Promise.all(LINES.map((line) => runLine(line, ROOT_LINE, RUN, work!)))) {
    results.set(result.line.line, result);
  }
  const steps = [...results.values()].map((r) => `${r.line.npmName}: ${Object.entries(r.seconds)
    .map(([step, s]) => `${step} ${s.toFixed(0)}s`).join(', ')}`);
  console.log(`bindings: ${((Date.now() - started) / 1000).toFixed(0)}s in all (work folder ${work})\n${steps.join('\n')}`);
}, COLD);

afterAll(() => {
  // The sources, logs and YAML of a failed run stay for a look (the failures name the folder).
  if (work && failures === 0) fs.rmSync(work, { recursive: true, force: true });
});

/** Runs a test's assertions, counting a failure so that afterAll keeps the work folder. */
function counting(body: () => void): void {
  try {
    body();
  } catch (e) {
    failures++;
    throw e;
  }
}

function readYaml(file: string): unknown[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf-8')).map((d) => d.toJS());
}

function written(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

describe.each(LINES.map((l) => [l.npmName, l.line]))('%s', (_name, line) => {
  const result = () => results.get(line)!;

  // Both sides empty would compare equal: the reference must write HostProcess workloads.
  test.each(PROGRAMS.map((p, i) => [p.title, i]))('typescript: %s writes a HostProcess DaemonSet', (_title, i) => counting(() => {
    const files = result().files[i as number];
    expect(files).not.toHaveLength(0);
    const docs = files.flatMap((f) => readYaml(path.join(result().outdirs.typescript, f))) as any[];
    const daemonSets = docs.filter((d) => d?.kind === 'DaemonSet');
    expect(daemonSets).not.toHaveLength(0);
    for (const ds of daemonSets) expect(ds.spec.template.spec.securityContext.windowsOptions.hostProcess).toBe(true);
  }));

  describe.each(LANGUAGES)('%s', (language) => {
    const why = MISSING[language];
    // Without CI a missing toolchain skips; with CI the test runs and fails with the reason.
    const maybe = why && !CI ? test.skip : test;
    /** Throws why the language has no output to compare, if it has none. */
    const throwWhyNotRun = () => {
      if (why) throw new Error(`CI=true and ${why}`);
      const error = result().errors[language];
      if (error) throw new Error(`${language} on ${result().line.npmName}:\n${error}`);
    };

    maybe.each(PROGRAMS.map((p, i) => [p.title, i]))('%s: the same YAML as TypeScript', (_title, i) => counting(() => {
      const files = result().files[i as number];
      const outdir = result().outdirs[language];
      const actual = Object.fromEntries(files.map((f) => [f, fs.existsSync(path.join(outdir, f)) ? readYaml(path.join(outdir, f)) : '(not written)']));
      const expected = Object.fromEntries(files.map((f) => [f, readYaml(path.join(result().outdirs.typescript, f))]));
      if (Object.values(actual).includes('(not written)')) throwWhyNotRun();
      expect(actual).toEqual(expected);
    }));

    maybe('no other files than TypeScript\'s', () => counting(() => {
      throwWhyNotRun();
      expect(written(result().outdirs[language])).toEqual(written(result().outdirs.typescript));
    }));
  });
});

/**
 * The `[construct path] field: problem` lines of a synth error, wherever its output put them, each
 * once (Python and Java print the error's message, then its stack, which repeats it).
 */
function synthErrors(output: string): string[] {
  return [...new Set(output.split('\n').map((l) => l.trim()).filter((l) => /^\[[^\]\s]+\] \S/.test(l)))];
}

/** The documents a converted program wrote, file by file. */
function documents(outdir: string): { [file: string]: unknown[] } {
  return Object.fromEntries(written(outdir).map((f) => [f, readYaml(path.join(outdir, f))]));
}

describe(`convert --language on the round-trip fixtures (${ROOT_LINE.npmName})`, () => {
  const runs = () => results.get(ROOT_LINE.line)!.converted!;
  const cases = CONVERTED.map((c) => [c.fixture, c.name]);

  // Both sides empty would compare equal: the reference must write the documents, or fail at synth.
  test.each(cases)('typescript: %s writes its documents, or refuses it at synth with the construct path', (_fixture, name) => counting(() => {
    const reference = runs()[name].typescript!;
    if (reference.error !== undefined) {
      expect(synthErrors(reference.error)).not.toHaveLength(0);
    } else {
      expect(Object.values(documents(reference.outdir)).flat()).not.toHaveLength(0);
    }
  }));

  describe.each(LANGUAGES)('%s', (language) => {
    const why = MISSING[language];
    const maybe = why && !CI ? test.skip : test;
    const sameAsTypeScript = (name: string) => {
      if (why) throw new Error(`CI=true and ${why}`);
      const reference = runs()[name].typescript!;
      const run = runs()[name][language]!;
      if (reference.error !== undefined) {
        // The library's synth error, the same in every language (the jsii runtime passes it on).
        expect(run.error).toBeDefined();
        expect(synthErrors(run.error!)).toEqual(synthErrors(reference.error));
        return;
      }
      if (run.error !== undefined) throw new Error(`${language} on ${name}:\n${run.error}`);
      expect(documents(run.outdir)).toEqual(documents(reference.outdir));
    };
    maybe.each(cases)('%s: the same YAML as the TypeScript program (or the same synth errors)', (_fixture, name) => counting(() => sameAsTypeScript(name)));

    // Checked on the sources, which need no toolchain.
    test('each import once, all of them between the header comment and the code', () => counting(() => {
      const imports = { python: /^(from \S+ import |import \S+)/, java: /^import [\w.]+(\.\*)?;$/, go: /^import / }[language];
      // Go's package clause comes before its imports, as Go wants it.
      const code = { python: /^[^#\s]/, java: /^public class /, go: /^(?!package main$)[^/\s]/ }[language];
      for (const { name } of CONVERTED) {
        const lines = runs()[name][language]!.source!.split('\n');
        expect(lines[0]).toBe(language === 'python' ? '# Written by `cdk8s-hostprocess convert`.' : '// Written by `cdk8s-hostprocess convert`.');
        const at = lines.flatMap((l, i) => (imports.test(l) ? [i] : []));
        const firstCode = lines.findIndex((l) => !imports.test(l) && code.test(l));
        expect({ name, imports: at.length, unique: new Set(at.map((i) => lines[i])).size, last: Math.max(...at) < firstCode })
          .toEqual({ name, imports: at.length, unique: at.length, last: true });
        expect(at.length).toBeGreaterThan(0);
        if (language === 'go') expect(lines.indexOf('package main')).toBe(1);
      }
    }));
  });
});
