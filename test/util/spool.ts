// The spool of synthesized manifests: with CDK8S_HOSTPROCESS_SPOOL set (`npm test` sets it), every
// manifest the tests synthesize (Testing.synth, the examples, converted programs, the consumer app)
// is written there, one JSON line per synth, and the server suites (test/kube/synthesized.test.ts)
// send each to a real API server, which must accept it.
import * as fs from 'fs';
import * as path from 'path';
import { LINE } from './line';

/** One synth's manifests, as written to the spool. */
export interface Spooled {
  /** The cdk8s-plus line the test ran on. */
  readonly line: number;
  /** The test (file › name) that synthesized them. */
  readonly from: string;
  readonly manifests: any[];
}

/** The spool folder, if this run keeps one. */
export const SPOOL = process.env.CDK8S_HOSTPROCESS_SPOOL;

/** Writes one synth's manifests to the spool, named by the running test. */
export function spoolManifests(manifests: unknown[]): void {
  if (!SPOOL || manifests.length === 0) return;
  fs.mkdirSync(SPOOL, { recursive: true });
  const state = expect.getState();
  const from = `${path.relative(process.cwd(), state.testPath ?? '')} › ${state.currentTestName ?? ''}`;
  const entry: Spooled = { line: LINE, from, manifests: manifests as any[] };
  fs.appendFileSync(path.join(SPOOL, `${process.pid}.ndjson`), `${JSON.stringify(entry)}\n`);
}

/** Everything spooled by this run. */
export function readSpool(): Spooled[] {
  if (!SPOOL || !fs.existsSync(SPOOL)) return [];
  return fs.readdirSync(SPOOL).filter((f) => f.endsWith('.ndjson')).sort().flatMap((f) =>
    fs.readFileSync(path.join(SPOOL, f), 'utf-8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Spooled));
}
