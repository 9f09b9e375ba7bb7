// The library's own output round-trips (issue 22 items 4 and 5): on every line whose package is
// built (lib/ and dist/lines/<line>/, `npx projen compile`), a program builds every construct of the
// library, its manifests are converted with `--package` of that line, and the converted program's
// manifests equal them but for the documented additions; the selectors still select their pods
// (the input's `cdk8s.io/metadata.addr` labels are kept), and convert exits 0 (kplus' defaults that
// equal the API server's are additions, not escape hatches).
import * as YAML from 'yaml';
import { unexplained } from './round-trip-check';
import { ProgramApp, ProgramRun, builtLines, packageOf } from './run-programs';
import { ConvertResult, convert } from '../../../src/core/convert/convert';
import { KPLUS_LINES } from '../../../src/core/kplus-lines';

/** A program of every construct of the library, with the props users give most, for `line`. */
function libraryProgram(line: number): string {
  return `import { App, Chart, Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-${line}';
import * as hp from '${packageOf(line)}';

const app = new App();
const chart = new Chart(app, 'library');
const image = 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0';
const logs = kplus.Volume.fromHostPath(chart, 'logs', 'logs', { path: 'C:\\\\logs', type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE });
const containers = [{
  name: 'agent',
  image,
  command: hp.PowerShell.command('Start-Agent'),
  envVariables: { LEVEL: kplus.EnvValue.fromValue('info'), NODE: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME) },
  ports: [{ number: 9100, name: 'metrics' }],
  liveness: hp.HostProcessProbe.fromHttpGet('/healthz', 'metrics'),
  volumeMounts: [{ volume: logs, path: 'C:\\\\logs' }],
}];
const common = {
  metadata: { namespace: 'agents', labels: { team: 'windows' } },
  containers,
  volumes: [logs],
  windowsBuild: hp.WindowsBuild.LTSC2022,
  priorityClassName: 'system-node-critical',
};
new hp.HostProcessNamespace(chart, 'ns', { metadata: { name: 'agents' } });
const ds = new hp.HostProcessDaemonSet(chart, 'ds', { ...common, user: hp.HostProcessUser.LOCAL_SERVICE, containerWindowsOptions: true });
ds.scheduling.tolerate(kplus.Node.tainted(hp.HostProcessTolerations.all()));
new hp.HostProcessDaemonSet(chart, 'ds-on-delete', { ...common, updateStrategy: hp.DaemonSetUpdateStrategy.onDelete() });
new hp.HostProcessDeployment(chart, 'deploy', { ...common, replicas: 1 });
new hp.HostProcessJob(chart, 'job', { ...common, backoffLimit: 2, ttlAfterFinished: Duration.minutes(5) });
new hp.HostProcessCronJob(chart, 'cron', { ...common, schedule: Cron.daily() });
new hp.HostProcessPod(chart, 'pod', { ...common, user: hp.HostProcessUser.localGroup('hpc-agents') });
new hp.HostProcessAdmissionPolicy(chart, 'policy', { namespaces: ['agents'], imagePrefixes: ['mcr.microsoft.com/'] });
app.synth();
`;
}

const lines = builtLines();
let app: ProgramApp;
const library: { [line: number]: ProgramRun } = {};
const converted: { [line: number]: ConvertResult } = {};
const again: { [line: number]: ProgramRun } = {};
let tscOutput: string;

beforeAll(() => {
  app = new ProgramApp('self-round-trip');
  // The library programs are the test's own: transpiled; the converted ones get strict tsc.
  app.transpile(Object.fromEntries(lines.map(l => [`library${l}`, libraryProgram(l)])));
  const ran = app.runAll(lines.map(l => `library${l}`));
  for (const line of lines) {
    library[line] = ran[`library${line}`];
    if (library[line].status !== 0) continue;
    const text = library[line].objects.map(o => YAML.stringify(o)).join('---\n');
    converted[line] = convert([{ file: `library-${line}.yaml`, content: text }], { packageName: packageOf(line), line });
  }
  const ok = lines.filter(l => converted[l]?.program !== undefined);
  tscOutput = app.compile(Object.fromEntries(ok.map(l => [`converted${l}`, converted[l].program!])));
  Object.assign(again, Object.fromEntries(Object.entries(app.runAll(ok.map(l => `converted${l}`))).map(([n, r]) => [Number(n.slice('converted'.length)), r])));
}, 300_000);

afterAll(() => app.remove());

test('every line\'s package is built (npx projen compile), so that every line is proven (by hand: the lines built)', () => {
  const missing = KPLUS_LINES.filter(l => !lines.includes(l));
  if (process.env.CI === 'true') expect(missing).toEqual([]);
  else if (missing.length > 0) process.stderr.write(`self round trip: lines ${missing.join(', ')} not built here (npx projen compile builds them)\n`);
  expect(lines.length).toBeGreaterThan(0);
});

test('every converted program compiles with strict tsc', () => {
  expect(tscOutput).toBe('');
});

describe.each(lines)('line %i', (line) => {
  test('every construct is in the library\'s output', () => {
    expect({ status: library[line].status, stderr: library[line].stderr }).toEqual({ status: 0, stderr: '' });
    expect(library[line].objects.map(o => o.kind)).toEqual([
      'Namespace', 'DaemonSet', 'DaemonSet', 'Deployment', 'Job', 'CronJob', 'Pod',
      'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
    ]);
  });

  test('convert --package of the line: exit 0, nothing on stderr but additions', () => {
    expect(converted[line]?.stderr).toEqual([]);
    expect(converted[line].exitCode).toBe(0);
    expect(converted[line].objects).toEqual({
      ApiObject: 5, HostProcessDaemonSet: 2, HostProcessDeployment: 1, HostProcessJob: 1, HostProcessCronJob: 1, HostProcessPod: 1,
    });
  });

  test('the converted program synthesizes the library\'s output; every selector selects its pods', () => {
    expect({ status: again[line]?.status, stderr: again[line]?.stderr }).toEqual({ status: 0, stderr: '' });
    expect(unexplained(library[line].objects, again[line].objects, converted[line].diagnostics)).toEqual([]);
    for (const o of again[line].objects.filter(x => ['DaemonSet', 'Deployment'].includes(x.kind))) {
      const address = o.spec.selector.matchLabels['cdk8s.io/metadata.addr'];
      expect(address).toEqual(expect.any(String));
      expect(o.spec.template.metadata.labels['cdk8s.io/metadata.addr']).toBe(address);
    }
  });
});
