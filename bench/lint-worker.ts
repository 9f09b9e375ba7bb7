// One lint measurement per process: `node lint-worker.js <mode> <count>`, one JSON line out.
//   rules        the lint command's rules (ENGINE: podSpecsOf, isWindowsOrHostProcess,
//                validatePodSpec, as lint() applies them) on already parsed documents
//   schema       kubernetes-models' strict schema validation of the same parsed documents
//   lint         lint() on the YAML stream: YAML 1.1 parsing, rules, output lines
//   parse        YAML parsing alone, as lint() does it
//   schema-yaml  the same YAML parsing, then kubernetes-models' validation
// Each times one cold pass over the documents, as a CLI run does.
// The lint command's core, from the compiled package (it is not part of the jsii API).
// eslint-disable-next-line import/no-unresolved
import { ENGINE, lint } from 'cdk8s-hostprocess/lib/cli/lint';
import { Deployment, DaemonSet } from 'kubernetes-models/apps/v1';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { Pod } from 'kubernetes-models/v1';
import * as YAML from 'yaml';
import { documents, yamlStream } from './documents';

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

// As lint() parses: YAML 1.1, every document to plain JS.
function parse(text: string): any[] {
  return YAML.parseAllDocuments(text, { version: '1.1' }).map(d => d.toJS({ maxAliasCount: 1000 }));
}

const [mode, countArg] = process.argv.slice(2);
const count = Number(countArg);
const generated = documents(count);
const text = yamlStream(generated);
// The parsed modes get the documents as a YAML parser returns them, not the generator's objects.
const parsed = mode === 'rules' || mode === 'schema' ? parse(text) : [];

const t0 = performance.now();
let outcome: number;
switch (mode) {
  case 'rules': outcome = rules(parsed); break;
  case 'schema': outcome = schema(parsed); break;
  case 'lint': outcome = lint([{ file: 'stream.yaml', content: text }], { format: 'text', all: false }).findings.length; break;
  case 'parse': outcome = parse(text).length; break;
  case 'schema-yaml': outcome = schema(parse(text)); break;
  default: throw new Error(`unknown mode ${mode}`);
}
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, docsPerSecond: count / (ms / 1000), outcome, yamlBytes: text.length }) + '\n');
