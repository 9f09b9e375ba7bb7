// The rule cases (test/cases/<rule>/<case>.yaml, see its README), read once for every suite that
// replays them: the engine and the lint (test/core/cases.test.ts), the constructs
// (test/plus/cases.test.ts) and the real API servers (test/kube/cases.test.ts).
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';

/** A verdict of the API server. */
export type Verdict = 'accepts' | 'rejects';

/** One rule case, as its file holds it. */
export interface RuleCase {
  /** The folder: the catalog rule the case is about. */
  readonly rule: string;
  /** `<rule>/<case>.yaml`. */
  readonly file: string;
  readonly description: string;
  /** The Kubernetes release whose rules the expectation follows. */
  readonly kubernetes: string;
  /** The real API server's verdict, or one per release where they differ. */
  readonly apiServer: Verdict | { [release: string]: Verdict };
  /** Every finding, in order. */
  readonly expect: { rule: string; field: string; message: string }[];
  readonly manifest: any;
}

/** The folder of the cases. */
export const CASES_DIR = path.join(__dirname, '..', 'cases');

/** Every rule case, in folder then file order. */
export function ruleCases(): RuleCase[] {
  return fs.readdirSync(CASES_DIR, { withFileTypes: true }).filter(d => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name)).flatMap(d =>
    fs.readdirSync(path.join(CASES_DIR, d.name)).filter(f => f.endsWith('.yaml')).sort().map(f => ({
      rule: d.name, file: `${d.name}/${f}`, ...YAML.parse(fs.readFileSync(path.join(CASES_DIR, d.name, f), 'utf8')),
    })));
}
