// One lint measurement per process: `node lint-worker.js <mode> <stream> <documents>`, one JSON
// line out. <stream>.yaml is the YAML stream, <stream>.json the same documents as lint's YAML
// parser returns them.
//   rules        the lint command's rules (ENGINE: podSpecsOf, isWindowsOrHostProcess,
//                validatePodSpec, as lint() applies them) on the parsed documents
//   schema       kubernetes-models' strict schema validation of the same parsed documents
//   lint         lint() on the YAML stream: YAML 1.1 parsing, rules, output lines
//   schema-yaml  the same YAML parsing, then kubernetes-models' validation
// Each times one cold pass over the documents, as a CLI run does.
import * as fs from 'fs';
// The lint command's core, from the compiled package (it is not part of the jsii API).
// eslint-disable-next-line import/no-unresolved
import { ENGINE, lint } from 'cdk8s-hostprocess/lib/core/cli/lint';
import { Deployment, DaemonSet } from 'kubernetes-models/apps/v1';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { Pod } from 'kubernetes-models/v1';
import { parseStream } from './documents';

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

const [mode, stream, documents] = process.argv.slice(2);
const count = Number(documents);
const parsedModes = mode === 'rules' || mode === 'schema';
const text = parsedModes ? '' : fs.readFileSync(`${stream}.yaml`, 'utf8');
const parsed = parsedModes ? JSON.parse(fs.readFileSync(`${stream}.json`, 'utf8')) : [];

const t0 = performance.now();
let outcome: number;
switch (mode) {
  case 'rules': outcome = rules(parsed); break;
  case 'schema': outcome = schema(parsed); break;
  case 'lint': outcome = lint([{ file: 'stream.yaml', content: text }], { format: 'text', all: false }).findings.length; break;
  case 'schema-yaml': outcome = schema(parseStream(text)); break;
  default: throw new Error(`unknown mode ${mode}`);
}
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, docsPerSecond: count / (ms / 1000), outcome }) + '\n');
