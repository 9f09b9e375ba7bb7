import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Cron, Testing } from 'cdk8s';
import { HostProcessCronJob, HostProcessDaemonSet, HostProcessPod } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';

const image = 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0';
const MUST_MATCH = 'must match `containerPort` when `hostNetwork` is true';

function synthError(chart: Chart): string {
  try {
    Testing.synth(chart);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth did not fail');
}

describe('the constructs run the rules engine at synth', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => { warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined); });
  afterEach(() => warn.mockRestore());

  test('a DaemonSet container port whose hostPort differs fails synth, naming the construct and the field', () => {
    const chart = Testing.chart();
    new HostProcessDaemonSet(chart, 'exporter', { containers: [{ image, ports: [{ number: 9182, hostPort: 9090 }] }] });
    expect(synthError(chart)).toContain(
      `[test/exporter] spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 9090: ${MUST_MATCH}`);
  });

  test('a hostPort equal to the port, or none, synthesizes', () => {
    const chart = Testing.chart();
    new HostProcessDaemonSet(chart, 'exporter', { containers: [{ image, ports: [{ number: 9182, hostPort: 9182 }, { number: 9183 }] }] });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('a bare Pod uses the spec prefix; a CronJob its job template', () => {
    const chart = Testing.chart();
    new HostProcessPod(chart, 'pod', { containers: [{ image, ports: [{ number: 80, hostPort: 81 }] }] });
    new HostProcessCronJob(chart, 'job', {
      schedule: Cron.daily(),
      containers: [{ image, ports: [{ number: 80, hostPort: 81 }] }],
    });
    const message = synthError(chart);
    expect(message).toContain(`[test/pod] spec.containers[0].ports[0].hostPort: Invalid value: 81: ${MUST_MATCH}`);
    expect(message).toContain(
      `[test/job] spec.jobTemplate.spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 81: ${MUST_MATCH}`);
  });

  test('a named pipe hostPath volume fails synth, and every problem is reported at once', () => {
    const chart = Testing.chart();
    const pipe = kplus.Volume.fromHostPath(chart, 'csi-proxy', 'csi-proxy', { path: '\\\\.\\pipe\\csi-proxy-filesystem-v1' });
    new HostProcessDaemonSet(chart, 'csi-node', {
      containers: [{ image, volumeMounts: [{ path: 'C:\\pipe', volume: pipe }], ports: [{ number: 9808, hostPort: 9809 }] }],
    });
    const message = synthError(chart);
    expect(message).toContain('[test/csi-node] spec.template.spec.volumes[0].hostPath.path: Invalid value: ' +
      '"\\\\\\\\.\\\\pipe\\\\csi-proxy-filesystem-v1": named pipes cannot be mounted into HostProcess containers');
    expect(message).toContain('[test/csi-node] spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 9809');
  });

  test('warnings do not fail synth; each is printed once with the construct path', () => {
    const chart = Testing.chart();
    new HostProcessDaemonSet(chart, 'calico', { containers: [{ image, workingDir: '..\\..\\CalicoWindows' }] });
    expect(() => Testing.synth(chart)).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(
      /^Warning: \[test\/calico\] spec\.template\.spec\.containers\[0\]\.workingDir: relative path "\.\.\\\\\.\.\\\\CalicoWindows": containerd 1\.6/);
    // Each synth finding ends with its rule's ID and the rule's fix.
    expect(warn.mock.calls[0][0]).toMatch(/ \(rule host-process-relative-working-dir\); fix: start the path with \$env:CONTAINER_SANDBOX_MOUNT_POINT\\ for the image, or change to a host directory in the command$/);
  });

  test('app.synth() validates once per chart as well, and still prints each warning once', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'warn-')) });
    new HostProcessDaemonSet(new Chart(app, 'one'), 'calico', { containers: [{ image, workingDir: 'CalicoWindows' }] });
    new Chart(app, 'two');
    app.synth();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  test('a valid DaemonSet synthesizes without warnings', () => {
    const chart = Testing.chart();
    new HostProcessDaemonSet(chart, 'agent', { containers: [{ image, workingDir: 'C:\\agent' }] });
    expect(() => Testing.synth(chart)).not.toThrow();
    expect(warn).not.toHaveBeenCalled();
  });
});
