// One lint measurement per process: `node lint-worker.js <mode> <stream> <documents>`, one JSON
// line out. <stream>.yaml is the YAML stream, <stream>.json the same documents as lint's YAML
// parser returns them.
//   rules        the lint command's rules (ENGINE: podSpecsOf, isWindowsOrHostProcess,
//                validatePodSpec, as lint() applies them) on the parsed documents
//   decode       the lint command's check of every object against the API types of its kind
//                (ENGINE.decodeFindings: unknown fields and wrong types, as the API server's strict
//                decoding finds them) on the parsed documents, loading the table first as a run does
//   schema       kubernetes-models' strict schema validation of the same parsed documents
//   lint         lint() on the YAML stream: YAML 1.1 parsing (js-yaml, a document at a time), rules,
//                output lines
//   lint-old     the same with the implementation before streaming (old-lint.ts: the whole
//                stream parsed at once with the yaml package)
//   schema-yaml  the yaml package's YAML 1.1 parsing, then kubernetes-models' validation
//   parse-yaml-all, parse-yaml-document, parse-yaml, parse-js-yaml, parse-lint
//                YAML parsing alone, for the choice of parser: the yaml package's parseAllDocuments
//                (what lint did) and, a document at a time, its parseDocument and parse (YAML 1.1),
//                js-yaml 4's load with its default schema, and lint's own (the document splitter,
//                then js-yaml with go-yaml v2's scalars: kubernetes-yaml.ts)
//   stream       the command as the bin runs it (runStream: the file read as a stream), on
//                <stream> itself (any size); with <stream> `-`, standard input
// Each times one cold pass over the documents, as a CLI run does, and reports the process's peak
// RSS (maxRSS) and a digest of the output lines (the old and new lint must print the same).
import { createHash } from 'crypto';
import * as fs from 'fs';
// The lint command's core, from the compiled package (it is not part of the jsii API).
/* eslint-disable import/no-unresolved */
import { ENGINE, lint } from 'cdk8s-hostprocess/lib/core/cli/lint';
import { runStream } from 'cdk8s-hostprocess/lib/core/cli/main';
import { DocumentSplitter } from 'cdk8s-hostprocess/lib/core/input/document-splitter';
import { parseYaml } from 'cdk8s-hostprocess/lib/core/input/kubernetes-yaml';
import { apiTypes } from 'cdk8s-hostprocess/lib/core/k8s/api-types';
/* eslint-enable import/no-unresolved */
import * as jsyaml from 'js-yaml';
import { Deployment, DaemonSet } from 'kubernetes-models/apps/v1';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { Pod } from 'kubernetes-models/v1';
import * as YAML from 'yaml';
import { parseStream } from './documents';
import { oldLint } from './old-lint';

const MODELS: { [kind: string]: new (data: any) => { validate(): void } } = {
  DaemonSet, Deployment, Job, CronJob, Pod,
};

function rules(docs: any[]): number {
  let findings = 0;
  for (const doc of docs) {
    for (const { spec, prefix } of ENGINE.podSpecsOf(doc)) {
      if (ENGINE.isWindowsOrHostProcess(spec)) {
        findings += ENGINE.validatePodSpec(spec, prefix).length;
      }
    }
  }
  return findings;
}

/** The API types check of every document; `loadMs`: parsing and compiling the table, the first call's share. */
function decode(docs: any[]): { findings: number; loadMs: number } {
  const t0 = performance.now();
  apiTypes();
  const loadMs = performance.now() - t0;
  let findings = 0;
  for (const doc of docs) {
    findings += ENGINE.decodeFindings!(doc).length;
  }
  return { findings, loadMs };
}

function schema(docs: any[]): number {
  let invalid = 0;
  for (const doc of docs) {
    try {
      new MODELS[doc.kind](doc).validate();
    } catch {
      invalid++;
    }
  }
  return invalid;
}

/** Parses the stream with one of the parsers compared; the number of documents. */
function parse(parser: string, text: string): number {
  // The yaml package and js-yaml's own load get the stream already split (as lint would give them).
  const pieces = parser === 'yaml-all' || parser === 'lint' ? [] : text.split(/^---\n/m);
  let n = 0;
  switch (parser) {
    case 'yaml-all':
      for (const doc of YAML.parseAllDocuments(text, { version: '1.1' }) as YAML.Document.Parsed[]) {
        doc.toJS({ maxAliasCount: 400_000 });
        n++;
      }
      return n;
    case 'yaml-document':
      for (const piece of pieces) {
        YAML.parseDocument(piece, { version: '1.1' }).toJS({ maxAliasCount: 400_000 });
        n++;
      }
      return n;
    case 'yaml':
      for (const piece of pieces) {
        YAML.parse(piece, { version: '1.1', maxAliasCount: 400_000 });
        n++;
      }
      return n;
    case 'js-yaml':
      for (const piece of pieces) {
        jsyaml.load(piece);
        n++;
      }
      return n;
    case 'lint': {
      const splitter = new DocumentSplitter(d => {
        parseYaml(d.text!, { firstLine: d.firstLine, maxAliasNodes: 400_000 });
        n++;
      });
      splitter.push(Buffer.from(text, 'utf8'));
      splitter.end();
      return n;
    }
    default: throw new Error(`unknown parser ${parser}`);
  }
}

function digest(lines: string[]): string {
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

// The findings of a text output without their `file:line[:column]:` prefix: the old lint knew only
// where each object starts, the lint now gives the line and column of the field.
function withoutPlace(lines: string[]): string[] {
  return lines.map(l => l.replace(/^[^:]*:[0-9]+(?::[0-9]+)?: /, ''));
}

async function main(): Promise<void> {
  const [mode, stream, documents] = process.argv.slice(2);
  const count = Number(documents);
  const parsedModes = mode === 'rules' || mode === 'schema' || mode === 'decode';
  const text = parsedModes || mode === 'stream' ? '' : fs.readFileSync(`${stream}.yaml`, 'utf8');
  const parsed = parsedModes ? JSON.parse(fs.readFileSync(`${stream}.json`, 'utf8')) : [];

  const t0 = performance.now();
  let outcome: number;
  let output: string | undefined;
  let loadMs: number | undefined;
  switch (mode) {
    case 'rules': outcome = rules(parsed); break;
    case 'decode': ({ findings: outcome, loadMs } = decode(parsed)); break;
    case 'schema': outcome = schema(parsed); break;
    case 'lint': {
      const result = lint([{ file: 'stream.yaml', content: text }], { format: 'text', all: false });
      outcome = result.findings.length;
      output = digest(withoutPlace(result.stdout));
      break;
    }
    case 'lint-old': {
      const result = oldLint('stream.yaml', text);
      outcome = result.stdout.length;
      output = digest(withoutPlace(result.stdout));
      break;
    }
    case 'schema-yaml': outcome = schema(parseStream(text)); break;
    case 'parse-yaml-all': case 'parse-yaml-document': case 'parse-yaml': case 'parse-js-yaml': case 'parse-lint':
      outcome = parse(mode.slice('parse-'.length), text);
      break;
    case 'stream': {
      const result = await runStream(['lint', stream]);
      if (result.problems.length > 0) {
        throw new Error(`lint ${stream}: ${result.stderr.slice(0, 3).join('\n')}`);
      }
      outcome = result.findings.length;
      output = digest(result.stdout.map(l => l.replace(/^[^:]*:/, '')));
      break;
    }
    default: throw new Error(`unknown mode ${mode}`);
  }
  const ms = performance.now() - t0;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ ms, docsPerSecond: count / (ms / 1000), outcome, output, maxRss, loadMs }) + '\n');
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
