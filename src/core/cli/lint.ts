// The `cdk8s-hostprocess lint` command, as pure functions: arguments in, findings, output lines and
// an exit code out. `main.ts` only reads the files and writes the result.
import { ConfigError, FailOn, checkRuleId, listValues, ruleFilter, skipMatcher } from './config';
import { COMMAND, formatLintFinding, formatLintProblem, formatSummary, formatSuppressedCount, renderJson, renderJsonError, renderJunit, renderSarif } from './format';
import { CheckedObject, LintFinding, LintProblem, LintSummary } from './report';
import { DEFAULT_MAX_DOCUMENT_SIZE, LocatedObject, ObjectReader, errorMessage } from '../input/objects';
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS, kubernetesVersion } from '../k8s/api-types';
import { mergeSuppressions, parseSuppressions } from '../rules/suppression';
import { decodeFindings } from '../validation/decode';
import { Finding, Severity } from '../validation/finding';
import { isWindowsOrHostProcess, podSpecsOf } from '../validation/manifest';
import { validatePodSpec } from '../validation/pod-spec-rules';

export { CheckedObject, LintFinding, LintProblem, LintSummary } from './report';
export { BINARY, DEFAULT_MAX_DOCUMENT_SIZE, MAX_ALIAS_NODES, errorMessage } from '../input/objects';

export { COMMAND, formatLintFinding, formatLintProblem } from './format';

/** The file name given to standard input in messages and findings. */
export const STDIN = '<stdin>';

/** Exit code: no error found (warnings allowed). */
export const EXIT_OK = 0;
/** Exit code: at least one error found. */
export const EXIT_FINDINGS = 1;
/** Exit code: a usage error, or an input that could not be read or parsed. */
export const EXIT_USAGE = 2;

/** The releases the lint has the API types of, as the usage text and its errors list them: `1.37 (1.37.2)`. */
const VERSION_LIST = KUBERNETES_VERSIONS.map(v => `${v.slice(1, v.lastIndexOf('.'))} (${v.slice(1)})`);

export const USAGE = `Usage: cdk8s-hostprocess lint [--format text|json|sarif|junit] [--all] [--kubernetes-version V]
                             [--max-document-size SIZE] [--config FILE | --no-config]
                             [--include IDS] [--exclude IDS] [--fail-on error|warning]
                             [--skip GLOBS] [--summary] PATH... | -

Checks Kubernetes manifests for what the API server rejects in Windows HostProcess pods, and for
the library's own HostProcess rules.

  PATH          a YAML file, or a folder searched recursively for *.yaml and *.yml files
  -             read YAML from standard input (for example \`helm template ... | cdk8s-hostprocess lint -\`)
  --format F    text (default): one line per finding, \`file:line:column: severity: kind/name
                field: message [rule] fix: remediation\`, the line and column of the field;
                json: one array of {type: "finding", file, document, line, column, objectLine,
                kind, name, rule, field, message, severity, remediation, suppressed}, then
                {type: "input", file, document, line, message} for each input that could not be
                checked ({type: "usage", message} for a usage error);
                sarif: SARIF 2.1.0, for GitHub code scanning;
                junit: JUnit XML, a test case per checked object and rule, for GitLab and Jenkins
  --all         check every pod with every rule, not only HostProcess and Windows pods
  --kubernetes-version V
                the Kubernetes release whose API types every field name and value is checked
                against, as the API server decodes an object with strict field validation
                (kubectl's default): ${VERSION_LIST.join(' or ')}, any patch release of
                those (default ${DEFAULT_KUBERNETES_VERSION.slice(1)})
  --max-document-size SIZE
                the largest YAML document that is parsed, in bytes or with K, M or G (1024-based;
                default 64M); a larger one is reported as an input that could not be checked
  --config FILE the configuration file (default: .cdk8s-hostprocess.yaml or .yml in the current
                folder, if there is one): checks: {include: [IDS], exclude: [IDS]},
                failOn: error|warning, skip: [GLOBS]
  --no-config   do not read .cdk8s-hostprocess.yaml from the current folder
  --include IDS report only these rules (comma-separated or repeated; added to the file's)
  --exclude IDS do not report these rules (added to the file's; exclude wins over include;
                decode-type-mismatch and unknown-field cannot be excluded)
  --fail-on S   error (default): exit 1 on an error; warning: on a warning too (over the file's)
  --skip GLOBS  input paths not read (comma-separated or repeated; added to the file's): * and ?
                within a path segment, ** across; a glob without / matches any segment
  --summary     print the files, objects, findings by severity and suppressed findings
  -h, --help    show this help

An annotation ignore-check.hostprocess.cdk8s.io/<rule>: "<justification>" on an object suppresses
that rule's findings for it: not printed in text (counted), marked in json, sarif and junit, not
counted for the exit status. \`cdk8s-hostprocess rules\` lists the rules.

Pods are found in Pod, PodTemplate, Deployment, ReplicaSet, ReplicationController, StatefulSet,
DaemonSet, Job and CronJob objects, also inside List objects and multi-document files. Files and
standard input are read as streams, one document at a time, so memory does not grow with the
input. YAML is read as kubectl reads it: YAML 1.1 scalars (yes, on and y are true), and a key
twice in a mapping is an error.

Exit status: 0 when no error was found (warnings allowed, unless --fail-on warning), 1 when one
was, 2 for a usage error (a bad configuration too), an input or document that could not be read or
checked, or standard input with no documents (the other documents and inputs are still checked and
reported).`;

/** The output format. */
export type OutputFormat = 'text' | 'json' | 'sarif' | 'junit';

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'junit'];

/** Parsed command line options. */
export interface LintOptions {
  readonly format: OutputFormat;
  readonly all: boolean;
  /** The largest document parsed, in bytes; a larger one is reported, not parsed. Default DEFAULT_MAX_DOCUMENT_SIZE. */
  readonly maxDocumentSize?: number;
  /** The Kubernetes release whose API types objects are decoded with (`v1.30.14`, one of KUBERNETES_VERSIONS); default the newest. */
  readonly kubernetesVersion?: string;
  /** When not empty, only these rules are reported (and those that cannot be excluded). */
  readonly include?: readonly string[];
  /** Rules not reported; exclude wins over include. */
  readonly exclude?: readonly string[];
  /** What fails the run (exit 1): `error` (default) or `warning` too. */
  readonly failOn?: FailOn;
  /** Globs of input paths not read (config.ts skipMatcher). */
  readonly skip?: readonly string[];
  /** Print a summary (`--summary`). */
  readonly summary?: boolean;
  /** The configuration file given with `--config` (read by main.ts). */
  readonly config?: string;
  /** `--no-config`: no configuration file is looked for. */
  readonly noConfig?: boolean;
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

/** One input: a file's bytes (whole, or as a stream of chunks), or why it could not be read. */
export interface LintInput {
  /** How messages name the input: the path as given, or `<stdin>`. */
  readonly file: string;
  readonly content?: Uint8Array | string;
  /**
   * The input as a stream of chunks (a file or standard input being read), checked a document at a
   * time as they arrive; `lintStream` only. A chunk is kept by reference until its document is
   * checked: it must not be changed afterwards. An error thrown while reading is reported as the
   * input's read error, its message as the reason.
   */
  readonly chunks?: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
  /** Why the input could not be read (for example `no such file or directory`). */
  readonly readError?: string;
  /** Why a folder's entry was skipped though it did not fail (a FIFO, a symbolic link loop): a notice, exit code unchanged. */
  readonly notice?: string;
}

/** What one run of the command found and prints. */
export interface LintResult {
  readonly findings: LintFinding[];
  /** Every object that was checked, with findings or without, in input order (with `--format junit` only, which prints them). */
  readonly checked?: CheckedObject[];
  /** The inputs or documents that could not be checked (printed on stderr, and in the JSON output). */
  readonly problems: LintProblem[];
  /** Folder entries skipped on purpose (printed on stderr, and in the JSON output; exit code unchanged). */
  readonly notices?: LintProblem[];
  readonly exitCode: number;
  readonly stdout: string[];
  readonly stderr: string[];
  /** What the run read and found, in numbers (lint only). */
  readonly summary?: LintSummary;
}

/** The rules the command applies; the real engine unless a test substitutes one. */
export interface LintRules {
  podSpecsOf(manifest: any): { spec: any; prefix: string; annotations?: unknown }[];
  isWindowsOrHostProcess(spec: any): boolean;
  validatePodSpec(spec: any, prefix: string, annotations?: unknown): Finding[];
  /**
   * What the API server could not decode in an object (wrong types, unknown fields), along the API
   * types of a Kubernetes release (default: the newest); none when not given.
   */
  decodeFindings?(manifest: any, kubernetesVersion?: string): Finding[];
}

/** The rules engine the constructs use, and the API server's decoding of the whole object. */
export const ENGINE: LintRules = { podSpecsOf, isWindowsOrHostProcess, validatePodSpec, decodeFindings };

/** Parses the arguments after `lint`. */
export function parseArgs(argv: string[]): ParsedArgs {
  let format: OutputFormat = 'text';
  let all = false;
  let help = false;
  let maxDocumentSize = DEFAULT_MAX_DOCUMENT_SIZE;
  let version = DEFAULT_KUBERNETES_VERSION;
  let failOn: FailOn | undefined;
  let summary = false;
  let config: string | undefined;
  let noConfig = false;
  const include: string[] = [];
  const exclude: string[] = [];
  const skip: string[] = [];
  const paths: string[] = [];
  const options = (): LintOptions => ({
    format, all, maxDocumentSize, kubernetesVersion: version, include, exclude, failOn, skip, summary, config, noConfig,
  });
  const fail = (usageError: string): ParsedArgs => ({ options: options(), paths, help, usageError });

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      for (const rest of argv.slice(i + 1)) paths.push(rest);
      break;
    } else if (arg === '-h' || arg === '--help') {
      help = true;
    } else if (arg === '--all') {
      all = true;
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? argv[++i] : arg.slice('--format='.length);
      if (!FORMATS.includes(value as OutputFormat)) {
        return fail(value === undefined
          ? '--format needs a value: text, json, sarif or junit'
          : `unknown format ${JSON.stringify(value)}: use text, json, sarif or junit`);
      }
      format = value as OutputFormat;
    } else if (arg === '--max-document-size' || arg.startsWith('--max-document-size=')) {
      const value = arg === '--max-document-size' ? argv[++i] : arg.slice('--max-document-size='.length);
      const size = value === undefined ? undefined : parseSize(value);
      if (size === undefined) {
        return fail(value === undefined
          ? '--max-document-size needs a value: bytes, or a number with K, M or G (64M)'
          : `--max-document-size ${JSON.stringify(value)} is not a size: use bytes, or a number with K, M or G (64M)`);
      }
      maxDocumentSize = size;
    } else if (arg === '--kubernetes-version' || arg.startsWith('--kubernetes-version=')) {
      const value = arg === '--kubernetes-version' ? argv[++i] : arg.slice('--kubernetes-version='.length);
      const chosen = value === undefined ? undefined : kubernetesVersion(value);
      if (chosen === undefined) {
        return fail(value === undefined
          ? `--kubernetes-version needs a value: ${VERSION_LIST.join(' or ')}`
          : `--kubernetes-version ${JSON.stringify(value)}: the lint has the API types of Kubernetes ${VERSION_LIST.join(' and ')} only`);
      }
      version = chosen;
    } else if (arg === '--summary') {
      summary = true;
    } else if (arg === '--no-config') {
      noConfig = true;
    } else if (arg === '--config' || arg.startsWith('--config=')) {
      const value = arg === '--config' ? argv[++i] : arg.slice('--config='.length);
      if (value === undefined || value === '') {
        return fail('--config needs a value: the configuration file');
      }
      config = value;
    } else if (arg === '--fail-on' || arg.startsWith('--fail-on=')) {
      const value = arg === '--fail-on' ? argv[++i] : arg.slice('--fail-on='.length);
      if (value !== 'error' && value !== 'warning') {
        return fail(value === undefined ? '--fail-on needs a value: error or warning' : `--fail-on ${JSON.stringify(value)}: use error or warning`);
      }
      failOn = value;
    } else if (['--include', '--exclude', '--skip'].some(f => arg === f || arg.startsWith(`${f}=`))) {
      const flag = arg.split('=')[0];
      const value = arg === flag ? argv[++i] : arg.slice(flag.length + 1);
      const values = value === undefined ? [] : listValues(value);
      if (values.length === 0) {
        return fail(`${flag} needs a value: ${flag === '--skip' ? 'globs of paths' : 'rule IDs'}, comma-separated (cdk8s-hostprocess rules lists the rules)`);
      }
      if (flag === '--skip') {
        skip.push(...values);
        continue;
      }
      try {
        values.forEach(id => checkRuleId(id, flag, flag === '--exclude'));
      } catch (e) {
        return fail((e as ConfigError).message);
      }
      (flag === '--include' ? include : exclude).push(...values);
    } else if (arg.startsWith('-') && arg !== '-') {
      return fail(`unknown option ${arg}`);
    } else {
      paths.push(arg);
    }
  }
  if (!help && paths.length === 0) {
    return fail('no input: give YAML files or folders, or - to read standard input');
  }
  return { options: options(), paths, help };
}

const UNITS: { [unit: string]: number } = { '': 1, 'k': 1024, 'm': 1024 ** 2, 'g': 1024 ** 3 };

/** `65536`, `64K`, `64M`, `1G` (1024-based, case-insensitive) in bytes; undefined when it is not a positive size. */
export function parseSize(value: string): number | undefined {
  const match = /^([0-9]{1,12})([kmg]?)$/i.exec(value);
  const size = match ? Number(match[1]) * UNITS[match[2].toLowerCase()] : 0;
  return size > 0 ? size : undefined;
}

/** A size as `--max-document-size` takes it: `64M`, `512K`, `1000`. */
export function formatSize(bytes: number): string {
  for (const unit of ['G', 'M', 'K']) {
    const factor = UNITS[unit.toLowerCase()];
    if (bytes >= factor && bytes % factor === 0) {
      return `${bytes / factor}${unit}`;
    }
  }
  return String(bytes);
}

/**
 * Checks the inputs and renders the output. Inputs given as `content` are checked here; for
 * inputs read as streams (`chunks`), use `lintStream`.
 */
export function lint(inputs: LintInput[], options: LintOptions, rules: LintRules = ENGINE): LintResult {
  const run = new Run(options, rules);
  for (const input of inputs) {
    const checker = run.start(input);
    if (checker === undefined) {
      continue;
    }
    try {
      if (input.chunks !== undefined) {
        throw new Error('an input read as a stream needs lintStream');
      }
      checker.push(input.content!);
      checker.end();
    } catch (e) {
      checker.fail(e);
    }
  }
  return run.result();
}

/**
 * Checks the inputs as `lint` does, reading those given as streams (`chunks`) a chunk at a time:
 * each document is parsed and checked as soon as its end arrives, and only then dropped, so memory
 * holds one document and the findings, never the whole input. Inputs are read one after another.
 */
export async function lintStream(inputs: Iterable<LintInput> | AsyncIterable<LintInput>, options: LintOptions,
  rules: LintRules = ENGINE): Promise<LintResult> {
  const run = new Run(options, rules);
  for await (const input of inputs) {
    const checker = run.start(input);
    if (checker === undefined) {
      continue;
    }
    try {
      if (input.chunks !== undefined) {
        for await (const chunk of input.chunks) {
          checker.push(chunk);
        }
      } else {
        checker.push(input.content!);
      }
      checker.end();
    } catch (e) {
      checker.fail(e);
    }
  }
  return run.result();
}

/** The result of a usage error: one line on stderr, exit 2; with `--format json`, also a JSON document on stdout. */
export function usageResult(message: string, format: OutputFormat = 'text'): LintResult {
  const problem = `${COMMAND}: ${message} (see cdk8s-hostprocess lint --help)`;
  const stdout = format === 'json' ? [renderJsonError('usage', problem)] : [];
  return { findings: [], problems: [], exitCode: EXIT_USAGE, stdout, stderr: [problem] };
}

/** The result of a failure of the command itself: one line, never a stack trace. */
export function internalErrorResult(e: unknown, format: OutputFormat = 'text'): LintResult {
  const problem = `${COMMAND}: internal error: ${errorMessage(e)}`;
  const stdout = format === 'json' ? [renderJsonError('internal', problem)] : [];
  return { findings: [], problems: [], exitCode: EXIT_USAGE, stdout, stderr: [problem] };
}

/**
 * The output format an argument list asks for, read before the arguments are checked, so that a
 * usage error of `--format json` is JSON too.
 */
export function formatOf(argv: string[]): OutputFormat {
  let format: OutputFormat = 'text';
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const value = argv[i] === '--format' ? argv[i + 1] : argv[i].startsWith('--format=') ? argv[i].slice('--format='.length) : undefined;
    if (FORMATS.includes(value as OutputFormat)) {
      format = value as OutputFormat;
    }
  }
  return format;
}

/** What the checks of a run add to. */
interface Sink {
  readonly findings: LintFinding[];
  readonly problems: LintProblem[];
  readonly checked: CheckedObject[];
  /** Whether a rule is reported (include and exclude). */
  readonly reported: (rule: string) => boolean;
  objects: number;
  checkedCount: number;
}

/** One run of the command: what its inputs add up to. */
class Run {
  private readonly sink: Sink;
  private readonly notices: LintProblem[] = [];
  private readonly skipped: (file: string) => boolean;
  private files = 0;
  private skippedCount = 0;

  constructor(private readonly options: LintOptions, private readonly rules: LintRules) {
    const reported = ruleFilter(options.include ?? [], options.exclude ?? []);
    this.sink = { findings: [], problems: [], checked: [], reported, objects: 0, checkedCount: 0 };
    this.skipped = skipMatcher(options.skip ?? []);
  }

  /** The checker of an input, or undefined when there is nothing to read (skipped, a notice, a read error). */
  public start(input: LintInput): InputChecker | undefined {
    if (input.file !== STDIN && this.skipped(input.file)) {
      this.skippedCount++;
      return undefined;
    }
    if (input.notice !== undefined) {
      this.notices.push({ file: input.file, message: input.notice });
      return undefined;
    }
    if (input.readError !== undefined || (input.content === undefined && input.chunks === undefined)) {
      this.sink.problems.push({ file: input.file, message: input.readError ?? 'cannot be read' });
      return undefined;
    }
    this.files++;
    return new InputChecker(input.file, this.options, this.rules, this.sink);
  }

  public result(): LintResult {
    const { findings, problems, checked } = this.sink;
    const notices = this.notices;
    const failOn = this.options.failOn ?? 'error';
    const counted = findings.filter(f => f.suppressed === undefined);
    const summary: LintSummary = {
      files: this.files,
      skipped: this.skippedCount,
      objects: this.sink.objects,
      checked: this.sink.checkedCount,
      errors: counted.filter(f => f.severity === 'error').length,
      warnings: counted.filter(f => f.severity === 'warning').length,
      suppressed: findings.length - counted.length,
    };
    let exitCode = EXIT_OK;
    if (problems.length > 0) {
      exitCode = EXIT_USAGE;
    } else if (summary.errors > 0 || (failOn === 'warning' && summary.warnings > 0)) {
      exitCode = EXIT_FINDINGS;
    }
    const stderr = [...problems, ...notices].map(p => formatLintProblem(p));
    let stdout: string[];
    switch (this.options.format) {
      case 'json': stdout = [renderJson(findings, problems, notices, this.options.summary ? summary : undefined)]; break;
      case 'sarif': stdout = [renderSarif(findings, problems)]; break;
      case 'junit': stdout = [renderJunit(checked, findings, problems, failOn)]; break;
      default:
        stdout = counted.map(formatLintFinding);
        if (summary.suppressed > 0 && !this.options.summary) stdout.push(formatSuppressedCount(summary.suppressed));
        if (this.options.summary) stdout.push(formatSummary(summary));
    }
    if (this.options.summary && (this.options.format === 'sarif' || this.options.format === 'junit')) {
      // stdout is one document: the summary goes to stderr.
      stderr.push(formatSummary(summary));
    }
    return { findings, problems, notices, checked, exitCode, stdout, stderr, summary };
  }
}

/** Checks one input as its bytes arrive: each object as its document ends (src/core/input/objects.ts reads them). */
class InputChecker {
  private readonly reader: ObjectReader;

  constructor(private readonly file: string, private readonly options: LintOptions, private readonly rules: LintRules,
    private readonly sink: Sink) {
    this.reader = new ObjectReader(file, { object: o => this.object(o), problem: p => sink.problems.push(p) }, {
      maxDocumentSize: options.maxDocumentSize,
      tooLarge: limit => `document larger than ${formatSize(limit)} bytes (--max-document-size ${formatSize(limit)}); not parsed`,
    });
  }

  public push(chunk: Uint8Array | string): void {
    this.reader.push(chunk);
  }

  public end(): void {
    if (this.reader.stopped) {
      return;
    }
    this.reader.end();
    // `helm template ... | lint -` with a failed helm: nothing checked must not pass.
    if (this.file === STDIN && this.reader.nonEmpty === 0 && !this.reader.stopped) {
      this.sink.problems.push({ file: this.file, message: 'no documents on standard input' });
    }
  }

  /** Reading the input failed (the documents before were checked), or the command broke on it. */
  public fail(e: unknown): void {
    this.reader.stop();
    this.sink.problems.push({ file: this.file, message: e instanceof ReadError ? e.message : `internal error: ${errorMessage(e)}` });
  }

  private object({ object, file, document, line, locate }: LocatedObject): void {
    this.sink.objects++;
    try {
      const result = lintObject(object, this.options, this.rules);
      if (result.checked) {
        this.sink.checkedCount++;
        if (this.options.format === 'junit') {
          this.sink.checked.push({ file, document, line, kind: result.kind, name: result.name });
        }
      }
      for (const f of result.findings) {
        if (!this.sink.reported(f.rule)) continue;
        // The document is parsed again for positions only when it has findings.
        const at = locate?.(f.field);
        this.sink.findings.push({ file, document, line: at?.line ?? line, column: at?.column ?? 1, objectLine: line, ...f });
      }
    } catch (e) {
      // A rule that fails on an odd shape must not hide the other objects' findings.
      this.sink.problems.push({ file, document, line, message: `${label(object)}: could not be checked: ${errorMessage(e)}` });
    }
  }
}

/** An input could not be read (thrown by an input's `chunks`); its message is the reason. */
export class ReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadError';
  }
}

function lintObject(object: any, options: LintOptions, rules: LintRules) {
  const kind = typeof object.kind === 'string' ? object.kind : '<no kind>';
  const name = nameOf(object);
  const located = (f: Finding) => ({
    kind,
    name,
    rule: f.rule,
    field: f.field,
    message: f.message,
    severity: f.severity === Severity.WARNING ? 'warning' as const : 'error' as const,
    remediation: f.remediation,
  });
  const pods = rules.podSpecsOf(object);
  const inScope = (spec: any) => options.all || rules.isWindowsOrHostProcess(spec);
  // The API server decodes before it validates: an object it cannot decode (a wrong type, or an
  // unknown field under strict field validation) gets no other check, and the rules would misread
  // its values (`hostNetwork: "true"` as not true). Reported when its pod is checked, or when the pod
  // spec cannot be found (`template: "x"`).
  const decodeErrors = rules.decodeFindings?.(object, options.kubernetesVersion) ?? [];
  if (decodeErrors.length > 0) {
    const reported = pods.length === 0 || pods.some(p => inScope(p.spec));
    return { kind, name, checked: reported, findings: reported ? decodeErrors.map(located) : [] };
  }
  const findings: ReturnType<typeof located>[] = [];
  let checked = false;
  for (const { spec, prefix, annotations } of pods) {
    if (!inScope(spec)) {
      continue;
    }
    checked = true;
    for (const f of rules.validatePodSpec(spec, prefix, annotations)) {
      findings.push(located(f));
    }
  }
  if (!checked) {
    return { kind, name, checked, findings };
  }
  return { kind, name, checked, findings: suppress(object, pods, findings, located) };
}

/**
 * The findings of a checked object with those its suppression annotations name marked
 * `suppressed`, and the findings about those annotations added. Annotations count on the object's
 * own metadata and on the metadata of its pod template (for a workload: `spec.template.metadata`,
 * which every pod it creates carries), the object's own justification first.
 */
function suppress<F extends { rule: string }>(object: any, pods: { prefix: string }[], findings: F[],
  located: (f: Finding) => F): (F & { suppressed?: { justification: string } })[] {
  const own = parseSuppressions(object?.metadata?.annotations, 'metadata.annotations');
  const sources = [own];
  for (const { prefix } of pods) {
    // `spec.template.spec` → `spec.template.metadata.annotations`; a Pod's is its own.
    const path = prefix.split('.').slice(0, -1);
    if (path.length === 0) continue;
    let pod: any = object;
    for (const key of path) pod = pod?.[key];
    sources.push(parseSuppressions(pod?.metadata?.annotations, `${path.join('.')}.metadata.annotations`));
  }
  const merged = mergeSuppressions(sources);
  const all: F[] = [...findings, ...merged.findings.map(located)];
  return all.map(f => {
    const reason = merged.byRule.get(f.rule);
    return reason === undefined ? f : { ...f, suppressed: { justification: reason } };
  });
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

