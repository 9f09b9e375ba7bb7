// The workloads the synth benchmark builds: the same node agent as a HostProcessDaemonSet, as a
// plain kplus.DaemonSet with the same containers, and as a raw KubeDaemonSet whose spec is the
// HostProcess pod spec written by hand.
import { App, Chart } from 'cdk8s';
import { HostProcessDaemonSet } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';

import { Variant } from './variants';

export { Variant, VARIANTS } from './variants';

/** Node agents live in kube-system (as in the README's quick start). */
export const NAMESPACE = 'kube-system';

const IMAGE = 'mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.29.0-windows-hostprocess';
const COMMAND = ['powershell.exe', '-ExecutionPolicy', 'Bypass', '-File', 'start.ps1'];
const ARGS = ['--v=2', '--hostname-override=$(NODE_NAME)'];
const ENV = { KUBE_NETWORK: 'cbr0', LOG_LEVEL: 'info' };

function containerProps(): kplus.ContainerProps {
  const envVariables: { [name: string]: kplus.EnvValue } = {};
  for (const [name, value] of Object.entries(ENV)) {
    envVariables[name] = kplus.EnvValue.fromValue(value);
  }
  return { name: 'main', image: IMAGE, command: COMMAND, args: ARGS, envVariables };
}

/** The pod spec HostProcessDaemonSet writes for `containerProps()`, by hand. */
export function handWrittenPodSpec(): kplus.k8s.PodSpec {
  return {
    automountServiceAccountToken: false,
    containers: [{
      name: 'main',
      image: IMAGE,
      command: COMMAND,
      args: ARGS,
      env: Object.entries(ENV).map(([name, value]) => ({ name, value })),
      imagePullPolicy: 'Always',
      resources: {
        requests: { cpu: kplus.k8s.Quantity.fromString('100m'), memory: kplus.k8s.Quantity.fromString('128Mi') },
      },
    }],
    dnsPolicy: 'Default',
    hostNetwork: true,
    nodeSelector: { 'kubernetes.io/os': 'windows' },
    os: { name: 'windows' },
    restartPolicy: 'Always',
    securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } },
    setHostnameAsFqdn: false,
    terminationGracePeriodSeconds: 30,
  };
}

/** Builds `n` workloads of one variant in a fresh app. */
export function build(variant: Variant, n: number): App {
  const app = new App({ outdir: 'dist/bench/out' });
  const chart = new Chart(app, 'agents', { namespace: NAMESPACE });
  for (let i = 0; i < n; i++) {
    const id = `agent${i}`;
    switch (variant) {
      case 'hostprocess':
        new HostProcessDaemonSet(chart, id, { containers: [containerProps()] });
        break;
      case 'kplus':
        new kplus.DaemonSet(chart, id, { containers: [containerProps()] });
        break;
      case 'raw': {
        const labels = { 'app.kubernetes.io/name': id };
        new kplus.k8s.KubeDaemonSet(chart, id, {
          spec: {
            minReadySeconds: 0,
            selector: { matchLabels: labels },
            template: { metadata: { labels }, spec: handWrittenPodSpec() },
          },
        });
        break;
      }
    }
  }
  return app;
}
