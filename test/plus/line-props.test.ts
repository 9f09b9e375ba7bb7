// What the cdk8s-plus lines after 27 add, and what the lines before 27 lack, on the line this jest
// project runs on (test/util/line.ts).
import { Chart, Testing } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessDaemonSetProps, HostProcessDeployment, HostProcessValidator, Severity } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';
import { LINE_PROPS } from '../../src/plus/line-props';
import { LINE, kplusAssembly } from '../util/line';

const image = 'mcr.microsoft.com/windows/nanoserver:ltsc2022';
const P = 'spec.template.spec';
const FORBIDDEN = 'Forbidden: cannot be set for a windows pod';

// The kplus types whose props the constructs take.
const TYPES = [
  'ContainerOpts', 'ContainerProps', 'ContainerSecurityContextProps', 'AbstractPodProps', 'PodProps', 'WorkloadProps',
  'DaemonSetProps', 'DeploymentProps', 'JobProps', 'CronJobProps', 'PodSecurityContextProps', 'NamespaceProps',
];
const propsOf = (line: number, type: string): string[] =>
  (kplusAssembly(line).types[`cdk8s-plus-${line}.${type}`]?.properties ?? []).map(p => p.name);

function synth(props: HostProcessDaemonSetProps): any {
  const chart = new Chart(Testing.app(), 'kube-system');
  new HostProcessDaemonSet(chart, 'agent', props);
  return Testing.synth(chart)[0];
}

function synthError(props: HostProcessDaemonSetProps): string {
  try {
    synth(props);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth did not fail');
}

const since = (line: number) => LINE >= line;

describe(`cdk8s-plus-${LINE}`, () => {
  test.each(TYPES)('every prop of %s is in cdk8s-plus-27 or classified in LINE_PROPS', (type) => {
    const base = new Set(propsOf(27, type));
    const added = propsOf(LINE, type).filter(p => !base.has(p));
    const classified = LINE_PROPS.filter(p => p.type === type && p.since > 27 && p.since <= LINE).map(p => p.prop);
    expect(added.sort()).toEqual(classified.sort());
  });

  test.each(TYPES)('every prop of %s in cdk8s-plus-27 that this line lacks is classified in LINE_PROPS', (type) => {
    const own = new Set(propsOf(LINE, type));
    const lacked = propsOf(27, type).filter(p => !own.has(p));
    const classified = LINE_PROPS.filter(p => p.type === type && p.since <= 27 && p.since > LINE).map(p => p.prop);
    expect(lacked.sort()).toEqual(classified.sort());
  });

  test.each(LINE_PROPS.map(p => [`${p.type}.${p.prop}`, p] as const))('%s is there from its line on', (_, p) => {
    expect(propsOf(LINE, p.type).includes(p.prop)).toBe(LINE >= p.since);
  });

  test('capabilities on a container fail synth on every line, set as a prop or (before 27, untyped) anyway', () => {
    // Before cdk8s-plus-27 the prop is not typed and kplus has no Capability enum: plain strings.
    const securityContext = { capabilities: { drop: ['ALL'] } } as unknown as kplus.ContainerSecurityContextProps;
    expect(propsOf(LINE, 'ContainerSecurityContextProps').includes('capabilities')).toBe(since(27));
    expect(synthError({ containers: [{ image, securityContext }] })).toContain(
      `[kube-system/agent] ${P}.containers[0].securityContext.capabilities: ${FORBIDDEN} ` +
      '(capabilities are Linux process rights; remove securityContext.capabilities)');
    if (!since(27)) return;
    // On an attached kplus.Container as well (kplus before 27 does not keep the prop at all).
    const chart = new Chart(Testing.app(), 'kube-system');
    const ds = new HostProcessDaemonSet(chart, 'agent');
    ds.attachContainer(new kplus.Container({ image, securityContext }));
    expect(() => Testing.synth(chart)).toThrow(`[kube-system/agent] ${P}.containers[0].securityContext.capabilities: ${FORBIDDEN}`);
  });

  test('native sidecar init containers are HostProcess containers, checked by the same rules', () => {
    const sidecar = { name: 'log-tail', image, restartPolicy: 'Always' } as kplus.ContainerProps;
    if (!since(28)) {
      expect(propsOf(LINE, 'ContainerOpts')).not.toContain('restartPolicy');
      return;
    }
    const manifest = synth({ containerWindowsOptions: true, initContainers: [sidecar], containers: [{ image }] });
    const spec = manifest.spec.template.spec;
    expect(spec.initContainers[0]).toMatchObject({
      name: 'log-tail',
      restartPolicy: 'Always',
      securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } },
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
    });
    expect(spec.securityContext.windowsOptions.hostProcess).toBe(true);
    // The API server's rules, as the rules engine mirrors them, accept the whole manifest.
    expect(HostProcessValidator.validateManifest(manifest).filter(f => f.severity === Severity.ERROR)).toEqual([]);

    // What a sidecar sets that a HostProcess container cannot honour fails like any container.
    const privileged = { ...sidecar, securityContext: { privileged: true } } as kplus.ContainerProps;
    expect(synthError({ initContainers: [privileged], containers: [{ image }] }))
      .toContain(`[kube-system/agent] ${P}.initContainers[0].securityContext.privileged: ${FORBIDDEN} (`);

    // A sidecar added after construction too.
    const chart = new Chart(Testing.app(), 'kube-system');
    const ds = new HostProcessDaemonSet(chart, 'agent', { containers: [{ image }] });
    ds.addInitContainer({ ...sidecar, securityContext: { user: 1000 } } as kplus.ContainerProps);
    expect(() => Testing.synth(chart)).toThrow(`[kube-system/agent] ${P}.initContainers[0].securityContext.runAsUser: ${FORBIDDEN}`);
  });

  test('seccompProfile on a container fails synth with the construct path, the field and the fix', () => {
    if (!since(28)) {
      expect(propsOf(LINE, 'ContainerSecurityContextProps')).not.toContain('seccompProfile');
      return;
    }
    const securityContext = { seccompProfile: { type: 'RuntimeDefault' } } as kplus.ContainerSecurityContextProps;
    expect(synthError({ containers: [{ image, securityContext }] })).toContain(
      `[kube-system/agent] ${P}.containers[0].securityContext.seccompProfile: ${FORBIDDEN} ` +
      '(seccomp is a Linux kernel filter; remove securityContext.seccompProfile)');

    // On an attached kplus.Container as well: its security context has the profile.
    const chart = new Chart(Testing.app(), 'kube-system');
    const ds = new HostProcessDaemonSet(chart, 'agent');
    ds.attachContainer(new kplus.Container({ image, securityContext }));
    expect(() => Testing.synth(chart)).toThrow(`[kube-system/agent] ${P}.containers[0].securityContext.seccompProfile: ${FORBIDDEN}`);
  });

  test('shareProcessNamespace: the kplus default is left out, a value the user set fails synth', () => {
    const spec = synth({ containers: [{ image }] }).spec.template.spec;
    expect(spec).not.toHaveProperty('shareProcessNamespace');
    if (!since(29)) {
      expect(propsOf(LINE, 'AbstractPodProps')).not.toContain('shareProcessNamespace');
      return;
    }
    for (const value of [true, false]) {
      expect(synthError({ shareProcessNamespace: value, containers: [{ image }] } as HostProcessDaemonSetProps)).toContain(
        `[kube-system/agent] ${P}.shareProcessNamespace: ${FORBIDDEN} ` +
        '(the API server rejects it for a windows pod, false too; remove shareProcessNamespace)');
    }
  });

  test('enableServiceLinks is kept', () => {
    const spec = synth({ enableServiceLinks: false, containers: [{ image }] } as HostProcessDaemonSetProps).spec.template.spec;
    if (!since(30)) {
      expect(spec).not.toHaveProperty('enableServiceLinks');
      return;
    }
    expect(spec.enableServiceLinks).toBe(false);
  });

  test('Deployment revisionHistoryLimit is kept, and defaults to what kplus writes', () => {
    const chart = new Chart(Testing.app(), 'kube-system');
    new HostProcessDeployment(chart, 'set', { revisionHistoryLimit: 3, containers: [{ image }] } as kplus.DeploymentProps);
    new HostProcessDeployment(chart, 'default', { containers: [{ image }] });
    const [set, dflt] = Testing.synth(chart);
    // Written on every line: older lines' kplus does not know the prop, and the library writes it
    // rather than drop it.
    expect(set.spec.revisionHistoryLimit).toBe(3);
    if (!since(31)) {
      expect(dflt.spec).not.toHaveProperty('revisionHistoryLimit');
      return;
    }
    expect(dflt.spec.revisionHistoryLimit).toBe(10);
  });
});
