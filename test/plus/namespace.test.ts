import { ApiObject, Chart, Testing } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessNamespace, HostProcessPod } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';
import { podSecurityFinding } from '../../src/core/validation/pod-security';

const IMAGE = 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022';

function labelsOf(chart: Chart, kind: string): { [key: string]: string } {
  return Testing.synth(chart).find(m => m.kind === kind).metadata.labels;
}

describe('HostProcessNamespace', () => {
  test('labels the three Pod Security modes privileged at the latest version', () => {
    const chart = Testing.chart();
    const ns = new HostProcessNamespace(chart, 'agents', { metadata: { name: 'windows-agents' } });

    expect(ns).toBeInstanceOf(kplus.Namespace);
    expect(ns.podSecurityVersion).toBe('latest');
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'windows-agents',
        labels: {
          'pod-security.kubernetes.io/enforce': 'privileged',
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': 'privileged',
          'pod-security.kubernetes.io/audit-version': 'latest',
          'pod-security.kubernetes.io/warn': 'privileged',
          'pod-security.kubernetes.io/warn-version': 'latest',
        },
      },
      spec: {},
    }]);
  });

  test('podSecurityVersion pins the version labels', () => {
    const chart = Testing.chart();
    new HostProcessNamespace(chart, 'agents', { podSecurityVersion: 'v1.29' });
    const labels = labelsOf(chart, 'Namespace');
    expect(labels['pod-security.kubernetes.io/enforce-version']).toBe('v1.29');
    expect(labels['pod-security.kubernetes.io/audit-version']).toBe('v1.29');
    expect(labels['pod-security.kubernetes.io/warn-version']).toBe('v1.29');
  });

  test('keeps the kplus props: metadata labels and annotations, and the user\'s audit and warn levels', () => {
    const chart = Testing.chart();
    new HostProcessNamespace(chart, 'agents', {
      metadata: {
        name: 'agents',
        labels: { 'team': 'windows', 'pod-security.kubernetes.io/warn': 'baseline' },
        annotations: { owner: 'platform' },
      },
    });
    const ns = Testing.synth(chart)[0];
    expect(ns.metadata.annotations).toEqual({ owner: 'platform' });
    expect(ns.metadata.labels).toMatchObject({
      'team': 'windows',
      'pod-security.kubernetes.io/enforce': 'privileged',
      'pod-security.kubernetes.io/warn': 'baseline',
    });
  });

  test.each(['1.29', 'v2.0', 'Latest', 'v1.029', ''])('podSecurityVersion %j is an error', version => {
    expect(() => new HostProcessNamespace(Testing.chart(), 'agents', { podSecurityVersion: version }))
      .toThrow(`test/agents: podSecurityVersion: Invalid value: ${JSON.stringify(version)}: must be "latest" or a Kubernetes minor version such as "v1.29"`);
  });

  test('an enforce label other than privileged is an error', () => {
    expect(() => new HostProcessNamespace(Testing.chart(), 'agents', {
      metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
    })).toThrow('test/agents: metadata.labels.pod-security.kubernetes.io/enforce: Invalid value: "baseline": '
      + 'a HostProcessNamespace enforces "privileged", the only level that admits HostProcess pods '
      + '(remove the label, or use a kplus.Namespace)');
  });

  test('a HostProcess workload synthesizes in a HostProcessNamespace', () => {
    const chart = Testing.chart();
    const ns = new HostProcessNamespace(chart, 'agents', { metadata: { name: 'windows-agents' } });
    new HostProcessDaemonSet(chart, 'agent', { metadata: { namespace: ns.name }, containers: [{ image: IMAGE }] });
    expect(Testing.synth(chart).map(m => m.kind)).toEqual(['Namespace', 'DaemonSet']);
  });
});

describe('a HostProcess workload in a namespace whose Pod Security forbids it', () => {
  const message = (ns: string, level: string) =>
    `metadata.namespace: namespace "${ns}" enforces Pod Security level "${level}" `
    + `(label pod-security.kubernetes.io/enforce: ${level}), which forbids hostProcess and hostNetwork: `
    + 'the API server rejects these HostProcess pods (label the namespace pod-security.kubernetes.io/enforce: '
    + 'privileged, or declare it with HostProcessNamespace)';

  test.each(['baseline', 'restricted'])('a kplus.Namespace enforcing %s fails synth, naming the namespace and the level', level => {
    const chart = Testing.chart();
    new kplus.Namespace(chart, 'ns', {
      metadata: { name: 'apps', labels: { 'pod-security.kubernetes.io/enforce': level } },
    });
    new HostProcessDaemonSet(chart, 'agent', { metadata: { namespace: 'apps' }, containers: [{ image: IMAGE }] });
    expect(() => Testing.synth(chart)).toThrow(`[test/agent] ${message('apps', level)}`);
  });

  test('the namespace may come from the chart, be a raw ApiObject, and be declared in another chart after the workload', () => {
    const app = Testing.app();
    const workloads = new Chart(app, 'workloads', { namespace: 'agents' });
    new HostProcessPod(workloads, 'pod', { containers: [{ image: IMAGE }] });
    const namespaces = new Chart(app, 'namespaces');
    new ApiObject(namespaces, 'agents', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'agents', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
    });
    expect(() => app.synth()).toThrow(`[workloads/pod] ${message('agents', 'restricted')}`);
  });

  test('a label added after construction counts, also on a HostProcessNamespace', () => {
    const chart = Testing.chart();
    const ns = new HostProcessNamespace(chart, 'ns', { metadata: { name: 'agents' } });
    new HostProcessDaemonSet(chart, 'agent', { metadata: { namespace: 'agents' }, containers: [{ image: IMAGE }] });
    ns.metadata.addLabel('pod-security.kubernetes.io/enforce', 'baseline');
    expect(() => Testing.synth(chart)).toThrow(`[test/agent] ${message('agents', 'baseline')}`);
  });

  test.each([
    ['privileged', { 'pod-security.kubernetes.io/enforce': 'privileged' }, 'apps'],
    ['no enforce label (the cluster default applies)', { 'pod-security.kubernetes.io/warn': 'restricted' }, 'apps'],
    ['another namespace', { 'pod-security.kubernetes.io/enforce': 'restricted' }, 'other'],
  ])('passes with %s', (_, labels, name) => {
    const chart = Testing.chart();
    new kplus.Namespace(chart, 'ns', { metadata: { name, labels } });
    new HostProcessDaemonSet(chart, 'agent', { metadata: { namespace: 'apps' }, containers: [{ image: IMAGE }] });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('a namespace and a workload declared after a first synth are checked at the next one', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'agents', { namespace: 'agents' });
    new HostProcessDaemonSet(chart, 'late-agent-sorted-last', { containers: [{ image: IMAGE }] });
    expect(() => Testing.synth(chart)).not.toThrow();
    // Declared before the first workload in the tree, so it is validated first in the next pass.
    new HostProcessDaemonSet(new Chart(app, 'a-first'), 'new-agent', {
      metadata: { namespace: 'agents' }, containers: [{ image: IMAGE }],
    });
    new kplus.Namespace(chart, 'ns', { metadata: { name: 'agents', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } });
    expect(() => Testing.synth(chart)).toThrow(`[a-first/new-agent] ${message('agents', 'baseline')}`);
    expect(() => Testing.synth(chart)).toThrow(`[agents/late-agent-sorted-last] ${message('agents', 'baseline')}`);
  });

  test('many workloads share one walk of the tree per validation pass', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'agents', { namespace: 'agents' });
    for (let i = 0; i < 20; i++) {
      new HostProcessDaemonSet(chart, `agent-${i}`, { containers: [{ image: IMAGE }] });
    }
    const findAll = jest.spyOn(app.node, 'findAll');
    Testing.synth(chart);
    // cdk8s walks once to validate; the Pod Security check once more, not once per workload.
    expect(findAll.mock.calls.length).toBeLessThanOrEqual(3);
    findAll.mockRestore();
  });

  test('a workload without a namespace is not checked', () => {
    const chart = Testing.chart();
    new kplus.Namespace(chart, 'ns', { metadata: { name: 'default', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } });
    new HostProcessDaemonSet(chart, 'agent', { containers: [{ image: IMAGE }] });
    expect(() => Testing.synth(chart)).not.toThrow();
  });
});

describe('podSecurityFinding', () => {
  test.each([
    [{ 'pod-security.kubernetes.io/enforce': 'baseline' }, true],
    [{ 'pod-security.kubernetes.io/enforce': 'restricted' }, true],
    [{ 'pod-security.kubernetes.io/enforce': 'privileged' }, false],
    [{ 'pod-security.kubernetes.io/audit': 'restricted' }, false],
    [{}, false],
    [undefined, false],
  ])('%j: finding %s', (labels, expected) => {
    const finding = podSecurityFinding('ns', labels);
    expect(finding !== undefined).toBe(expected);
    if (finding) {
      expect(finding).toMatchObject({ field: 'metadata.namespace', severity: 'error' });
      expect(finding.message).toContain(`namespace "ns" enforces Pod Security level "${labels!['pod-security.kubernetes.io/enforce']}"`);
    }
  });
});
