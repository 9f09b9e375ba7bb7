// The cdk8s-plus line a jest project runs on: every line's project maps cdk8s-plus-27 to its own
// line and sets globalThis.KPLUS_LINE (.projenrc.ts, jestConfig.projects).
import * as fs from 'fs';
import * as path from 'path';

export const LINE: number = (globalThis as { KPLUS_LINE?: number }).KPLUS_LINE ?? 27;

export const ROOT = path.join(__dirname, '..', '..');

/** The jsii assembly of a cdk8s-plus line, as installed here. */
export function kplusAssembly(line: number): { types: { [fqn: string]: { properties?: { name: string }[] } } } {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', `cdk8s-plus-${line}`, '.jsii'), 'utf-8'));
}
