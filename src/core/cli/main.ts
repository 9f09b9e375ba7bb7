#!/usr/bin/env node
// The `cdk8s-hostprocess` command: reads the inputs (lint: as streams, for `lintStream`), runs the
// pure command, prints its output.
import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILES, ConfigError, parseConfig } from './config';
import { renderJsonError } from './format';
import {
  COMMAND, EXIT_USAGE, LintInput, LintOptions, LintResult, ReadError, STDIN, USAGE,
  formatOf, internalErrorResult, lint, lintStream, parseArgs, usageResult,
} from './lint';
import { RULES_USAGE, rulesCommand } from './rules';
import { AppVersions, CONVERT_COMMAND, CONVERT_USAGE, appFiles, convert, parseConvertArgs } from '../convert/convert';
import { translate } from '../convert/translate';

/** Runs the command for `argv` (without `node` and the script). */
export function run(argv: string[], readStdin: () => Uint8Array = () => fs.readFileSync(0)): LintResult {
  const [command, ...rest] = argv;
  const format = formatOf(rest);
  if (command === '-h' || command === '--help') {
    return { findings: [], problems: [], exitCode: 0, stdout: [USAGE, '', CONVERT_USAGE, '', RULES_USAGE], stderr: [] };
  }
  if (command === '--version') {
    return { findings: [], problems: [], exitCode: 0, stdout: [`${ownPackage().name} ${ownPackage().version}`], stderr: [] };
  }
  if (command === 'convert') {
    return runConvert(rest, readStdin);
  }
  if (command === 'rules') {
    return { findings: [], problems: [], ...rulesCommand(rest) };
  }
  if (command !== 'lint') {
    // No command to name: the message names the program.
    const problem = `cdk8s-hostprocess: ${command === undefined ? 'missing command' : `unknown command ${JSON.stringify(command)}`}: the commands are lint, convert and rules (see cdk8s-hostprocess --help)`;
    return { findings: [], problems: [], exitCode: EXIT_USAGE, stdout: format === 'json' ? [renderJsonError('usage', problem)] : [], stderr: [problem] };
  }
  const args = parseArgs(rest);
  if (args.usageError !== undefined) {
    return usageResult(args.usageError, format);
  }
  if (args.help) {
    return { findings: [], problems: [], exitCode: 0, stdout: [USAGE], stderr: [] };
  }
  const configured = configure(args.options);
  if (configured.usageError !== undefined) {
    return usageResult(configured.usageError, format);
  }
  const inputs = args.paths.flatMap(p => (p === '-' ? [stdinInput(readStdin)] : pathInputs(p)));
  return lint(inputs, configured.options);
}

/** The file system calls reading the configuration makes. */
export interface ConfigFs {
  existsSync(p: string): boolean;
  readFileSync(p: string, encoding: 'utf8'): string;
}

/**
 * The lint's options with its configuration file's settings: the file given with `--config`, else
 * `.cdk8s-hostprocess.yaml` (or `.yml`) in `cwd` unless `--no-config`. The flags add their rule
 * IDs and globs to the file's, and `--fail-on` overrides its `failOn`. A file that cannot be read
 * or used is a usage error naming it.
 */
export function configure(options: LintOptions, cwd: string = process.cwd(), fsi: ConfigFs = fs): { options: LintOptions; usageError?: string } {
  const { file, usageError } = configFile(options, cwd, fsi);
  if (usageError !== undefined) {
    return { options, usageError };
  }
  if (file === undefined) {
    return { options };
  }
  let text: string;
  try {
    text = fsi.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    return { options, usageError: `${options.config !== undefined ? '--config ' : ''}${file}: the configuration cannot be read: ${reason(e)}` };
  }
  try {
    const config = parseConfig(text, file);
    return {
      options: {
        ...options,
        include: [...config.include, ...(options.include ?? [])],
        exclude: [...config.exclude, ...(options.exclude ?? [])],
        failOn: options.failOn ?? config.failOn,
        skip: [...config.skip, ...(options.skip ?? [])],
      },
    };
  } catch (e) {
    if (e instanceof ConfigError) {
      return { options, usageError: e.message };
    }
    throw e;
  }
}

/** The configuration file `configure` reads: `--config`, else the one found in `cwd` (none with `--no-config`). */
export function configFile(options: LintOptions, cwd: string = process.cwd(), fsi: ConfigFs = fs): { file?: string; usageError?: string } {
  if (options.config !== undefined || options.noConfig) {
    return { file: options.config };
  }
  const found = CONFIG_FILES.filter(name => fsi.existsSync(path.join(cwd, name)));
  if (found.length > 1) {
    return { usageError: `${found.join(' and ')} are both in the current folder: keep one, or give --config FILE` };
  }
  return { file: found[0] };
}

/**
 * `convert`: the program on stdout, or with `--out DIR` a cdk8s app written there; diagnostics on
 * stderr. Returned in the shape `writeResult` prints.
 */
export function runConvert(argv: string[], readStdin: () => Uint8Array = () => fs.readFileSync(0)): LintResult {
  const args = parseConvertArgs(argv, ownPackage().name);
  const done = (exitCode: number, stdout: string[], stderr: string[]): LintResult => ({ findings: [], problems: [], exitCode, stdout, stderr });
  if (args.help) {
    return done(0, [CONVERT_USAGE], []);
  }
  if (args.usageError !== undefined) {
    return done(EXIT_USAGE, [], [`${CONVERT_COMMAND}: ${args.usageError} (see cdk8s-hostprocess convert --help)`]);
  }
  const inputs = args.paths.flatMap(p => (p === '-' ? [stdinInput(readStdin)] : pathInputs(p)));
  const result = convert(inputs, args);
  const notices = inputs.filter(i => i.notice !== undefined).map(i => `${CONVERT_COMMAND}: ${i.file}: ${i.notice}`);
  if (result.program === undefined) {
    return done(result.exitCode, [], [...result.stderr, ...notices]);
  }
  if (args.language !== 'typescript') {
    const translated = translate(result.program, args.language, process.cwd(), [args.packageName, 'cdk8s', `cdk8s-plus-${args.line}`]);
    if (translated.program === undefined) {
      return done(EXIT_USAGE, [], [...result.stderr, ...notices, `${CONVERT_COMMAND}: ${translated.error}`]);
    }
    return done(result.exitCode, [translated.program.replace(/\n$/, '')], [...result.stderr, ...notices]);
  }
  if (args.out === undefined) {
    return done(result.exitCode, [result.program.replace(/\n$/, '')], [...result.stderr, ...notices]);
  }
  try {
    const files = appFiles(result.program, args.packageName, args.line, appVersions(args.line));
    fs.mkdirSync(args.out, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      fs.writeFileSync(path.join(args.out, name), content);
    }
  } catch (e) {
    return done(EXIT_USAGE, [], [...result.stderr, `${CONVERT_COMMAND}: ${args.out}: cannot write the app: ${reason(e)}`]);
  }
  const summary = `${CONVERT_COMMAND}: wrote ${args.out}/main.ts, package.json, tsconfig.json and cdk8s.yaml: cd ${args.out} && npm install && npx cdk8s synth`;
  return done(result.exitCode, [], [...result.stderr, ...notices, summary]);
}

/** The package.json of the package this command is (lib/core/cli/main.js → the package root). */
function ownPackage(): any {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
}

/**
 * The versions an app written by `convert --out` depends on: this package's own version for the
 * library (every line's package has the same version) and the cdk8s-plus range of its line, from
 * this package's peer dependency when it is that line's package.
 */
function appVersions(line: number): AppVersions {
  // Every line's package has the same version; a line's package names its own cdk8s-plus as a
  // peer, the root (and the repository) has every line's as a devDependency.
  const own = ownPackage();
  const peers: { [name: string]: string } = {};
  for (const name of ['cdk8s', 'constructs', `cdk8s-plus-${line}`]) {
    const range: string | undefined = own.peerDependencies?.[name] ?? own.devDependencies?.[name];
    if (range !== undefined) peers[name] = /^[0-9]/.test(range) ? `^${range}` : range;
  }
  return { library: `^${own.version}`, peers };
}

/**
 * Runs the command for `argv` as the `cdk8s-hostprocess` bin does: `lint` reads its files and
 * standard input as streams and checks them a document at a time (`lintStream`), so memory does
 * not grow with the input; everything else is `run`.
 */
export async function runStream(argv: string[], stdin: () => AsyncIterable<Uint8Array | string> = () => process.stdin): Promise<LintResult> {
  const [command, ...rest] = argv;
  const args = command === 'lint' ? parseArgs(rest) : undefined;
  if (args === undefined || args.usageError !== undefined || args.help) {
    return run(argv);
  }
  const configured = configure(args.options);
  if (configured.usageError !== undefined) {
    return usageResult(configured.usageError, formatOf(rest));
  }
  return lintStream(streamInputs(args.paths, stdin), configured.options);
}

function* streamInputs(paths: string[], stdin: () => AsyncIterable<Uint8Array | string>): Iterable<LintInput> {
  for (const p of paths) {
    if (p === '-') {
      yield { file: STDIN, chunks: readChunks(stdin) };
    } else {
      yield* pathStreams(p);
    }
  }
}

/** The bytes a stream gives, with an error while reading as a ReadError with the reason. */
async function* readChunks(open: () => AsyncIterable<Uint8Array | string>): AsyncIterable<Uint8Array | string> {
  try {
    for await (const chunk of open()) {
      yield chunk;
    }
  } catch (e) {
    throw new ReadError(reason(e));
  }
}

/** How much of a file is read at a time. */
const CHUNK_SIZE = 1024 * 1024;

function stdinInput(readStdin: () => Uint8Array): LintInput {
  try {
    return { file: STDIN, content: readStdin() };
  } catch (e) {
    return { file: STDIN, readError: reason(e) };
  }
}

/** The file system calls a folder scan makes (tests substitute failures that root does not get). */
export interface ScanFs {
  readdirSync(dir: string, options: { withFileTypes: true }): fs.Dirent[];
  statSync(p: string): fs.Stats;
  realpathSync(p: string): string;
}

const YAML_NAME = /\.ya?ml$/i;

/**
 * A file (or FIFO, such as `<(helm template ...)`), or every `*.yaml` and `*.yml` file under a
 * folder in name order. In a folder, symbolic links are followed, each folder scanned once (a
 * link back into a folder being scanned is a loop, reported and skipped); FIFOs, devices and
 * sockets with YAML names are skipped with a notice, since reading them could block; a subfolder
 * that cannot be read is an input that could not be read, and its siblings are still scanned.
 */
export function pathInputs(p: string, fsi: ScanFs = fs): LintInput[] {
  return pathEntries(p, fsi).map(f => (typeof f === 'string' ? readInput(f) : f));
}

/**
 * The inputs of `pathInputs`, with each file read as a stream when its turn comes (opened when
 * `lintStream` reaches it, one file open at a time), for `lintStream`.
 */
export function pathStreams(p: string, fsi: ScanFs = fs): LintInput[] {
  return pathEntries(p, fsi).map(f => (typeof f === 'string' ? { file: f, chunks: readChunks(() => fs.createReadStream(f, { highWaterMark: CHUNK_SIZE })) } : f));
}

// The files to read under `p` (their paths), and an input for each problem or notice.
function pathEntries(p: string, fsi: ScanFs): (LintInput | string)[] {
  let stat: fs.Stats;
  try {
    stat = fsi.statSync(p);
  } catch (e) {
    return [{ file: p, readError: reason(e) }];
  }
  if (!stat.isDirectory()) {
    return [p];
  }
  const found: (LintInput | string)[] = [];
  scan(p, fsi, new Set(), new Set(), found);
  if (!found.some(f => typeof f === 'string' || f.readError !== undefined)) {
    found.push({ file: p, readError: 'folder has no *.yaml or *.yml files' });
  }
  return found;
}

// `found` gets the path of each file to read, and an input for each problem or notice.
function scan(dir: string, fsi: ScanFs, scanned: Set<string>, ancestors: Set<string>, found: (LintInput | string)[]): void {
  let real: string;
  let entries: fs.Dirent[];
  try {
    real = fsi.realpathSync(dir);
    if (ancestors.has(real)) {
      found.push({ file: dir, notice: `skipped: a symbolic link to ${real}, a folder it is inside of (a loop)` });
      return;
    }
    if (scanned.has(real)) {
      found.push({ file: dir, notice: `skipped: a symbolic link to ${real}, which was already scanned` });
      return;
    }
    scanned.add(real);
    entries = fsi.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch (e) {
    found.push({ file: dir, readError: `folder cannot be read: ${reason(e)}` });
    return;
  }
  ancestors.add(real);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let type: fs.Dirent | fs.Stats = entry;
    if (entry.isSymbolicLink()) {
      try {
        type = fsi.statSync(full);
      } catch (e) {
        if (YAML_NAME.test(entry.name)) {
          found.push({ file: full, readError: `${reason(e)} (a symbolic link to nothing)` });
        }
        continue;
      }
    }
    if (type.isDirectory()) {
      scan(full, fsi, scanned, ancestors, found);
    } else if (!YAML_NAME.test(entry.name)) {
      continue;
    } else if (type.isFile()) {
      found.push(full);
    } else {
      found.push({ file: full, notice: `skipped: ${special(type)}, not a regular file (give its path to read it)` });
    }
  }
  ancestors.delete(real);
}

function special(type: fs.Dirent | fs.Stats): string {
  if (type.isFIFO()) return 'a FIFO (named pipe)';
  if (type.isCharacterDevice()) return 'a character device';
  if (type.isBlockDevice()) return 'a block device';
  if (type.isSocket()) return 'a socket';
  return 'not a file';
}

function readInput(file: string): LintInput {
  try {
    return { file, content: fs.readFileSync(file) };
  } catch (e) {
    return { file, readError: reason(e) };
  }
}

/** `no such file or directory` rather than `ENOENT: no such file or directory, open 'x'`. */
function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const message = String(err?.message ?? e);
  const match = /^[A-Z]+: ([^,]+)/.exec(message);
  return match ? match[1] : message;
}

/**
 * Writes the result and sets the exit code. A closed pipe (`| head -1`) ends the command quietly
 * with its exit status; any other write error (a full disk) is one line on stderr and exit 2.
 */
function writeResult(result: LintResult): void {
  process.exitCode = result.exitCode;
  const onError = (e: unknown) => {
    if ((e as NodeJS.ErrnoException)?.code === 'EPIPE') {
      process.exit(result.exitCode);
    }
    try {
      fs.writeSync(2, `${COMMAND}: cannot write the output: ${reason(e)}\n`);
    } catch {
      // stderr is gone too: the exit code is all that is left.
    }
    process.exit(EXIT_USAGE);
  };
  process.stdout.on('error', onError);
  process.stderr.on('error', () => { /* nowhere left to say it */ });
  try {
    if (result.stdout.length > 0) {
      process.stdout.write(result.stdout.join('\n') + '\n');
    }
  } catch (e) {
    onError(e);
  }
  try {
    if (result.stderr.length > 0) {
      process.stderr.write(result.stderr.join('\n') + '\n');
    }
  } catch {
    // as above
  }
}

if (require.main === module) {
  process.on('uncaughtException', e => {
    try {
      fs.writeSync(2, internalErrorResult(e).stderr[0] + '\n');
    } catch {
      // as above
    }
    process.exit(EXIT_USAGE);
  });
  runStream(process.argv.slice(2)).then(writeResult, e => writeResult(internalErrorResult(e, formatOf(process.argv.slice(3)))));
}
