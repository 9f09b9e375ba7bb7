// What the line's typed classes write of an escape-hatch patch, on the line this jest project runs
// on (test/util/line.ts): the generated table (src/core/kplus-fields.ts) held to the line's own
// classes, and the synth error for a field they drop, naming the first line that writes it.
import { ApiObject, Chart, Cron, Duration, JsonPatch, Testing } from 'cdk8s';
import {
  HostProcessCronJob, HostProcessDaemonSet, HostProcessDeployment, HostProcessJob, HostProcessNamespace, HostProcessPod,
} from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';
import { KPLUS_FIELDS, KPLUS_KINDS } from '../../src/core/kplus-fields';
import { KPLUS_LINES, ROOT_LINE } from '../../src/core/kplus-lines';
import { RULES } from '../../src/core/rules/catalog';
import { droppedFieldFindings, fieldsWritten } from '../../src/core/validation/escape-hatch-fields';
import { KPLUS_LINE, writtenJson } from '../../src/plus/written-json';
import { LINE, kplusAssembly } from '../util/line';

const image = 'mcr.microsoft.com/windows/nanoserver:ltsc2022';
const containers = [{ name: 'agent', image }];
const RULE = '(rule escape-hatch-field-dropped)';

interface Kind {
  readonly kind: string;
  /** The JSON pointer of the pod spec. */
  readonly pod: string;
  readonly make: (chart: Chart) => kplus.AbstractPod;
}

const KINDS: Kind[] = [
  { kind: 'Pod', pod: '/spec', make: c => new HostProcessPod(c, 'agent', { containers }) },
  { kind: 'DaemonSet', pod: '/spec/template/spec', make: c => new HostProcessDaemonSet(c, 'agent', { containers }) },
  { kind: 'Deployment', pod: '/spec/template/spec', make: c => new HostProcessDeployment(c, 'agent', { replicas: 1, containers }) },
  { kind: 'Job', pod: '/spec/template/spec', make: c => new HostProcessJob(c, 'agent', { ttlAfterFinished: Duration.minutes(5), containers }) },
  { kind: 'CronJob', pod: '/spec/jobTemplate/spec/template/spec', make: c => new HostProcessCronJob(c, 'agent', { schedule: Cron.daily(), containers }) },
];

/** The field path of a JSON pointer, as the messages write it. */
const field = (p: string) => p.slice(1).replace(/\/([0-9]+)(?=\/|$)/g, '[$1]').replace(/\//g, '.');

/** The props the jsii assembly of `line` gives L1 type `type` (none when the line has no such type). */
const assemblyProps = (line: number, type: string): string[] =>
  (kplusAssembly(line).types[`cdk8s-plus-${line}.k8s.${type}`]?.properties ?? []).map(p => p.name).sort();

/** The first installed line whose typed classes have `prop` on L1 type `type`, read from the assemblies. */
const firstLine = (type: string, prop: string) => KPLUS_LINES.find(l => assemblyProps(l, type).includes(prop))!;

/** Synthesizes one `kind` with `patches` (given the pod spec's pointer); returns its manifest or the synth error. */
function synth(kind: Kind, patches: (pod: string) => JsonPatch[]): { manifest?: any; error?: string } {
  const chart = new Chart(Testing.app(), 'agents');
  ApiObject.of(kind.make(chart)).addJsonPatch(...patches(kind.pod));
  try {
    return { manifest: Testing.synth(chart)[0] };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const at = (json: any, pointer: string) => pointer.split('/').slice(1).reduce((o, k) => o?.[k], json);

test('the line this package is built on is read from kplus', () => {
  expect(KPLUS_LINE).toBe(LINE);
});

describe(`the table of what cdk8s-plus-${LINE}'s typed classes write`, () => {
  const types = Object.keys(KPLUS_FIELDS);

  test('has every kind the constructs write, and every type its fields name', () => {
    expect(KINDS.map(k => KPLUS_KINDS[k.kind])).toEqual(KINDS.map(k => `Kube${k.kind}Props`));
    expect(KPLUS_KINDS.Namespace).toBe('KubeNamespaceProps');
    const named = types.flatMap(t => fieldsWritten(t, LINE)).map(f => f.of).filter(of => of !== 'any' && of !== 'wrapped');
    expect(named.filter(t => !types.includes(t))).toEqual([]);
  });

  test.each(types)('%s: its props are the assembly\'s', (type) => {
    expect(fieldsWritten(type, LINE).map(f => f.prop).sort()).toEqual(assemblyProps(LINE, type));
  });

  // A value of each form that the typed class writes under the field's name when it reads it.
  const sample = (of: string, many: string): unknown => {
    // `any` is written as it is, by `x`, `x?.map(y => y)`, `x?.toISOString()` or a map copy.
    const one = of === 'any' ? Object.assign(['x'], { toISOString: () => 'x' }) : of === 'wrapped' ? { value: 'x' } : {};
    return many === '[]' ? [one] : many === '{}' ? { k: one } : one;
  };
  test.each(types)('%s: the typed class writes each field from its prop, and nothing from a name it does not read', (type) => {
    const toJson = (kplus.k8s as any)[`toJson_${type}`] as ((obj: unknown) => any) | undefined;
    const written = fieldsWritten(type, LINE);
    if (written.length === 0) {
      // A type of newer or older lines only.
      expect(toJson === undefined || Object.keys(toJson({})).length === 0).toBe(true);
      return;
    }
    for (const f of written) {
      expect([f.name, Object.keys(toJson!({ [f.prop]: sample(f.of, f.many) }))]).toEqual([f.name, [f.name]]);
      if (f.prop !== f.name) {
        expect([f.name, toJson!({ [f.name]: sample(f.of, f.many) })]).toEqual([f.name, {}]);
      }
    }
    const others = Object.keys(KPLUS_FIELDS[type]).filter(name => !written.some(f => f.name === name));
    for (const name of others) {
      expect([name, toJson!({ [name]: sample('any', '') })]).toEqual([name, {}]);
    }
  });
});

describe.each(KINDS)('$kind', (kind) => {
  const restartPolicy = firstLine('Container', 'restartPolicy');
  const sleep = firstLine('LifecycleHandler', 'sleep');
  const addSidecar = (w: kplus.AbstractPod) => w.addInitContainer({ name: 'sidecar', image });

  test('the JSON checked is the JSON written, serialized once', () => {
    const chart = new Chart(Testing.app(), 'agents');
    const apiObject = ApiObject.of(kind.make(chart));
    apiObject.addJsonPatch(JsonPatch.add(`${kind.pod}/containers/0/stdin`, true));
    expect(writtenJson(apiObject).json).toEqual(apiObject.toJson());
  });

  // Each: the patches, the fields they write, and the line that first writes each (or none: every line).
  test.each<[string, (pod: string) => JsonPatch[], string[], number]>([
    ['a field every line writes', p => [JsonPatch.add(`${p}/containers/0/stdin`, true)], ['/containers/0/stdin'], KPLUS_LINES[0]],
    ['a native sidecar\'s restartPolicy: Always', p => [JsonPatch.add(`${p}/initContainers/0/restartPolicy`, 'Always')],
      ['/initContainers/0/restartPolicy'], restartPolicy],
    ['a preStop sleep', p => [JsonPatch.add(`${p}/containers/0/lifecycle`, { preStop: { sleep: { seconds: 5 } } })],
      ['/containers/0/lifecycle/preStop/sleep'], sleep],
  ])('a JSON patch that writes %s', (_, patches, fields, since) => {
    const chart = new Chart(Testing.app(), 'agents');
    const w = kind.make(chart);
    addSidecar(w);
    ApiObject.of(w).addJsonPatch(...patches(kind.pod));
    if (LINE >= since) {
      const manifest = Testing.synth(chart)[0];
      for (const f of fields) expect([f, at(manifest, `${kind.pod}${f}`)]).toEqual([f, expect.anything()]);
      return;
    }
    const errors = fields.map(f => `[agents/agent] ${field(`${kind.pod}${f}`)}: dropped by the typed classes of cdk8s-plus-${LINE}, ` +
      `which do not have this field: cdk8s-plus-${since} is the first line that writes it ` +
      `(use cdk8s-hostprocess-${since} or newer, or remove the escape-hatch patch) ${RULE}`);
    expect(() => Testing.synth(chart)).toThrow(errors.join('\n'));
  });

  // (hostPID: false is what a windows pod may have: validateWindows rejects only true.)
  test('a key the typed classes do not read, on every line, names the one they read', () => {
    const { error } = synth(kind, p => [JsonPatch.add(`${p}/hostPID`, false)]);
    expect(error).toBe('Validation failed with the following errors:\n  ' +
      `[agents/agent] ${field(`${kind.pod}/hostPID`)}: dropped by the typed classes of cdk8s-plus-${LINE}, ` +
      `which read this field from the key "hostPid" (patch ${kind.pod}/hostPid instead) ${RULE}; fix: ${RULES.get('escape-hatch-field-dropped')!.remediation}`);
    const { manifest } = synth(kind, p => [JsonPatch.add(`${p}/hostPid`, false)]);
    expect(at(manifest, `${kind.pod}/hostPID`)).toBe(false);
  });

  test('a quantity the typed classes cannot read, on every line, says how they read one', () => {
    const { error } = synth(kind, p => [JsonPatch.add(`${p}/containers/0/resources`, { limits: { memory: '1Gi' } })]);
    expect(error).toContain(`[agents/agent] ${field(`${kind.pod}/containers/0/resources`)}.limits[memory]: dropped by the typed classes of ` +
      `cdk8s-plus-${LINE}, which read a quantity or int-or-string from { value } ` +
      `(patch ${kind.pod}/containers/0/resources/limits/memory with { value: "1Gi" } instead) ${RULE}`);
    const { manifest } = synth(kind, p => [JsonPatch.add(`${p}/containers/0/resources`, { limits: { memory: { value: '1Gi' } } })]);
    expect(at(manifest, `${kind.pod}/containers/0/resources/limits/memory`)).toBe('1Gi');
  });

  test('a field no line has (capabilities directly under a container) is reported with every other problem', () => {
    const { error } = synth(kind, p => [JsonPatch.add(`${p}/containers/0/capabilities`, { add: ['NET_ADMIN'] }), JsonPatch.replace(`${p}/hostNetwork`, false)]);
    expect(error).toContain(`[agents/agent] ${field(`${kind.pod}/containers/0/capabilities`)}: dropped by the typed classes of ` +
      `cdk8s-plus-${LINE}: no cdk8s-plus line has this field (check its name, or remove the escape-hatch patch) ${RULE}`);
    expect(error).toContain(`[agents/agent] ${field(`${kind.pod}/hostNetwork`)}: Invalid value: false`);
  });
});

// A pod's resource claim source: a field of lines up to 30, gone in 31 with the DRA API it belonged to.
// The pod's resourceClaims came with Kubernetes 1.26 (cdk8s-plus-25 has none): on line 25 the list itself is dropped.
test('a field only older lines write names the first and the last', () => {
  const lines = KPLUS_LINES.filter(l => assemblyProps(l, 'PodResourceClaim').includes('source'));
  const last = lines[lines.length - 1];
  const claims = firstLine('PodSpec', 'resourceClaims');
  const claimsPackage = claims === ROOT_LINE ? 'cdk8s-hostprocess' : `cdk8s-hostprocess-${claims}`;
  const untyped = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { resourceClaims: [{ name: 'gpu', source: { resourceClaimName: 'gpu' } }] } };
  const expected = lines.includes(LINE) ? [] : LINE < claims ? [
    `spec.resourceClaims: dropped by the typed classes of cdk8s-plus-${LINE}, which do not have this field: ` +
    `cdk8s-plus-${claims} is the first line that writes it (use ${claimsPackage} or newer, or remove the escape-hatch patch) ${RULE}`,
  ] : [
    `spec.resourceClaims[0].source: dropped by the typed classes of cdk8s-plus-${LINE}, which no longer have this field: ` +
    `cdk8s-plus-${lines[0]} is the first line that writes it and cdk8s-plus-${last} the last ` +
    `(use cdk8s-hostprocess-${last} or older, or remove the escape-hatch patch) ${RULE}`,
  ];
  expect(droppedFieldFindings(untyped, LINE).map(f => `${f.field}: ${f.message} (rule ${f.rule})`)).toEqual(expected);
});

test('a HostProcessNamespace: a patch of a field no line has fails synth, one every line has is written', () => {
  const chart = new Chart(Testing.app(), 'namespaces');
  const ns = new HostProcessNamespace(chart, 'agents');
  ApiObject.of(ns).addJsonPatch(JsonPatch.add('/spec', { finalizers: ['kubernetes'] }));
  expect(Testing.synth(chart)[0].spec).toEqual({ finalizers: ['kubernetes'] });
  ApiObject.of(ns).addJsonPatch(JsonPatch.add('/spec/finalizer', ['kubernetes']));
  expect(() => Testing.synth(chart)).toThrow(`[namespaces/agents] spec.finalizer: dropped by the typed classes of cdk8s-plus-${LINE}: ` +
    `no cdk8s-plus line has this field (check its name, or remove the escape-hatch patch) ${RULE}`);
});

test('without patches nothing more is serialized than for a kplus.DaemonSet; with them, once more per check', () => {
  const count = (make: (chart: Chart) => kplus.AbstractPod, patch: boolean) => {
    const chart = new Chart(Testing.app(), 'agents');
    const w = make(chart);
    if (patch) ApiObject.of(w).addJsonPatch(JsonPatch.add('/spec/minReadySeconds', 1));
    const spy = jest.spyOn(ApiObject.prototype, 'toJson');
    try {
      Testing.synth(chart);
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  };
  const plain = (c: Chart) => new kplus.DaemonSet(c, 'agent', { containers: [{ image, securityContext: { ensureNonRoot: false } }] });
  const hostProcess = (c: Chart) => new HostProcessDaemonSet(c, 'agent', { containers });
  expect(count(hostProcess, false)).toBe(count(plain, false));
  expect(count(hostProcess, true)).toBe(count(plain, true) + 1);
});
