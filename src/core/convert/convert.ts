// The `cdk8s-hostprocess convert` command, as pure functions: inputs in, a program (or the files of a
// cdk8s app), diagnostics and an exit code out. `cli/main.ts` reads the files and writes the result.
import { FieldNote, Program } from './emit';
import { LANGUAGES } from './translate';
import { convertObject } from './workload';
import { clip, clipMessage, escapeControl, formatLintProblem } from '../cli/format';
import { STDIN, formatSize } from '../cli/lint';
import type { LintInput, LintProblem } from '../cli/lint';
import { ObjectReader } from '../input/objects';
import { KPLUS_LINES, ROOT_LINE } from '../kplus-lines';
import { decodeFindings } from '../validation/decode';

/** The name the command reports itself by. */
export const CONVERT_COMMAND = 'cdk8s-hostprocess convert';

export const CONVERT_USAGE = `Usage: cdk8s-hostprocess convert [--package NAME] [--out DIR | --language LANG] PATH... | -

Turns Kubernetes manifests into a cdk8s program that uses the HostProcess constructs: each
HostProcess DaemonSet, Deployment, Job, CronJob and Pod (also inside List objects) becomes its
construct with typed props; every other object is written unchanged as an ApiObject.

  PATH            a YAML file, or a folder searched recursively for *.yaml and *.yml files
  -               read YAML from standard input (\`helm template ... | cdk8s-hostprocess convert -\`)
  --package NAME  the library package the program imports: cdk8s-hostprocess (cdk8s-plus-27) or
                  cdk8s-hostprocess-NN for cdk8s-plus-NN (${KPLUS_LINES.filter(l => l !== ROOT_LINE).join(', ')});
                  by default the package the command runs from
  --out DIR       write a cdk8s app to DIR (main.ts, package.json, tsconfig.json, cdk8s.yaml) instead
                  of printing the program: \`cd DIR && npm install && npx cdk8s synth\`
  --language LANG print the program in python, java, csharp or go instead of typescript,
                  translated by jsii-rosetta with the library's types: run it in an app folder
                  where jsii-rosetta, the library package, cdk8s and its cdk8s-plus are installed
  -h, --help      show this help

Diagnostics go to stderr, one line each: \`file:document kind/name field: what happened and why\`.

Exit status: 0 when everything became typed code, 1 when a field was kept through an escape hatch
(a JSON patch) or left out (each one is on stderr), 2 for a usage error or an input or document that
could not be read.`;

export { KPLUS_LINES, ROOT_LINE };

/** Parsed command line of `convert`. */
export interface ConvertArgs {
  readonly packageName: string;
  readonly line: number;
  readonly out?: string;
  /** `typescript`, or a language of LANGUAGES. */
  readonly language: string;
  readonly paths: string[];
  readonly help: boolean;
  readonly usageError?: string;
}

/**
 * Parses the arguments after `convert`. `defaultPackage` is the package the command runs from
 * (`cdk8s-hostprocess-33` when run from that line's package), the default of `--package`.
 */
export function parseConvertArgs(argv: string[], defaultPackage: string = 'cdk8s-hostprocess'): ConvertArgs {
  let packageName = lineOf(defaultPackage) !== undefined ? defaultPackage : 'cdk8s-hostprocess';
  let out: string | undefined;
  let language = 'typescript';
  const paths: string[] = [];
  let help = false;
  let usageError: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '-h' || flag === '--help') {
      help = true;
    } else if (flag === '--package' || flag === '--out' || flag === '--language') {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') {
        usageError ??= `${flag} needs a value`;
      } else if (flag === '--package') {
        packageName = value;
      } else if (flag === '--language') {
        language = value;
      } else {
        out = value;
      }
    } else if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      usageError ??= `unknown option ${JSON.stringify(arg)}`;
    } else {
      paths.push(arg);
    }
  }
  const line = lineOf(packageName);
  if (line === undefined) {
    usageError ??= `--package ${JSON.stringify(packageName)}: not a package of the library (cdk8s-hostprocess, or cdk8s-hostprocess-NN for NN in ${KPLUS_LINES.filter(l => l !== ROOT_LINE).join(', ')})`;
  }
  if (language !== 'typescript' && !Object.keys(LANGUAGES).includes(language)) {
    usageError ??= `--language ${JSON.stringify(language)}: use typescript, ${Object.keys(LANGUAGES).join(', ')}`;
  } else if (language !== 'typescript' && out !== undefined) {
    usageError ??= '--out writes a TypeScript app, --language prints the program in another language: give one of them';
  }
  if (!help && usageError === undefined && paths.length === 0) {
    usageError = 'no input: give a file, a folder or - for standard input';
  }
  return { packageName, line: line ?? ROOT_LINE, out, language, paths, help, usageError };
}

function lineOf(packageName: string): number | undefined {
  if (packageName === 'cdk8s-hostprocess') return ROOT_LINE;
  const m = /^cdk8s-hostprocess-([0-9]+)$/.exec(packageName);
  const line = m ? Number(m[1]) : undefined;
  return line !== undefined && line !== ROOT_LINE && KPLUS_LINES.includes(line) ? line : undefined;
}

/** One thing said about the conversion, located as lint locates findings. */
export interface ConvertDiagnostic extends FieldNote {
  readonly file: string;
  readonly document: number;
  readonly line: number;
  readonly kind: string;
  readonly name: string;
}

/** What one run of `convert` produces. */
export interface ConvertResult {
  /** The program, when there was any object to convert. */
  readonly program?: string;
  readonly diagnostics: ConvertDiagnostic[];
  /** Inputs or documents that could not be read. */
  readonly problems: LintProblem[];
  readonly exitCode: number;
  /** Lines for stderr. */
  readonly stderr: string[];
  /** How many objects were converted, by construct (`HostProcessDaemonSet`, `ApiObject`, ...). */
  readonly objects: { [construct: string]: number };
}

interface Located {
  readonly object: { [key: string]: any };
  readonly file: string;
  readonly document: number;
  readonly line: number;
}

/** Converts the inputs into one program for the library package `packageName` (cdk8s-plus `line`). */
export function convert(inputs: LintInput[], args: { packageName: string; line: number; language?: string }): ConvertResult {
  const problems: LintProblem[] = [];
  const objects: Located[] = [];
  for (const input of inputs) {
    if (input.notice !== undefined) continue;
    readObjects(input, objects, problems);
  }
  const program = new Program(args.packageName, args.line, (args.language ?? 'typescript') !== 'typescript');
  const diagnostics: ConvertDiagnostic[] = [];
  const counts: { [construct: string]: number } = {};
  const body: string[] = [];
  for (const located of objects) {
    const { object } = located;
    if (undecodable(located, problems)) continue;
    const converted = convertObject(program, object);
    counts[converted.construct] = (counts[converted.construct] ?? 0) + 1;
    body.push('', ...converted.statements);
    for (const note of converted.notes) {
      diagnostics.push({ file: located.file, document: located.document, line: located.line, kind: String(object.kind), name: String(object.metadata?.name ?? '<no name>'), ...note });
    }
  }
  // A program only of something: not for inputs that had no object to convert.
  const anyRead = Object.keys(counts).length > 0;
  if (inputs.length > 0 && inputs.every(i => i.file === STDIN) && objects.length === 0 && problems.length === 0) {
    problems.push({ file: STDIN, message: 'no documents on standard input' });
  }
  const app = program.cdk8s('App');
  const chart = program.cdk8s('Chart');
  const main = [
    `const app = new ${app}();`,
    `const chart = new ${chart}(app, 'manifests');`,
    ...body,
    '',
    'app.synth();',
    '',
  ].join('\n');
  const text = anyRead ? ['// Written by `cdk8s-hostprocess convert`.', ...program.imports.render(main), '', main].join('\n') : undefined;

  let exitCode = 0;
  if (problems.length > 0) {
    exitCode = 2;
  } else if (diagnostics.some(d => d.handling !== 'added')) {
    exitCode = 1;
  }
  const stderr = [
    ...problems.map(p => formatLintProblem(p, CONVERT_COMMAND)),
    ...diagnostics.map(formatDiagnostic),
  ];
  return { program: text, diagnostics, problems, exitCode, stderr, objects: counts };
}

/**
 * Whether the API server cannot decode `located` (a value of the wrong type: `command: "agent.exe"`
 * where a list belongs), said as lint says it (src/core/validation/decode.ts). Such an object gets
 * no program: its values are not what the typed props and kplus' typed classes expect, and the
 * program would throw at synth (`obj.command?.map is not a function`). An unknown field is no such
 * error here: it is left out with a reason, as any field no line writes.
 */
function undecodable(located: Located, problems: LintProblem[]): boolean {
  const { object, file, document, line } = located;
  const errors = decodeFindings(object).filter(f => f.rule === 'decode-type-mismatch');
  for (const f of errors) {
    problems.push({
      file,
      document,
      line,
      message: `${clip(String(object.kind))}/${clip(String(object.metadata?.name ?? '<no name>'))} ${clip(f.field)}: ${f.message} (rule ${f.rule}); ` +
        'not converted: fix the input (lint reports the same error)',
    });
  }
  return errors.length > 0;
}

/** `file:document kind/name field: message`. */
export function formatDiagnostic(d: ConvertDiagnostic): string {
  return escapeControl(`${d.file}:${d.document} ${clip(d.kind)}/${clip(d.name)} ${clip(d.field)}: ${clipMessage(d.message)}`);
}

function readObjects(input: LintInput, objects: Located[], problems: LintProblem[]): void {
  const { file } = input;
  if (input.readError !== undefined || input.content === undefined) {
    problems.push({ file, message: input.readError ?? 'cannot be read' });
    return;
  }
  // The same documents, YAML reading, bounds and messages as lint (src/core/input/objects.ts).
  const reader = new ObjectReader(file, {
    object: ({ object, document, line }) => {
      if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
        problems.push({ file, document, line, message: 'not a Kubernetes object: apiVersion and kind must be strings' });
      } else {
        objects.push({ object, file, document, line });
      }
    },
    problem: p => problems.push(p),
  }, { tooLarge: limit => `document larger than ${formatSize(limit)} bytes; not converted` });
  reader.push(input.content);
  reader.end();
}

/** Versions written into an app's package.json. */
export interface AppVersions {
  /** The version range of the library package. */
  readonly library: string;
  /** The version ranges of the library's peers (`cdk8s`, `constructs`, the line's cdk8s-plus). */
  readonly peers: { [name: string]: string };
}

/**
 * The files of a cdk8s app around `program` (path → content), laid out as `cdk8s init
 * typescript-app` of cdk8s-cli 2.207 writes them (its jest setup and `imports: [k8s]` left out):
 * `npm install && npx cdk8s synth` in the folder writes the manifests to `dist/`.
 */
export function appFiles(program: string, packageName: string, line: number, versions: AppVersions): { [path: string]: string } {
  const kplus = `cdk8s-plus-${line}`;
  const pkg = {
    name: 'hostprocess-agents',
    version: '1.0.0',
    main: 'main.js',
    types: 'main.ts',
    private: true,
    scripts: { synth: 'cdk8s synth', compile: 'tsc --build' },
    dependencies: {
      [packageName]: versions.library,
      cdk8s: versions.peers.cdk8s ?? '^2.70.0',
      [kplus]: versions.peers[kplus] ?? '*',
      constructs: versions.peers.constructs ?? '^10.3.0',
    },
    devDependencies: {
      '@types/node': '^14',
      'cdk8s-cli': '^2.207.60',
      'ts-node': '^10',
      'typescript': '5.9.x',
    },
  };
  const tsconfig = {
    compilerOptions: {
      alwaysStrict: true,
      declaration: true,
      experimentalDecorators: true,
      lib: ['es2016'],
      module: 'CommonJS',
      noEmitOnError: true,
      noFallthroughCasesInSwitch: true,
      noImplicitAny: true,
      noImplicitReturns: true,
      noImplicitThis: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      resolveJsonModule: true,
      strict: true,
      strictNullChecks: true,
      strictPropertyInitialization: true,
      stripInternal: true,
      target: 'ES2017',
    },
    include: ['**/*.ts'],
    exclude: ['node_modules'],
  };
  return {
    'main.ts': program,
    'package.json': JSON.stringify(pkg, null, 2) + '\n',
    'tsconfig.json': JSON.stringify(tsconfig, null, 2) + '\n',
    'cdk8s.yaml': 'language: typescript\napp: npx ts-node main.ts\n',
  };
}

