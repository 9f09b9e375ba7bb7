// The `cdk8s-hostprocess lint` command, as pure functions: arguments in, findings, output lines and
// an exit code out. `main.ts` only reads the files and writes the result.
import * as YAML from 'yaml';
import { Finding, Severity } from '../validation/finding';
import { isWindowsOrHostProcess, podSpecsOf } from '../validation/manifest';
import { validatePodSpec } from '../validation/pod-spec-rules';

/** The name the command reports itself by. */
export const COMMAND = 'cdk8s-hostprocess lint';

/** The file name given to standard input in messages and findings. */
export const STDIN = '<stdin>';

/** Exit code: no error found (warnings allowed). */
export const EXIT_OK = 0;
/** Exit code: at least one error found. */
export const EXIT_FINDINGS = 1;
/** Exit code: a usage error, or an input that could not be read or parsed. */
export const EXIT_USAGE = 2;

export const USAGE = `Usage: cdk8s-hostprocess lint [--format text|json] [--all] PATH... | -

Checks Kubernetes manifests for what the API server rejects in Windows HostProcess pods, and for
the library's own HostProcess rules.

  PATH          a YAML file, or a folder searched recursively for *.yaml and *.yml files
  -             read YAML from standard input (for example \`helm template ... | cdk8s-hostprocess lint -\`)
  --format F    text (default): one line per finding, \`file:document kind/name field: message\`;
                json: an array of {file, document, kind, name, field, message, severity}
  --all         check every pod with every rule, not only HostProcess and Windows pods
  -h, --help    show this help

Pods are found in Pod, PodTemplate, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job and
CronJob objects, also inside List objects and multi-document files.

Exit status: 0 when no error was found (warnings allowed), 1 when one was, 2 for a usage error or
an input that could not be read (the other inputs are still checked).`;

/** The output format. */
export type OutputFormat = 'text' | 'json';

/** Parsed command line options. */
export interface LintOptions {
  readonly format: OutputFormat;
  readonly all: boolean;
}

/** The result of parsing the command line. */
export interface ParsedArgs {
  readonly options: LintOptions;
  /** Files and folders to check; `-` stands for standard input. */
  readonly paths: string[];
  /** Set when `--help` was given. */
  readonly help: boolean;
  /** Set when the command line is wrong; the command then prints it with the usage and exits 2. */
  readonly usageError?: string;
}

/** One input: a file's bytes, or why it could not be read. */
export interface LintInput {
  /** How messages name the input: the path as given, or `<stdin>`. */
  readonly file: string;
  readonly content?: Uint8Array | string;
  /** Why the input could not be read (for example `no such file or directory`). */
  readonly readError?: string;
}

/** A finding located in an input. */
export interface LintFinding {
  readonly file: string;
  /** The 1-based index of the YAML document in the file. */
  readonly document: number;
  readonly kind: string;
  readonly name: string;
  readonly field: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** What one run of the command found and prints. */
export interface LintResult {
  readonly findings: LintFinding[];
  /** One-line messages about inputs that could not be checked (printed on stderr). */
  readonly problems: string[];
  readonly exitCode: number;
  readonly stdout: string[];
  readonly stderr: string[];
}

/** The rules the command applies; the real engine unless a test substitutes one. */
export interface LintRules {
  podSpecsOf(manifest: any): { spec: any; prefix: string }[];
  isWindowsOrHostProcess(spec: any): boolean;
  validatePodSpec(spec: any, prefix: string): Finding[];
}

/** The rules engine the constructs use. */
export const ENGINE: LintRules = { podSpecsOf, isWindowsOrHostProcess, validatePodSpec };

/** Parses the arguments after `lint`. */
export function parseArgs(argv: string[]): ParsedArgs {
  let format: OutputFormat = 'text';
  let all = false;
  let help = false;
  const paths: string[] = [];
  const fail = (usageError: string): ParsedArgs => ({ options: { format, all }, paths, help, usageError });

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    } else if (arg === '-h' || arg === '--help') {
      help = true;
    } else if (arg === '--all') {
      all = true;
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? argv[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') {
        return fail(value === undefined
          ? '--format needs a value: text or json'
          : `unknown format ${JSON.stringify(value)}: use text or json`);
      }
      format = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      return fail(`unknown option ${arg}`);
    } else {
      paths.push(arg);
    }
  }
  if (!help && paths.length === 0) {
    return fail('no input: give YAML files or folders, or - to read standard input');
  }
  return { options: { format, all }, paths, help };
}

/** Checks the inputs and renders the output. */
export function lint(inputs: LintInput[], options: LintOptions, rules: LintRules = ENGINE): LintResult {
  const findings: LintFinding[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    const result = lintInput(input, options, rules);
    findings.push(...result.findings);
    problems.push(...result.problems.map(p => `${COMMAND}: ${p}`));
  }

  let exitCode = EXIT_OK;
  if (problems.length > 0) {
    exitCode = EXIT_USAGE;
  } else if (findings.some(f => f.severity === 'error')) {
    exitCode = EXIT_FINDINGS;
  }
  const stdout = options.format === 'json'
    ? [JSON.stringify(findings, undefined, 2)]
    : findings.map(formatLintFinding);
  return { findings, problems, exitCode, stdout, stderr: problems };
}

/** `file:document kind/name field: message`, with `warning: ` before the message of a warning. */
export function formatLintFinding(f: LintFinding): string {
  const severity = f.severity === 'warning' ? 'warning: ' : '';
  return `${f.file}:${f.document} ${f.kind}/${f.name} ${f.field}: ${severity}${f.message}`;
}

/** The result of a usage error: one line on stderr, exit 2. */
export function usageResult(message: string): LintResult {
  const problem = `${COMMAND}: ${message} (see cdk8s-hostprocess lint --help)`;
  return { findings: [], problems: [problem], exitCode: EXIT_USAGE, stdout: [], stderr: [problem] };
}

interface InputResult {
  findings: LintFinding[];
  problems: string[];
}

// YAML allows neither NUL nor the other C0 controls but tab, LF and CR, nor DEL; U+FFFD is what
// decoding put in place of bytes that are not UTF-8.
// eslint-disable-next-line no-control-regex
const BINARY = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFD]/;

function lintInput(input: LintInput, options: LintOptions, rules: LintRules): InputResult {
  const { file } = input;
  if (input.readError !== undefined || input.content === undefined) {
    return { findings: [], problems: [`${file}: ${input.readError ?? 'cannot be read'}`] };
  }
  const text = typeof input.content === 'string' ? input.content : Buffer.from(input.content).toString('utf8');
  if (BINARY.test(text)) {
    return { findings: [], problems: [`${file}: binary file (it has bytes YAML does not allow: NUL, control characters or invalid UTF-8), not YAML`] };
  }

  // Kubernetes reads manifests as YAML 1.1 (sigs.k8s.io/yaml): `hostNetwork: yes` is true there.
  const documents = YAML.parseAllDocuments(text, { version: '1.1' });
  const list = Array.isArray(documents) ? documents : [documents];
  const broken = list.find(d => d.errors.length > 0);
  if (broken) {
    return { findings: [], problems: [yamlProblem(file, broken.errors[0])] };
  }

  const findings: LintFinding[] = [];
  const problems: string[] = [];
  list.forEach((doc, index) => {
    const document = index + 1;
    const value = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) {
      return; // an empty document, such as a lone `---`
    }
    if (!isMapping(value)) {
      problems.push(`${file}: document ${document} is not a mapping (it is ${describe(value)}), so not a Kubernetes object`);
      return;
    }
    for (const object of objectsOf(value)) {
      try {
        findings.push(...lintObject(object, options, rules).map(f => ({ file, document, ...f })));
      } catch (e) {
        // A rule that fails on an odd shape must not hide the other inputs' findings.
        problems.push(`${file}: document ${document} ${label(object)}: could not be checked: ${(e as Error).message}`);
      }
    }
  });
  return { findings, problems };
}

function lintObject(object: any, options: LintOptions, rules: LintRules) {
  const kind = typeof object.kind === 'string' ? object.kind : '<no kind>';
  const name = nameOf(object);
  const result = [];
  for (const { spec, prefix } of rules.podSpecsOf(object)) {
    if (!options.all && !rules.isWindowsOrHostProcess(spec)) {
      continue;
    }
    for (const f of rules.validatePodSpec(spec, prefix)) {
      result.push({
        kind,
        name,
        field: f.field,
        message: f.message,
        severity: f.severity === Severity.WARNING ? 'warning' as const : 'error' as const,
      });
    }
  }
  return result;
}

/** The objects of a document: itself, or the items of a `List` (`v1/List`, `PodList`, ...). */
function objectsOf(value: any): any[] {
  if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items.filter(isMapping).flatMap(objectsOf);
  }
  return [value];
}

function nameOf(object: any): string {
  const metadata = object.metadata ?? {};
  if (typeof metadata.name === 'string' && metadata.name) {
    return metadata.name;
  }
  if (typeof metadata.generateName === 'string' && metadata.generateName) {
    return metadata.generateName;
  }
  return '<no name>';
}

function label(object: any): string {
  return `${typeof object.kind === 'string' ? object.kind : '<no kind>'}/${nameOf(object)}`;
}

function yamlProblem(file: string, err: YAML.YAMLError): string {
  const firstLine = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const where = err.linePos ? `line ${err.linePos[0].line}, column ${err.linePos[0].col}: ` : '';
  return `${file}: ${where}not valid YAML: ${firstLine}`;
}

function isMapping(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) {
    return 'a sequence';
  }
  return `a ${typeof value === 'object' ? 'value' : typeof value}: ${JSON.stringify(value).slice(0, 40)}`;
}
