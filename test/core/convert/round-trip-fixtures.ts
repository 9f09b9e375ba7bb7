// The inputs the round-trip test (round-trip.test.ts) converts, relative to test/fixtures: shared
// with the bindings test (test/bindings/), which runs each converted to every jsii language.
import * as fs from 'fs';
import * as path from 'path';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');

/** The three agents' upstream manifests, the AKS seed, the rendered Helm output, and test/fixtures/convert/. */
export const ROUND_TRIP_FIXTURES: string[] = [
  'csi-proxy.yaml',
  'calico-kube-proxy.yaml',
  'windows-exporter.yaml',
  'aks-hostprocess.yaml',
  'rendered/agent.yaml',
  'rendered/exporter.yaml',
  ...fs.readdirSync(path.join(FIXTURES, 'convert')).filter(f => f.endsWith('.yaml')).sort().map(f => `convert/${f}`),
];

/** A fixture's file. */
export function fixturePath(fixture: string): string {
  return path.join(FIXTURES, fixture);
}
