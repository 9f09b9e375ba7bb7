// The lint's test manifests (test/fixtures/**/*.yaml and the YAML the CLI tests share,
// test/core/cli/manifests.ts), each document sent to a real API server: the lint must agree with
// the server on every one.
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { withNamespaces } from './client';
import { compare } from './parity';
import { describeEachServer } from './servers';
import * as shared from '../core/cli/manifests';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const file = path.join(dir, d.name);
    return d.isDirectory() ? yamlFiles(file) : d.name.endsWith('.yaml') ? [file] : [];
  }).sort();
}

/** Every manifest set: a fixture file or a shared constant, with its documents. */
const SETS: { name: string; documents: any[] }[] = [
  ...yamlFiles(FIXTURES).map((file) => ({ name: path.relative(FIXTURES, file), text: fs.readFileSync(file, 'utf8') })),
  ...Object.entries(shared).filter(([, v]) => typeof v === 'string').map(([name, text]) => ({ name: `manifests.ts ${name}`, text: text as string })),
].map(({ name, text }) => ({
  name,
  // YAML 1.1, as kubectl reads it (sigs.k8s.io/yaml, go-yaml v2).
  // A List's items are sent one by one, as kubectl does (the API server has no List resource).
  documents: YAML.parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJS())
    .flatMap((d) => (typeof d?.kind === 'string' && d.kind.endsWith('List') && Array.isArray(d.items) ? d.items : [d])),
})).filter((set) => set.documents.length > 0 && set.documents.every((d) => typeof d?.kind === 'string'));

describeEachServer('the lint\'s test manifests', (endpoint) => {
  test('the lint agrees with the server on every document', async () => {
    const disagreements: string[] = [];
    let documents = 0;
    for (const set of SETS) {
      await withNamespaces(endpoint, set.documents, async (others) => {
        for (const document of others) {
          documents++;
          const comparison = await compare(endpoint, document);
          const at = set.documents.indexOf(document) + 1;
          for (const d of comparison.disagreements) disagreements.push(`${set.name} document ${at} (${document.kind}/${document.metadata?.name}): ${d}`);
        }
      });
    }
    console.log(`the lint's test manifests on Kubernetes ${endpoint.version}: ${SETS.length} files, ${documents} documents, ${disagreements.length} disagreements`);
    expect(SETS.length).toBeGreaterThan(10);
    expect(disagreements).toEqual([]);
  }, 300_000);
});
