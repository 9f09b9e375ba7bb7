// Rule cases as data (test/cases/<rule>/<case>.yaml, see its README): each replayed through the
// engine and the lint command, which must report exactly the expected findings.
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { lint } from '../../src/core/cli/lint';
import { RULES } from '../../src/core/rules/catalog';
import { HostProcessValidator } from '../../src/core/validation/validator';

const CASES = path.join(__dirname, '..', 'cases');

interface Case {
  readonly rule: string;
  readonly file: string;
  readonly description: string;
  readonly kubernetes: string;
  readonly apiServer: 'accepts' | 'rejects' | { [release: string]: 'accepts' | 'rejects' };
  readonly expect: { rule: string; field: string; message: string }[];
  readonly manifest: any;
}

const cases: Case[] = fs.readdirSync(CASES, { withFileTypes: true }).filter(d => d.isDirectory()).flatMap(d =>
  fs.readdirSync(path.join(CASES, d.name)).filter(f => f.endsWith('.yaml')).sort().map(f => ({
    rule: d.name, file: `${d.name}/${f}`, ...YAML.parse(fs.readFileSync(path.join(CASES, d.name, f), 'utf8')),
  })));

/** Rules no manifest case can show, and where they are tested instead. */
const NOT_FROM_A_MANIFEST: { [rule: string]: string } = {
  'pod-security-level': 'needs the namespace declared in the same app: test/plus/namespace.test.ts',
  'host-process-node-selector-os': 'a construct prop: test/plus/intent.test.ts',
  'host-process-windows-build-conflict': 'a construct prop: test/plus/intent.test.ts',
};

test('every case is well formed, in the folder of a rule it expects', () => {
  expect(cases.length).toBeGreaterThan(0);
  for (const c of cases) {
    expect([c.file, RULES.has(c.rule), typeof c.description, c.kubernetes, (typeof c.apiServer === 'string' ? [c.apiServer] : Object.values(c.apiServer)).every(v => ['accepts', 'rejects'].includes(v))])
      .toEqual([c.file, true, 'string', 'v1.35.4', true]);
    expect([c.file, c.expect.some(f => f.rule === c.rule)]).toEqual([c.file, true]);
  }
});

test('every catalog rule has a case, or a reason it has none', () => {
  const covered = new Set(cases.map(c => c.rule));
  expect([...RULES.keys()].filter(id => !covered.has(id) && !NOT_FROM_A_MANIFEST[id])).toEqual([]);
  expect(Object.keys(NOT_FROM_A_MANIFEST).filter(id => !RULES.has(id) || covered.has(id))).toEqual([]);
});

describe.each(cases)('$file', (c) => {
  test('lint reports exactly the expected findings', () => {
    const result = lint([{ file: c.file, content: JSON.stringify(c.manifest) }], { format: 'json', all: false });
    const findings = JSON.parse(result.stdout[0]).map((f: any) => ({ rule: f.rule, field: f.field, message: f.message }));
    expect(findings).toEqual(c.expect);
    expect(result.exitCode).toBe(c.expect.some(f => RULES.get(f.rule)!.severity === 'error') ? 1 : 0);
  });

  // The engine has no decoder: a manifest the API server cannot decode is lint's alone.
  if (!c.expect.some(f => f.rule === 'decode-type-mismatch')) {
    test('the engine reports exactly the expected findings, with each rule\'s severity and remediation', () => {
      const findings = HostProcessValidator.validateManifest(c.manifest);
      expect(findings.map(f => ({ rule: f.rule, field: f.field, message: f.message }))).toEqual(c.expect);
      for (const f of findings) {
        expect([f.severity, f.remediation]).toEqual([RULES.get(f.rule)!.severity, RULES.get(f.rule)!.remediation]);
      }
    });
  }
});
