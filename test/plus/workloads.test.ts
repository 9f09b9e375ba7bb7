import { ApiObject, Chart, Cron, Duration, JsonPatch, Testing } from 'cdk8s';
import {
  HostProcessCronJob, HostProcessDaemonSet, HostProcessDeployment, HostProcessJob, HostProcessPod, HostProcessUser,
} from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';
import { podKind } from '../../src/core/k8s/kinds';
import { podSpecsOf } from '../../src/core/validation/manifest';
import { LINE } from '../util/line';
import { linuxOnlyFields } from '../util/subset';

const image = 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0';
const containers = [{ name: 'first', image, command: ['powershell.exe', '-Command', 'Get-Date'] }];
const user = HostProcessUser.LOCAL_SERVICE;

type Workload = kplus.AbstractPod;
interface Kind {
  readonly kind: string;
  readonly make: (chart: Chart, props: { hostNetwork?: boolean; securityContext?: kplus.PodSecurityContextProps }) => Workload;
  readonly specOf: (manifest: any) => any;
  readonly prefix: string;
}

const KINDS: Kind[] = [
  {
    kind: 'Pod',
    prefix: 'spec',
    specOf: m => m.spec,
    make: (c, p) => new HostProcessPod(c, 'w', { user, containers, ...p }),
  },
  {
    kind: 'DaemonSet',
    prefix: 'spec.template.spec',
    specOf: m => m.spec.template.spec,
    make: (c, p) => new HostProcessDaemonSet(c, 'w', { user, containers, ...p }),
  },
  {
    kind: 'Deployment',
    prefix: 'spec.template.spec',
    specOf: m => m.spec.template.spec,
    make: (c, p) => new HostProcessDeployment(c, 'w', { user, replicas: 1, containers, ...p }),
  },
  {
    kind: 'Job',
    prefix: 'spec.template.spec',
    specOf: m => m.spec.template.spec,
    make: (c, p) => new HostProcessJob(c, 'w', { user, backoffLimit: 2, ttlAfterFinished: Duration.minutes(5), containers, ...p }),
  },
  {
    kind: 'CronJob',
    prefix: 'spec.jobTemplate.spec.template.spec',
    specOf: m => m.spec.jobTemplate.spec.template.spec,
    make: (c, p) => new HostProcessCronJob(c, 'w', { user, schedule: Cron.daily(), containers, ...p }),
  },
];

function synthOne(kind: Kind, configure?: (w: Workload) => void): any {
  const chart = Testing.chart();
  const w = kind.make(chart, {});
  configure?.(w);
  const manifest = Testing.synth(chart).find((m: any) => m.kind === kind.kind);
  expect(manifest).toBeDefined();
  return manifest;
}

describe.each(KINDS)('HostProcess$kind', (kind) => {
  test('writes the kind with the API version and pod spec path of the kinds table', () => {
    const manifest = synthOne(kind);
    expect([manifest.apiVersion, podKind(kind.kind)?.podSpec]).toEqual([podKind(kind.kind)?.apiVersion, kind.prefix]);
    expect(podSpecsOf(manifest).map(p => [p.prefix, p.spec])).toEqual([[kind.prefix, kind.specOf(manifest)]]);
  });

  test('writes the HostProcess fields at the right place', () => {
    const spec = kind.specOf(synthOne(kind));
    expect(spec.securityContext).toEqual({
      windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\Local service' },
    });
    expect(spec.hostNetwork).toBe(true);
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'windows' });
    expect(spec.os).toEqual({ name: 'windows' });
    expect(spec.dnsPolicy).toBe('Default');
    expect(linuxOnlyFields(spec)).toEqual([]);
  });

  test('a container and an init container added after construction are covered', () => {
    const spec = kind.specOf(synthOne(kind, w => {
      w.addContainer({ name: 'second', image, securityContext: { ensureNonRoot: false } });
      w.addInitContainer({ name: 'prepare', image });
    }));
    expect(spec.containers.map((c: any) => c.name)).toEqual(['first', 'second']);
    expect(spec.containers[1].securityContext).toEqual({ runAsNonRoot: false });
    expect(spec.initContainers[0].resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' } });
    expect(linuxOnlyFields(spec)).toEqual([]);
  });

  test('errors name the field where this kind keeps its pod spec', () => {
    const chart = Testing.chart();
    kind.make(chart, { hostNetwork: false, securityContext: { fsGroup: 1 } });
    expect(() => Testing.synth(chart)).toThrow(`${kind.prefix}.hostNetwork: Invalid value: false`);
    expect(() => Testing.synth(chart)).toThrow(`${kind.prefix}.securityContext.fsGroup: Forbidden`);
  });

  // The synth check reads the manifest as it is written, escape-hatch patches applied: a patch that
  // breaks the HostProcess pod fails synth as a prop does.
  test.each<[string, (p: string) => JsonPatch[], string[]]>([
    ['hostNetwork: false', p => [JsonPatch.replace(`/${p}/hostNetwork`, false)],
      ['hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers']],
    ['runAsUser: 0', p => [JsonPatch.add(`/${p}/securityContext/runAsUser`, 0)], ['securityContext.runAsUser: Forbidden: cannot be set for a windows pod']],
    ['a container with hostProcess: false', p => [JsonPatch.add(`/${p}/containers/0/securityContext`, { windowsOptions: { hostProcess: false } })],
      ['containers[0].securityContext.windowsOptions.hostProcess: Invalid value: false: pod hostProcess value must be identical if both are specified, was true']],
  ])('a JSON patch that sets %s fails synth', (_, patches, messages) => {
    const chart = Testing.chart();
    const w = kind.make(chart, {});
    ApiObject.of(w).addJsonPatch(...patches(kind.prefix.replace(/\./g, '/')));
    for (const message of messages) {
      expect(() => Testing.synth(chart)).toThrow(`${kind.prefix}.${message}`);
    }
  });
});

test('a Deployment with kplus spread gets the spread terms once', () => {
  const chart = Testing.chart();
  new HostProcessDeployment(chart, 'd', { spread: true, containers });
  const plain = Testing.chart();
  new kplus.Deployment(plain, 'd', { spread: true, containers });
  expect(Testing.synth(chart)[0].spec.template.spec.affinity).toEqual(Testing.synth(plain)[0].spec.template.spec.affinity);
});

test('Job and CronJob keep their kplus fields', () => {
  const job = synthOne(KINDS[3]);
  expect(job.spec.backoffLimit).toBe(2);
  expect(job.spec.ttlSecondsAfterFinished).toBe(300);
  expect(job.spec.template.spec.restartPolicy).toBe('Never');
  const cron = synthOne(KINDS[4]);
  expect(cron.spec.schedule).toBe('0 0 * * *');
});

describe('HostProcessDeployment.limitRevisionHistory', () => {
  test('writes spec.revisionHistoryLimit on every line', () => {
    const chart = new Chart(Testing.app(), 'kube-system');
    const set = new HostProcessDeployment(chart, 'set', { containers });
    set.limitRevisionHistory(2);
    new HostProcessDeployment(chart, 'unset', { containers });
    const [a, b] = Testing.synth(chart);
    expect(a.spec.revisionHistoryLimit).toBe(2);
    // kplus 31+ writes 10 when nothing is set; older lines write nothing.
    expect(b.spec.revisionHistoryLimit).toBe(LINE >= 31 ? 10 : undefined);
  });

  test('a negative limit is an error naming the construct and the field', () => {
    const d = new HostProcessDeployment(new Chart(Testing.app(), 'kube-system'), 'set', { containers });
    expect(() => d.limitRevisionHistory(-3)).toThrow(
      '[kube-system/set] spec.revisionHistoryLimit: Invalid value: -3: must be greater than or equal to 0');
    // The kplus 31+ prop too (on older lines only untyped code can pass it).
    expect(() => new HostProcessDeployment(new Chart(Testing.app(), 'kube-system'), 'prop',
      { containers, revisionHistoryLimit: -1 } as kplus.DeploymentProps)).toThrow(
      '[kube-system/prop] spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0');
  });

  test('the kplus 31+ prop is written on every line, and with the method as well it is an error', () => {
    const chart = new Chart(Testing.app(), 'kube-system');
    const d = new HostProcessDeployment(chart, 'set', { containers, revisionHistoryLimit: 4 } as kplus.DeploymentProps);
    // On lines before 31 kplus does not know the prop (untyped code can still pass it): not dropped.
    expect(Testing.synth(chart)[0].spec.revisionHistoryLimit).toBe(4);
    expect(() => d.limitRevisionHistory(1)).toThrow(
      '[kube-system/set] spec.revisionHistoryLimit: already set by the revisionHistoryLimit prop (set it in one place: the prop or limitRevisionHistory)');
  });
});
