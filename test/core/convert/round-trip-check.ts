// What a round trip through `convert` may change, as one judge shared by the round-trip tests
// (committed fixtures, the library's own output, generated manifests): the synthesized objects must
// equal the input objects as parsed values, except
// - the documented additions (ADDITIONS), each with its value, where the input does not set the field;
// - fields stderr says were left out (and what is under them);
// - fields stderr says the program added (the pod's account taken from the default).
// A field stderr says was kept is no excuse: it must be in the output as the input has it. And a
// workload's selector must select its pod template's labels.
import { ADDITIONS } from '../../../src/core/convert/additions';
import { defaultPullPolicy } from '../../../src/core/convert/container';
import type { ConvertDiagnostic } from '../../../src/core/convert/convert';

export type Path = (string | number)[];

export const POD_PATHS: { [kind: string]: string[] } = {
  DaemonSet: ['spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  Pod: ['spec'],
};

/** The `ADDITIONS` pattern of a concrete path (`pod.containers[*].imagePullPolicy`). */
export function pattern(kind: string, p: Path): string {
  const pod = POD_PATHS[kind];
  const template = pod && kind !== 'Pod' ? [...pod.slice(0, -1), 'metadata'] : ['metadata'];
  const starts = (prefix: string[]) => prefix.every((k, i) => p[i] === k);
  let rest: Path;
  let head: string;
  if (pod && starts(pod)) {
    head = 'pod'; rest = p.slice(pod.length);
  } else if (pod && starts(template)) {
    head = 'template'; rest = p.slice(template.length);
  } else {
    head = ''; rest = p;
  }
  return [head, ...rest].filter(s => s !== '').map(s => (typeof s === 'number' ? '[*]' : s)).join('.').replace(/\.\[\*\]/g, '[*]');
}

/** A path as convert names fields on stderr (`spec.template.spec.containers[0].stdin`, `labels["a/b"]`). */
export function dotted(p: Path): string {
  let out = '';
  for (const s of p) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

export interface Difference {
  readonly path: Path;
  readonly input: unknown;
  readonly output: unknown;
}

const isMap = (v: unknown): v is { [k: string]: unknown } => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The leaf differences between two values. Volumes are matched by name: a list keyed by name, whose
 * order carries no meaning (+listType=map, +listMapKey=name on PodSpec.Volumes, k8s.io/api
 * core/v1/types.go@v0.35.0).
 */
export function differences(input: any, output: any, p: Path = [], acc: Difference[] = []): Difference[] {
  if (JSON.stringify(input) === JSON.stringify(output)) return acc;
  // A map the output adds (or drops): each of its fields is a difference of its own.
  if (input === undefined && isMap(output)) return differences({}, output, p, acc);
  if (output === undefined && isMap(input)) return differences(input, {}, p, acc);
  if (Array.isArray(input) && Array.isArray(output) && p[p.length - 1] === 'volumes') {
    const byName = (l: any[]) => new Map(l.map(v => [v?.name, v]));
    const a = byName(input);
    const b = byName(output);
    const index = new Map(output.map((v: any, i: number) => [v?.name, i]));
    for (const [name, v] of a) differences(v, b.get(name), [...p, (index.get(name) as number) ?? input.indexOf(v)], acc);
    for (const [name, v] of b) if (!a.has(name)) acc.push({ path: [...p, index.get(name) as number], input: undefined, output: v });
    return acc;
  }
  if (input && output && typeof input === 'object' && typeof output === 'object' && Array.isArray(input) === Array.isArray(output)) {
    for (const k of new Set([...Object.keys(input), ...Object.keys(output)])) {
      differences(input[k], output[k], [...p, Array.isArray(input) ? Number(k) : k], acc);
    }
    return acc;
  }
  acc.push({ path: p, input, output });
  return acc;
}

const under = (field: string, note: string) => field === note || field.startsWith(`${note}.`) || field.startsWith(`${note}[`);

/** Why a difference is allowed, or undefined. */
export function allowed(kind: string, d: Difference, output: any, notes: ConvertDiagnostic[]): string | undefined {
  const field = dotted(d.path);
  const leftOut = notes.find(n => n.handling === 'left-out' && under(field, n.field));
  if (leftOut !== undefined) return `left out: ${leftOut.field}`;
  if (d.input !== undefined) return undefined;
  const added = notes.find(n => n.handling === 'added' && n.field === field);
  if (added !== undefined) return `added: ${added.field}`;
  const p = pattern(kind, d.path);
  const addition = ADDITIONS.find(a => a.field === p && a.kinds.includes(kind));
  if (!addition) return undefined;
  if (p.endsWith('imagePullPolicy')) {
    const container = d.path.slice(0, -1).reduce((o: any, k) => o?.[k], output);
    return d.output === defaultPullPolicy(container.image) ? 'addition' : undefined;
  }
  // The construct address label, and the account taken up from the containers: any string.
  if (addition.value === undefined) return typeof d.output === 'string' ? 'addition' : undefined;
  return JSON.stringify(d.output) === JSON.stringify(addition.value) ? 'addition' : undefined;
}

/** The workloads' selectors that do not select their pod templates. */
export function selectorProblems(o: any): string[] {
  const pod = POD_PATHS[o?.kind];
  if (!pod || o.kind === 'Pod' || o.kind === 'CronJob') return [];
  const labels = o.spec?.template?.metadata?.labels ?? {};
  const match = o.spec?.selector?.matchLabels ?? {};
  return Object.entries(match).filter(([k, v]) => labels[k] !== v)
    .map(([k, v]) => `${o.kind}/${o.metadata?.name} spec.selector.matchLabels[${JSON.stringify(k)}]: ${JSON.stringify(v)} does not select the pod template's ${JSON.stringify(labels[k])}`);
}

/**
 * Whether a leaf lies under a map the input does not set and an addition writes whole, with its
 * value (a Deployment's `spec.strategy`): the differences are leaves, the addition is the map.
 */
function addedWhole(input: any, output: any, p: Path): boolean {
  const at = (o: any, q: Path) => q.reduce((x: any, k) => x?.[k], o);
  for (let n = p.length - 1; n > 0; n--) {
    const prefix = p.slice(0, n);
    if (at(input, prefix) !== undefined) return false;
    const addition = ADDITIONS.find(a => a.field === pattern(input.kind, prefix) && a.kinds.includes(input.kind));
    if (addition && isMap(addition.value)) return differences(addition.value, at(output, prefix)).length === 0;
  }
  return false;
}

/**
 * Every difference between the input and output objects (the same count, in order) that nothing
 * explains, and every selector that does not select its pods: empty when the round trip holds.
 */
export function unexplained(inputs: any[], outputs: any[], diagnostics: ConvertDiagnostic[]): string[] {
  const out: string[] = [];
  const id = (o: any) => `${o?.kind}/${o?.metadata?.name}`;
  if (outputs.length !== inputs.length || outputs.some((o, i) => id(o) !== id(inputs[i]) && inputs[i]?.metadata?.name !== undefined)) {
    return [`the output's objects ${JSON.stringify(outputs.map(id))} are not the input's ${JSON.stringify(inputs.map(id))}`];
  }
  inputs.forEach((input, i) => {
    const notes = diagnostics.filter(d => d.kind === input.kind && d.name === String(input.metadata?.name ?? '<no name>'));
    for (const d of differences(input, outputs[i])) {
      if (!allowed(input.kind, d, outputs[i], notes) && !addedWhole(input, outputs[i], d.path)) {
        out.push(`${id(input)} ${dotted(d.path)}: ${JSON.stringify(d.input)} became ${JSON.stringify(d.output)}`);
      }
    }
    out.push(...selectorProblems(outputs[i]));
  });
  return out;
}
