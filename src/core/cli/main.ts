#!/usr/bin/env node
// The `cdk8s-hostprocess` command: reads the inputs, runs the pure `lint`, prints its output.
import * as fs from 'fs';
import * as path from 'path';
import { COMMAND, EXIT_USAGE, LintInput, LintResult, STDIN, USAGE, formatOf, internalErrorResult, lint, parseArgs, usageResult } from './lint';

/** Runs the command for `argv` (without `node` and the script). */
export function run(argv: string[], readStdin: () => Uint8Array = () => fs.readFileSync(0)): LintResult {
  const [command, ...rest] = argv;
  const format = formatOf(rest);
  if (command === '-h' || command === '--help') {
    return { findings: [], problems: [], exitCode: 0, stdout: [USAGE], stderr: [] };
  }
  if (command !== 'lint') {
    return usageResult(command === undefined ? 'missing command: lint' : `unknown command ${JSON.stringify(command)}: the command is lint`, format);
  }
  const args = parseArgs(rest);
  if (args.usageError !== undefined) {
    return usageResult(args.usageError, format);
  }
  if (args.help) {
    return { findings: [], problems: [], exitCode: 0, stdout: [USAGE], stderr: [] };
  }
  const inputs = args.paths.flatMap(p => (p === '-' ? [stdinInput(readStdin)] : pathInputs(p)));
  return lint(inputs, args.options);
}

function stdinInput(readStdin: () => Uint8Array): LintInput {
  try {
    return { file: STDIN, content: readStdin() };
  } catch (e) {
    return { file: STDIN, readError: reason(e) };
  }
}

/** A file, or every `*.yaml` and `*.yml` file under a folder, in a stable order. */
function pathInputs(p: string): LintInput[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch (e) {
    return [{ file: p, readError: reason(e) }];
  }
  if (!stat.isDirectory()) {
    return [readInput(p)];
  }
  let files: string[];
  try {
    files = yamlFilesUnder(p);
  } catch (e) {
    return [{ file: p, readError: reason(e) }];
  }
  if (files.length === 0) {
    return [{ file: p, readError: 'folder has no *.yaml or *.yml files' }];
  }
  return files.map(readInput);
}

function yamlFilesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      for (const file of yamlFilesUnder(full)) files.push(file);
    } else if (/\.ya?ml$/i.test(entry.name)) {
      files.push(full);
    }
  }
  return files;
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
  let result: LintResult;
  try {
    result = run(process.argv.slice(2));
  } catch (e) {
    result = internalErrorResult(e, formatOf(process.argv.slice(3)));
  }
  writeResult(result);
}
