import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { spoolManifests } from './util/spool';
import { expectStrictlyValid } from './util/strict-schema';
import { leafPaths, linuxOnlyFields, missingFrom } from './util/subset';
import { CalicoKubeProxyChart } from '../examples/calico-kube-proxy/chart';
import { CsiProxyChart } from '../examples/csi-proxy/chart';
import { WindowsExporterChart } from '../examples/windows-exporter/chart';

/**
 * Fields the output has beyond the upstream manifests, as paths with `[*]` for list indexes. Each
 * is explained in docs/cookbook.md ("The three agents, against upstream"); the second element is the text
 * the page explains it by.
 */
const EXPLAINED_EXTRAS: Array<[string, string]> = [
  ['spec.minReadySeconds', 'minReadySeconds'],
  ['spec.template.metadata.labels.cdk8s.io/metadata.addr', 'cdk8s.io/metadata.addr'],
  ['spec.template.spec.os.name', 'os.name'],
  ['spec.template.spec.dnsPolicy', 'dnsPolicy'],
  ['spec.template.spec.restartPolicy', 'restartPolicy'],
  ['spec.template.spec.automountServiceAccountToken', 'automountServiceAccountToken'],
  ['spec.template.spec.setHostnameAsFQDN', 'setHostnameAsFQDN'],
  ['spec.template.spec.terminationGracePeriodSeconds', 'terminationGracePeriodSeconds'],
  ['spec.template.spec.containers[*].imagePullPolicy', 'imagePullPolicy'],
  ['spec.template.spec.initContainers[*].imagePullPolicy', 'imagePullPolicy'],
  ['spec.template.spec.containers[*].resources.requests.cpu', 'resources.requests'],
  ['spec.template.spec.containers[*].resources.requests.memory', 'resources.requests'],
  ['spec.template.spec.initContainers[*].resources.requests.cpu', 'resources.requests'],
  ['spec.template.spec.initContainers[*].resources.requests.memory', 'resources.requests'],
  ['metadata.labels.pod-security.kubernetes.io/enforce', 'pod-security.kubernetes.io'],
  ['metadata.labels.pod-security.kubernetes.io/enforce-version', 'pod-security.kubernetes.io'],
  ['metadata.labels.pod-security.kubernetes.io/audit', 'pod-security.kubernetes.io'],
  ['metadata.labels.pod-security.kubernetes.io/audit-version', 'pod-security.kubernetes.io'],
  ['metadata.labels.pod-security.kubernetes.io/warn', 'pod-security.kubernetes.io'],
  ['metadata.labels.pod-security.kubernetes.io/warn-version', 'pod-security.kubernetes.io'],
  ['immutable', 'immutable'],
];

interface Example {
  readonly name: string;
  readonly fixture: string;
  readonly chart: (app: ReturnType<typeof Testing.app>) => Chart;
  /**
   * Golden values the output writes differently on purpose, as the messages `missingFrom`
   * gives, with the text of docs/cookbook.md that explains each.
   */
  readonly exceptions: Array<[string, string]>;
}

// `SandboxPath` writes `\` separators; upstream wrote `/`. Windows accepts both.
const SEPARATORS = 'written with `\\` separators';
// HostProcessUser.SYSTEM; Windows account names are case-insensitive.
const SYSTEM = 'NT AUTHORITY\\SYSTEM';

const EXAMPLES: Example[] = [
  {
    name: 'csi-proxy',
    fixture: 'csi-proxy.yaml',
    chart: app => new CsiProxyChart(app, 'csi-proxy'),
    exceptions: [],
  },
  {
    name: 'calico-kube-proxy',
    fixture: 'calico-kube-proxy.yaml',
    chart: app => new CalicoKubeProxyChart(app, 'calico-kube-proxy'),
    exceptions: [
      ['spec.template.spec.securityContext.windowsOptions.runAsUserName: expected "NT AUTHORITY\\\\system", got "NT AUTHORITY\\\\SYSTEM"', SYSTEM],
      ['spec.template.spec.containers[0].args[0]: expected "$env:CONTAINER_SANDBOX_MOUNT_POINT/kube-proxy/start.ps1", got "$env:CONTAINER_SANDBOX_MOUNT_POINT\\\\kube-proxy\\\\start.ps1"', SEPARATORS],
      ['spec.template.spec.containers[0].workingDir: expected "$env:CONTAINER_SANDBOX_MOUNT_POINT/kube-proxy/", got "$env:CONTAINER_SANDBOX_MOUNT_POINT\\\\kube-proxy"', SEPARATORS],
    ],
  },
  {
    name: 'windows-exporter',
    fixture: 'windows-exporter.yaml',
    chart: app => new WindowsExporterChart(app, 'windows-exporter'),
    exceptions: [
      ['spec.template.spec.securityContext.windowsOptions.runAsUserName: expected "NT AUTHORITY\\\\system", got "NT AUTHORITY\\\\SYSTEM"', SYSTEM],
      ['spec.template.spec.containers[0].args[0]: expected "--config.file=%CONTAINER_SANDBOX_MOUNT_POINT%/config.yml", got "--config.file=%CONTAINER_SANDBOX_MOUNT_POINT%\\\\config.yml"', SEPARATORS],
    ],
  },
];

const COOKBOOK = fs.readFileSync(path.join(__dirname, '..', 'docs', 'cookbook.md'), 'utf8');

function key(doc: any): string {
  return `${doc.kind}/${doc.metadata?.name}`;
}

describe.each(EXAMPLES)('example $name against upstream', ({ fixture, chart, exceptions }) => {
  const golden: any[] = YAML.parseAllDocuments(fs.readFileSync(path.join(__dirname, 'fixtures', fixture), 'utf8'))
    .map(d => d.toJS());
  const output: any[] = Testing.synth(chart(Testing.app()));

  test('the same objects', () => {
    expect(output.map(key).sort()).toEqual(golden.map(key).sort());
  });

  test('every field and value of upstream is in the output, but for the explained exceptions', () => {
    const missing = golden.flatMap(g => missingFrom(output.find(o => key(o) === key(g)), g));
    expect(missing).toEqual(exceptions.map(([m]) => m));
  });

  test('the output adds only the fields docs/cookbook.md explains', () => {
    const allowed = new Set(EXPLAINED_EXTRAS.map(([p]) => p));
    for (const g of golden) {
      const goldenPaths = new Set(leafPaths(g));
      const extras = leafPaths(output.find(o => key(o) === key(g)))
        .filter(p => !goldenPaths.has(p))
        .map(p => p.replace(/\[\d+\]/g, '[*]'))
        .filter(p => !allowed.has(p));
      expect(extras).toEqual([]);
    }
  });

  test('every object is valid against the Kubernetes schema, unknown fields rejected', () => {
    expectStrictlyValid(output);
    spoolManifests(output);
  });

  test('no Linux-only security field', () => {
    for (const o of output.filter(d => d.kind === 'DaemonSet')) {
      expect(linuxOnlyFields(o.spec.template.spec)).toEqual([]);
    }
  });
});

test('docs/cookbook.md explains every extra field and every exception', () => {
  const section = COOKBOOK.slice(COOKBOOK.indexOf('## The three agents, against upstream'));
  expect(section.length).toBeLessThan(COOKBOOK.length);
  for (const [, text] of [...EXPLAINED_EXTRAS, ...EXAMPLES.flatMap(e => e.exceptions)]) {
    expect(section).toContain(text);
  }
});
