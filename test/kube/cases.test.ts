// The rule cases (test/cases/<rule>/<case>.yaml), each sent to a real API server: the server's
// verdict must be the one the case file records, and the lint must agree with the server.
import { compare } from './parity';
import { describeEachServer } from './servers';
import { ruleCases } from '../util/cases';

const cases = ruleCases();

describeEachServer('rule cases', (endpoint) => {
  test('each case\'s recorded verdict is the server\'s, and the lint agrees with the server', async () => {
    const results = [];
    for (const c of cases) {
      const comparison = await compare(endpoint, c.manifest);
      // One verdict for every release, or one per release where they differ.
      const recorded = typeof c.apiServer === 'string' ? c.apiServer : c.apiServer?.[endpoint.version];
      results.push({ file: c.file, recorded, verdict: comparison.verdict.accepted ? 'accepts' : 'rejects', disagreements: comparison.disagreements });
    }
    const agreed = results.filter((r) => r.disagreements.length === 0).length;
    console.log(`rule cases on Kubernetes ${endpoint.version}: ${results.length} cases, lint and server agree on ${agreed}`);
    expect(results.filter((r) => r.recorded !== r.verdict).map((r) => `${r.file}: recorded ${r.recorded}, the server ${r.verdict}`)).toEqual([]);
    expect(results.filter((r) => r.disagreements.length > 0).map((r) => `${r.file}: ${r.disagreements.join('; ')}`)).toEqual([]);
  });
});
