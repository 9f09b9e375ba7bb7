import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { leafPaths, linuxOnlyFields, missingFrom } from './util/subset';
import { PrivilegedDaemonSetChart } from '../examples/privileged-daemonset/chart';

// The fields the output has beyond the seed, each explained in docs/constructs.md ("The example, field by field").
const EXPLAINED_EXTRAS = [
  'spec.minReadySeconds',
  'spec.template.metadata.labels.cdk8s.io/metadata.addr',
  'spec.template.spec.os.name',
  'spec.template.spec.dnsPolicy',
  'spec.template.spec.restartPolicy',
  'spec.template.spec.automountServiceAccountToken',
  'spec.template.spec.setHostnameAsFQDN',
  'spec.template.spec.containers[0].imagePullPolicy',
  'spec.template.spec.containers[0].resources.requests.cpu',
  'spec.template.spec.containers[0].resources.requests.memory',
];

describe('the example reproduces the AKS privileged-daemonset', () => {
  const seed = YAML.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'aks-hostprocess.yaml'), 'utf8'));
  const chart = new PrivilegedDaemonSetChart(Testing.app(), 'privileged-daemonset');
  const [manifest] = Testing.synth(chart);

  test('every field and value of the seed is in the output', () => {
    expect(missingFrom(manifest, seed)).toEqual([]);
  });

  test('the output adds only the fields docs/constructs.md explains', () => {
    const seedPaths = new Set(leafPaths(seed));
    const extras = leafPaths(manifest).filter(p => !seedPaths.has(p));
    expect(extras.sort()).toEqual([...EXPLAINED_EXTRAS].sort());
    const page = fs.readFileSync(path.join(__dirname, '..', 'docs', 'constructs.md'), 'utf8');
    const readme = page.slice(page.indexOf('## The example, field by field'));
    expect(readme.length).toBeLessThan(page.length);
    for (const extra of EXPLAINED_EXTRAS) {
      const field = extra.startsWith('spec.template.metadata.labels.') ? 'cdk8s.io/metadata.addr'
        : extra.includes('.resources.') ? 'resources.requests' : extra.split('.').pop()!;
      expect(readme).toContain(field);
    }
  });

  test('no Linux-only security field', () => {
    expect(linuxOnlyFields(manifest.spec.template.spec)).toEqual([]);
  });
});
