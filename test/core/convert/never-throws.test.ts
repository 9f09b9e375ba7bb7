// `convert` never writes a program that throws (issue 22 item 2): where kplus refuses at
// construction what the API server accepts, the program says it another way that works, with a
// stderr line; an object the API server cannot decode gets lint's decode error and exit 2, not a
// program. Each program here is compiled with strict tsc and run.
import { ProgramApp } from './run-programs';
import { ConvertResult, convert } from '../../../src/core/convert/convert';

const POD = {
  hostNetwork: true,
  securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } },
  containers: [{ name: 'c', image: 'example.com/c:1.0' }],
};

/** A CronJob with a TTL and the history limits given. */
function cronJob(history: { successfulJobsHistoryLimit?: number; failedJobsHistoryLimit?: number }): any {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'cleanup', namespace: 'kube-system' },
    spec: {
      schedule: '0 * * * *',
      ...history,
      jobTemplate: { spec: { ttlSecondsAfterFinished: 100, template: { spec: { ...POD, restartPolicy: 'Never' } } } },
    },
  };
}

/** A DaemonSet whose first container has windowsOptions of its own and whose second has no securityContext. */
const DISAGREEING = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: {
      metadata: { labels: { app: 'agent' } },
      spec: {
        hostNetwork: true,
        securityContext: { windowsOptions: { hostProcess: true } },
        containers: [
          { name: 'a', image: 'example.com/a:1.0', securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } } },
          { name: 'b', image: 'example.com/b:1.0' },
        ],
      },
    },
  },
};

/** The same, the first container also with a field beside windowsOptions. */
const DISAGREEING_MORE = structuredClone(DISAGREEING);
DISAGREEING_MORE.spec.template.spec.containers[0].securityContext = {
  windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' }, runAsNonRoot: false,
} as any;

function run(objects: any[]): ConvertResult {
  return convert([{ file: 'in.yaml', content: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }) }], { packageName: 'cdk8s-hostprocess', line: 27 });
}

const CASES: { [name: string]: any[] } = {
  'cron-ttl-history': [cronJob({ successfulJobsHistoryLimit: 2, failedJobsHistoryLimit: 0 })],
  'cron-ttl-kplus-history': [cronJob({ successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 })],
  'disagreeing': [DISAGREEING],
  'disagreeing-more': [DISAGREEING_MORE],
  'service-account': [{
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'both' },
    spec: { ...POD, serviceAccountName: 'agent', serviceAccount: 'agent', setHostnameAsFQDN: true },
  }, {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'deprecated-only' }, spec: { ...POD, serviceAccount: 'agent', setHostnameAsFQDN: false },
  }],
};

let app: ProgramApp;
const results: { [name: string]: ConvertResult } = {};

beforeAll(() => {
  app = new ProgramApp('never-throws');
  for (const [name, objects] of Object.entries(CASES)) results[name] = run(objects);
  expect(app.compile(Object.fromEntries(Object.entries(results).map(([n, r]) => [n, r.program!])))).toBe('');
}, 120_000);

afterAll(() => app.remove());

describe('a CronJob with ttlSecondsAfterFinished and job history limits (kplus refuses the props together)', () => {
  test('limits other than kplus\' are kept by escape hatch, with a stderr line; the program runs and writes them', () => {
    const result = results['cron-ttl-history'];
    expect(result.stderr).toEqual([
      'in.yaml:1 CronJob/cleanup spec.successfulJobsHistoryLimit: cdk8s-plus refuses successfulJobsRetained and failedJobsRetained beside ttlAfterFinished (the API server accepts them); kept through an escape hatch (JsonPatch.add)',
      'in.yaml:1 CronJob/cleanup spec.failedJobsHistoryLimit: cdk8s-plus refuses successfulJobsRetained and failedJobsRetained beside ttlAfterFinished (the API server accepts them); kept through an escape hatch (JsonPatch.add)',
    ]);
    expect(result.exitCode).toBe(1);
    const out = app.run('cron-ttl-history');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const spec = out.objects[0].spec;
    expect([spec.successfulJobsHistoryLimit, spec.failedJobsHistoryLimit, spec.jobTemplate.spec.ttlSecondsAfterFinished]).toEqual([2, 0, 100]);
  });

  test('limits equal to what kplus writes anyway need nothing: exit 0, the same values', () => {
    const result = results['cron-ttl-kplus-history'];
    expect(result.stderr).toEqual([]);
    expect(result.exitCode).toBe(0);
    const out = app.run('cron-ttl-kplus-history');
    expect(out.status).toBe(0);
    const spec = out.objects[0].spec;
    expect([spec.successfulJobsHistoryLimit, spec.failedJobsHistoryLimit, spec.jobTemplate.spec.ttlSecondsAfterFinished]).toEqual([3, 1, 100]);
  });
});

describe('a DaemonSet whose containers disagree on having a securityContext', () => {
  test.each([
    ['disagreeing', { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } }],
    ['disagreeing-more', { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' }, runAsNonRoot: false }],
  ])('%s: the container\'s securityContext is kept whole, the program runs, the other container has none', (name, expected) => {
    const result = results[name];
    expect(result.stderr.filter(l => l.includes('containers[0]'))).toEqual(name === 'disagreeing'
      ? ['in.yaml:1 DaemonSet/agent spec.template.spec.containers[0].securityContext: the library has no typed prop for it; kept through an escape hatch (JsonPatch.add)']
      : ['in.yaml:1 DaemonSet/agent spec.template.spec.containers[0].securityContext.windowsOptions: the library has no typed prop for it; kept through an escape hatch (JsonPatch.add)']);
    const out = app.run(name);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const [a, b] = out.objects[0].spec.template.spec.containers;
    expect(a.securityContext).toEqual(expected);
    expect(b.securityContext).toBeUndefined();
  });
});

describe('an object the API server cannot decode: lint\'s decode error, exit 2, no program for it', () => {
  const bad = structuredClone(DISAGREEING);
  (bad.spec.template.spec.containers[1] as any).command = 'agent.exe';
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: 'b' } };

  test('command: "agent.exe" (a string where a list belongs)', () => {
    const result = run([bad, configMap]);
    expect(result.stderr).toEqual([
      'cdk8s-hostprocess convert: in.yaml: document 1, line 1: DaemonSet/agent spec.template.spec.containers[1].command: ' +
      'json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.command of type []string ' +
      '(the API server rejects the object before it checks anything else; give a list) (rule decode-type-mismatch); not converted: fix the input (lint reports the same error)',
    ]);
    expect(result.exitCode).toBe(2);
    // The other objects are converted.
    expect(result.objects).toEqual({ ApiObject: 1 });
    expect(result.program).not.toContain('agent.exe');
  });

  test('nothing else to convert: no program at all', () => {
    const result = run([bad]);
    expect(result.exitCode).toBe(2);
    expect(result.program).toBeUndefined();
  });
});

describe('nothing silent (issue 22 item 3)', () => {
  test('the deprecated serviceAccount is kept beside serviceAccountName, and alone, each with a stderr line; the program writes it', () => {
    const result = results['service-account'];
    const why = 'the deprecated spelling of serviceAccountName (DeprecatedServiceAccount, k8s.io/api core/v1/types.go@v0.37.2), which the library does not write; kept through an escape hatch (JsonPatch.add)';
    expect(result.stderr).toEqual([`in.yaml:1 Pod/both spec.serviceAccount: ${why}`, `in.yaml:1 Pod/deprecated-only spec.serviceAccount: ${why}`]);
    const out = app.run('service-account');
    expect(out.status).toBe(0);
    expect(out.objects.map(o => [o.spec.serviceAccountName, o.spec.serviceAccount])).toEqual([['agent', 'agent'], [undefined, 'agent']]);
  });

  test('setHostnameAsFQDN: true is the typed dns prop, false what kplus writes anyway (no escape hatch)', () => {
    const program = results['service-account'].program!;
    expect(program).toContain('hostnameAsFQDN: true');
    expect(program).not.toContain('setHostnameAsFQDN');
    expect(app.run('service-account').objects.map(o => o.spec.setHostnameAsFQDN)).toEqual([true, false]);
  });
});
