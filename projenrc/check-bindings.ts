/**
 * Generates the Python, Java, Go and C# bindings offline (`jsii-pacmak --code-only`) and checks what
 * can be checked without PyPI, Maven Central or the Go and .NET toolchains: the Python sources
 * compile, the sources of every language define every public type of the assembly, and the README
 * (with docs/install.md) names each package as its generated metadata does.
 *
 * It checks the root package and the package of every other cdk8s-plus line (projenrc/lines.ts,
 * staged by `npx projen compile`), and that every line's package has the root's public types.
 *
 * Usage: ts-node projenrc/check-bindings.ts [OUTDIR [--no-generate]]
 * Without OUTDIR the bindings go to a temporary directory, removed when every check passes; with
 * it, each package's bindings go to OUTDIR/<npm name>. `--no-generate` checks the bindings already there.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Assembly, localName, loadAssembly, publicTypes, ROOT, Type } from './assembly';
import { kplusLines, lineDir } from './lines';

interface Language {
  /** The jsii-pacmak target, also the folder it writes to. */
  readonly target: string;
  readonly extension: string;
  /** What must appear in the sources for a type to count as defined. */
  readonly expect: (type: Type, assembly: Assembly) => RegExp[];
  /** How the README names the package, read from the generated package metadata. */
  readonly install: (dir: string) => string | undefined;
}

const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : '');
const firstFile = (dir: string, name: RegExp) => filesUnder(dir, '').find((f) => name.test(path.basename(f)));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const last = (type: Type) => escape(type.name);

const LANGUAGES: Language[] = [
  {
    target: 'python',
    extension: '.py',
    expect: (type) => [
      new RegExp(`^\\s*class ${last(type)}\\b`, 'm'),
      new RegExp(`jsii_type="${escape(type.fqn)}"`),
    ],
    install: (dir) => {
      const name = /"name": "([^"]+)"/.exec(read(path.join(dir, 'setup.py')))?.[1];
      return name && `pip install ${name}`;
    },
  },
  {
    target: 'java',
    extension: '.java',
    expect: (type) => [
      new RegExp(`public (?:(?:abstract|final|static) )*(?:class|interface|enum) ${last(type)}\\b`),
      new RegExp(`fqn = "${escape(type.fqn)}"`),
    ],
    install: (dir) => {
      const pom = read(path.join(dir, 'pom.xml'));
      const group = /<groupId>([^<]+)<\/groupId>/.exec(pom)?.[1];
      const artifact = /<artifactId>([^<]+)<\/artifactId>/.exec(pom)?.[1];
      return group && artifact && `${group}:${artifact}`;
    },
  },
  {
    target: 'go',
    extension: '.go',
    expect: (type, assembly) => [
      // Go flattens nested types: `Outer.Inner` becomes `Outer_Inner`.
      new RegExp(`^type ${escape(localName(assembly, type).replace(/\./g, '_'))}\\s`, 'm'),
      new RegExp(`"${escape(type.fqn)}"`),
    ],
    install: (dir) => {
      const goMod = firstFile(dir, /^go\.mod$/);
      const module = goMod && /^module (\S+)/m.exec(read(goMod))?.[1];
      return module && `go get ${module}`;
    },
  },
  {
    target: 'dotnet',
    extension: '.cs',
    expect: (type) => [
      new RegExp(`public (?:(?:abstract|sealed|static|partial) )*(?:class|interface|enum) ${last(type)}\\b`),
      // A struct is a class plus the interface `I<Name>`.
      ...(type.datatype ? [new RegExp(`public (?:partial )?interface I${last(type)}\\b`)] : []),
      new RegExp(`(?:fullyQualifiedName|fqn): "${escape(type.fqn)}"`),
    ],
    install: (dir) => {
      const csproj = firstFile(dir, /\.csproj$/);
      const id = csproj && /<PackageId>([^<]+)<\/PackageId>/.exec(read(csproj))?.[1];
      return id && `dotnet add package ${id}`;
    },
  },
];

function filesUnder(dir: string, extension: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf-8' })
    .filter((f) => f.endsWith(extension))
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile());
}

/** Generates and checks the bindings of the package in `dir`; returns the problems. */
function checkPackage(dir: string, outdir: string, generate: boolean, rootTypes: string[]): string[] {
  const assembly = loadAssembly(dir);
  const types = publicTypes(assembly);
  const errors: string[] = [];
  // The install table is in the README, each package's install line per language in docs/install.md.
  const readme = [path.join(ROOT, 'README.md'), path.join(ROOT, 'docs', 'install.md')].map(read).join('\n');
  const tag = `check:bindings: ${assembly.name}`;

  const names = types.map((t) => localName(assembly, t));
  const missingTypes = rootTypes.filter((n) => !names.includes(n));
  const extraTypes = names.filter((n) => !rootTypes.includes(n));
  if (missingTypes.length + extraTypes.length > 0) {
    errors.push(`${assembly.name}: public types differ from the root package's: missing [${missingTypes.join(', ')}], extra [${extraTypes.join(', ')}]`);
  }

  if (generate) {
    fs.rmSync(outdir, { recursive: true, force: true });
    const targets = LANGUAGES.map((l) => l.target);
    console.log(`${tag}: jsii-pacmak --code-only --targets ${targets.join(',')} --outdir ${outdir}`);
    const pacmak = spawnSync(
      path.join(ROOT, 'node_modules', '.bin', 'jsii-pacmak'),
      ['--code-only', '--targets', targets.join(','), '--outdir', outdir],
      { cwd: dir, stdio: 'inherit', env: { ...process.env, JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' } },
    );
    if (pacmak.status !== 0) {
      errors.push(`${assembly.name}: jsii-pacmak failed (exit ${pacmak.status ?? pacmak.signal}): a binding cannot be generated`);
    }
  }

  for (const language of LANGUAGES) {
    const files = filesUnder(path.join(outdir, language.target), language.extension);
    if (files.length === 0) {
      errors.push(`${assembly.name}: ${language.target}: jsii-pacmak wrote no ${language.extension} files`);
      continue;
    }
    const sources = files.map((f) => fs.readFileSync(f, 'utf-8')).join('\n');
    const missing = types.filter((t) => !language.expect(t, assembly).every((re) => re.test(sources)));
    for (const type of missing) {
      errors.push(`${assembly.name}: ${language.target}: the ${type.kind} ${type.fqn} is not defined in the generated sources`);
    }
    let compiled = '';
    if (language.target === 'python') {
      const py = spawnSync('python3', ['-m', 'py_compile', ...files], { encoding: 'utf-8' });
      if (py.status !== 0) {
        errors.push(`${assembly.name}: python: python3 -m py_compile failed:\n${py.stderr || py.error}`);
      } else {
        compiled = `, ${files.length} files pass py_compile`;
      }
    }
    const install = language.install(path.join(outdir, language.target));
    if (!install || !readme.includes(install)) {
      errors.push(`${assembly.name}: ${language.target}: README.md and docs/install.md do not name the package as "${install ?? '(no package metadata generated)'}"`);
    }
    console.log(`${tag}: ${language.target}: ${types.length - missing.length}/${types.length} public types defined${compiled}; README: ${install}`);
  }
  return errors;
}

function main(): number {
  const [dirArg, flag] = process.argv.slice(2);
  const keep = dirArg !== undefined;
  const outdir = keep
    ? path.resolve(dirArg)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hostprocess-bindings-'));
  const rootAssembly = loadAssembly();
  const rootTypes = publicTypes(rootAssembly).map((t) => localName(rootAssembly, t));
  const errors: string[] = [];
  const lines = kplusLines();
  for (const line of lines) {
    errors.push(...checkPackage(lineDir(line), path.join(outdir, line.npmName), flag !== '--no-generate', rootTypes));
  }

  if (errors.length > 0) {
    console.error(`check:bindings FAILED (bindings kept in ${outdir}):\n  ${errors.join('\n  ')}`);
    return 1;
  }
  if (!keep) fs.rmSync(outdir, { recursive: true, force: true });
  console.log(`check:bindings: ${rootTypes.length} public types defined in ${LANGUAGES.length} languages, in each of ${lines.length} packages`);
  return 0;
}

process.exitCode = main();
