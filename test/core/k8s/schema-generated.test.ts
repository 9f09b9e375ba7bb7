// The generated API types (src/core/k8s/schema/) are what projenrc/schema.ts generates now from
// k8s.io/api of each release, and the lint's decoding of them says what the API server's decoder
// says: the Go program also writes objects with one wrong value or one unknown field (every field of
// every struct of every kind, each wrong value of its type) with the real strict decoder's words on
// each, and the lint must give the same words at the same place. Needs Go (it builds the program,
// fetching k8s.io/api and k8s.io/apimachinery through the Go module proxy the first time); without
// Go the tests are skipped, unless CI=true, where a missing Go fails.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SCHEMA_DIR, generate, hasGo, runGenerator } from '../../../projenrc/schema';
import { decodeErrors } from '../../../src/core/validation/decode';
import { KUBE_VERSIONS } from '../../kube/versions';

const CI = process.env.CI === 'true' || process.env.CI === '1';
const GO = hasGo();
const BUILD_TIMEOUT = 20 * 60 * 1000;

test('Go is there where CI needs it (with CI=true the generated files must be checked)', () => {
  expect(GO || !CI).toBe(true);
});

(GO ? describe : describe.skip)('with Go', () => {
  test('the committed tables are the generator\'s output', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hostprocess-schema-'));
    try {
      const written = generate(out).map(f => path.basename(f)).sort();
      const committed = path.join(__dirname, '..', '..', '..', SCHEMA_DIR);
      expect(fs.readdirSync(committed).sort()).toEqual(written);
      for (const file of written) {
        const same = fs.readFileSync(path.join(out, file), 'utf8') === fs.readFileSync(path.join(committed, file), 'utf8');
        expect([file, same ? 'the same' : 'out of date: run npx projen schema:generate']).toEqual([file, 'the same']);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, BUILD_TIMEOUT);

  test.each(KUBE_VERSIONS.map(v => [v.kubernetes, v] as const))('%s: the lint\'s words are the real decoder\'s on every generated object', (version, v) => {
    const vectors: { object: any; error: string }[] = JSON.parse(runGenerator(v, 'vectors'));
    expect(vectors.length).toBeGreaterThan(10_000);
    const differences: string[] = [];
    for (const { object, error } of vectors) {
      const errors = decodeErrors(object, version);
      // The decoder stops at one error; each object has one.
      const words = errors.map(e => (e.rule === 'unknown-field' ? `strict decoding error: ${e.words}` : e.words)).join(' | ');
      if (words !== error) differences.push(`${JSON.stringify(object)}: the decoder says ${JSON.stringify(error)}, the lint ${JSON.stringify(words)}`);
    }
    expect(differences.slice(0, 20)).toEqual([]);
  }, BUILD_TIMEOUT);
});
