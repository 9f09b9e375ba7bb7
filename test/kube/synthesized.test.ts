// Everything the other suites synthesized (the constructs on every cdk8s-plus line, the examples,
// converted programs, the consumer app; test/util/spool.ts) is sent to a real API server, which must
// accept every object: the library's promise is a manifest the API server takes as written.
import { dryRun, withNamespaces } from './client';
import { describeEachServer } from './servers';
import { kubernetesMinor } from '../../src/core/k8s/release';
import { readSpool, SPOOL, Spooled } from '../util/spool';

/** A line's output is for the Kubernetes of that line and newer: 1.30 judges lines 25 to 30 (docs/development.md "Layout": no 1.25 server runs here). */
function judges(version: string, line: number): boolean {
  return kubernetesMinor(version) >= line;
}

function distinct(entries: Spooled[]): Spooled[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = JSON.stringify(e.manifests);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Tests that synthesize an object the API server must refuse, on purpose, and why; the server must
 * refuse each of these (so the list cannot outlive its tests).
 */
const REFUSED_ON_PURPOSE: { [test: string]: string } = {
  'test/plus/admission-policy.test.ts › HostProcessAdmissionPolicy a workload kplus writes with hostProcess is checked even when not built with the library':
    'a plain kplus DaemonSet with hostProcess and no hostNetwork, for the admission policy to refuse',
};

/** The test's name without the line suffix the line projects add (` (line 27)`). */
const testOf = (from: string) => from.replace(/ \(line \d+\)$/, '');

const describeIfSpool = SPOOL ? describeEachServer : (name: string) => {
  describe(name, () => {
    test('runs after the other suites (npm test sets CDK8S_HOSTPROCESS_SPOOL)', () => {
      // By hand a run of this suite alone has nothing to send; in CI that is a broken run.
      expect(process.env.CI).not.toBe('true');
    });
  });
};

describeIfSpool('what the tests synthesized', (endpoint) => {
  test('the server accepts every object', async () => {
    const entries = distinct(readSpool()).filter((e) => judges(endpoint.version, e.line));
    if (process.env.CI === 'true') expect(entries.length).toBeGreaterThan(0);
    const refused: string[] = [];
    const refusedOnPurpose = new Set<string>();
    let objects = 0;
    for (const entry of entries) {
      const sent = await withNamespaces(endpoint, entry.manifests, (others) => Promise.all(others.map((m) => dryRun(endpoint, m))));
      const verdicts = [...sent.verdicts, ...sent.result];
      [...sent.namespaces, ...sent.others].forEach((m, i) => {
        objects++;
        const verdict = verdicts[i];
        if (verdict.accepted) return;
        if (REFUSED_ON_PURPOSE[testOf(entry.from)]) {
          refusedOnPurpose.add(testOf(entry.from));
          return;
        }
        const causes = verdict.causes.map((c) => `${c.field}: ${c.message}`).join('; ');
        refused.push(`${entry.from}: ${m?.kind}/${m?.metadata?.name}: ${verdict.status} ${causes || verdict.message}`);
      });
    }
    console.log(`synthesized by the tests, on Kubernetes ${endpoint.version}: ${entries.length} distinct synths, ${objects} objects, ${objects - refused.length - refusedOnPurpose.size} accepted, ${refusedOnPurpose.size} refused on purpose`);
    expect(refused).toEqual([]);
    // Every test on the list synthesized (on a line this server judges) and was refused.
    const ran = new Set(entries.map((e) => testOf(e.from)));
    expect(Object.keys(REFUSED_ON_PURPOSE).filter((t) => ran.has(t) && !refusedOnPurpose.has(t))).toEqual([]);
  }, 600_000);
});
