// The synth-time checks run once per synth (src/plus/synthesis.ts): cdk8s validates an app of K
// charts K + 1 times per `app.synth()`/`synthYaml()`, and the later passes of one synth reuse the
// first one's answer; anything that may follow user code checks again, so a change made between
// two syntheses is always seen.
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessDeployment } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';
import * as podSecurity from '../../src/core/validation/pod-security';
import * as rules from '../../src/core/validation/pod-spec-rules';
import * as podSpec from '../../src/plus/pod-spec';

const image = 'mcr.microsoft.com/windows/nanoserver:ltsc2022';
const BROKEN = 'hostNetwork: Invalid value: false';

let engine: jest.SpyInstance;
let namespaces: jest.SpyInstance;
let specs: jest.SpyInstance;
beforeEach(() => {
  engine = jest.spyOn(rules, 'validatePodSpec');
  namespaces = jest.spyOn(podSecurity, 'podSecurityFinding');
  specs = jest.spyOn(podSpec, 'hostProcessPodSpec');
});
afterEach(() => jest.restoreAllMocks());

/** An app of `charts` charts with one HostProcessDaemonSet (in namespace `agents`, declared too) each. */
function app(charts: number, AChart: typeof Chart = Chart): { app: App; charts: Chart[]; agents: HostProcessDaemonSet[] } {
  const a = Testing.app();
  const made = Array.from({ length: charts }, (_, i) => new AChart(a, `chart${i}`, { namespace: 'agents' }));
  new kplus.Namespace(made[0], 'ns', { metadata: { name: 'agents' } });
  const agents = made.map(c => new HostProcessDaemonSet(c, 'agent', { containers: [{ name: 'agent', image }] }));
  return { app: a, charts: made, agents };
}

const breakHostNetwork = (agent: HostProcessDaemonSet) =>
  ApiObject.of(agent).addJsonPatch(JsonPatch.replace('/spec/template/spec/hostNetwork', false));

describe.each([1, 3])('an app of %i chart(s)', (charts) => {
  test.each([
    ['synthYaml', (a: App) => a.synthYaml()],
    ['synth', (a: App) => a.synth()],
  ])('app.%s() checks each workload once, though cdk8s validates the app once per chart and once more', (_name, synth) => {
    const { app: a } = app(charts);
    const passes = jest.fn(() => []);
    a.node.addValidation({ validate: passes });
    synth(a);
    expect(passes).toHaveBeenCalledTimes(charts + 1);
    expect(engine).toHaveBeenCalledTimes(charts);
    expect(namespaces).toHaveBeenCalledTimes(charts);
  });

  test('a change between two syntheses is seen by the second', () => {
    const { app: a, agents } = app(charts);
    a.synthYaml();
    breakHostNetwork(agents[charts - 1]);
    expect(() => a.synthYaml()).toThrow(BROKEN);
    expect(engine).toHaveBeenCalledTimes(2 * charts);
  });

  test('a namespace relabelled between two syntheses is seen by the second', () => {
    const { app: a, charts: made } = app(charts);
    a.synthYaml();
    const ns = made[0].node.findAll().find(c => c instanceof kplus.Namespace) as kplus.Namespace;
    ns.metadata.addLabel('pod-security.kubernetes.io/enforce', 'baseline');
    expect(() => a.synthYaml()).toThrow(/Pod Security/);
  });
});

test('Testing.synth(chart) from user code checks again each time', () => {
  const { charts: [chart], agents: [agent] } = app(1);
  Testing.synth(chart);
  Testing.synth(chart);
  expect(engine).toHaveBeenCalledTimes(2);
  breakHostNetwork(agent);
  expect(() => Testing.synth(chart)).toThrow(BROKEN);
});

test('node.validate() by hand checks each time, and a synth after it checks again', () => {
  const { app: a, agents: [agent] } = app(1);
  expect(agent.node.validate()).toEqual([]);
  breakHostNetwork(agent);
  expect(agent.node.validate()).toEqual([expect.stringContaining(BROKEN)]);
  expect(engine).toHaveBeenCalledTimes(2);
  expect(() => a.synthYaml()).toThrow(BROKEN);
});

test('a chart class that overrides toJson is checked on every pass: slower, never less checked', () => {
  class MyChart extends Chart {
    public toJson(): any[] {
      return super.toJson();
    }
  }
  const { app: a, agents: [agent] } = app(2, MyChart);
  a.synthYaml();
  expect(engine).toHaveBeenCalledTimes(2 * 3);
  breakHostNetwork(agent);
  expect(() => a.synthYaml()).toThrow(BROKEN);
});

// The pod spec the check builds is the one cdk8s writes right after it in the same synthesis
// (HostProcessSettings._writtenPodSpec): built once per synth, never reused across user code.
describe('the pod spec is built once per synth', () => {
  const containerNames = (a: App) => Testing.synth(Chart.of(a.node.findAll().find(c => c instanceof HostProcessDaemonSet)!))
    .filter(o => o.kind === 'DaemonSet').map(o => o.spec.template.spec.containers.map((c: any) => c.name));

  test.each([
    ['synthYaml', (a: App) => a.synthYaml()],
    ['synth', (a: App) => a.synth()],
  ])('app.%s() builds each workload\'s pod spec once, and writes the one it checked', (_name, synth) => {
    const { app: a } = app(3);
    synth(a);
    expect(specs).toHaveBeenCalledTimes(3);
    expect(engine).toHaveBeenCalledTimes(3);
    // The spec written is the object the check was given.
    expect(engine.mock.calls.map(c => c[0])).toEqual(specs.mock.results.map(r => r.value));
  });

  test('a container added after node.validate() by hand is written', () => {
    const { app: a, agents: [agent] } = app(1);
    expect(agent.node.validate()).toEqual([]);
    agent.addContainer({ name: 'late', image });
    // Not a synthesis: the spec of that check is not kept, and the direct toJson builds again.
    expect(ApiObject.of(agent).toJson().spec.template.spec.containers.map((c: any) => c.name)).toEqual(['agent', 'late']);
    expect(containerNames(a)).toEqual([['agent', 'late']]);
  });

  test('a container added between two syntheses is written by the second', () => {
    const { app: a, agents: [agent] } = app(1);
    a.synthYaml();
    agent.addContainer({ name: 'late', image });
    expect(a.synthYaml()).toContain('name: late');
    expect(ApiObject.of(agent).toJson().spec.template.spec.containers).toHaveLength(2);
  });

  test('a synth that fails keeps no spec for a later toJson by hand', () => {
    const { app: a, agents: [good, bad] } = app(2);
    breakHostNetwork(bad);
    expect(() => a.synthYaml()).toThrow(BROKEN);
    good.addContainer({ name: 'late', image });
    expect(ApiObject.of(good).toJson().spec.template.spec.containers.map((c: any) => c.name)).toEqual(['agent', 'late']);
  });

  test('a workload with escape-hatch patches or kplus spread builds the written spec itself', () => {
    const a = Testing.app();
    const chart = new Chart(a, 'c', { namespace: 'agents' });
    const patched = new HostProcessDaemonSet(chart, 'patched', { containers: [{ name: 'agent', image }] });
    ApiObject.of(patched).addJsonPatch(JsonPatch.add('/spec/minReadySeconds', 7));
    const spread = new HostProcessDeployment(chart, 'spread', { containers: [{ name: 'agent', image }], spread: true });
    const yaml = a.synthYaml();
    expect(yaml).toContain('minReadySeconds: 7');
    expect(yaml).toContain('topologyKey: topology.kubernetes.io/zone');
    expect(ApiObject.of(spread).toJson().spec.template.spec.affinity).toBeDefined();
  });
});
