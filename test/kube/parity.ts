// Parity of the lint with a real API server on one manifest: each lint error of an API-server rule
// must be a rejection of the server at the same field path, and each rejection of the server a
// lint error; where the lint quotes the server's words, the words must match.
import { dryRun, KubeVerdict } from './client';
import { KubeEndpoint } from './server';
import { lint } from '../../src/core/cli/lint';
import { droppedByRelease } from '../../src/core/k8s/gated-fields';
import { podKind } from '../../src/core/k8s/kinds';
import { reportedField } from '../../src/core/k8s/moved-fields';
import { RULES, ruleApplies } from '../../src/core/rules/catalog';

/** A lint finding, as the JSON output gives it. */
export interface LintFinding {
  readonly rule: string;
  readonly severity: string;
  readonly field: string;
  readonly message: string;
}

/**
 * The lint's findings on one manifest, with `--all`: by default the lint checks only Windows and
 * HostProcess pods, and with `--all` it claims the API server's rules for every pod.
 */
export function lintFindings(manifest: unknown, file = 'manifest.yaml', kubernetesVersion?: string): LintFinding[] {
  const result = lint([{ file, content: JSON.stringify(manifest) }], { format: 'json', all: true, kubernetesVersion });
  return JSON.parse(result.stdout[0]).map((f: any) => ({ rule: f.rule, severity: f.severity, field: f.field, message: f.message }));
}

/** Whether the lint's finding claims the API server refuses the object. */
export function claimsRejection(f: LintFinding): boolean {
  const rule = RULES.get(f.rule);
  return f.severity === 'error' && rule?.provenance === 'api-server';
}

/** Where the server refused, one entry per field (or `(object)` for a refusal without one). */
export function rejectionsOf(verdict: KubeVerdict): { field: string; message: string }[] {
  if (verdict.accepted) return [];
  if (verdict.causes.length > 0) {
    return verdict.causes.map((c) => ({ field: c.field ?? '(object)', message: c.message }));
  }
  // Strict decoding errors come as one message: `strict decoding error: unknown field "spec.x", ...`.
  const unknown = [...String(verdict.message ?? '').matchAll(/unknown field "([^"]+)"/g)].map((m) => m[1]);
  if (unknown.length > 0) return unknown.map((field) => ({ field, message: `unknown field "${field}"` }));
  return [{ field: '(object)', message: String(verdict.message ?? verdict.reason ?? verdict.status) }];
}

/** What one manifest's comparison found. */
export interface Comparison {
  readonly verdict: KubeVerdict;
  readonly lint: LintFinding[];
  /** Disagreements, each in one line; empty when the two agree. */
  readonly disagreements: string[];
}

/** The server's message agrees with the lint's when one holds the other (the lint may add a hint). */
function sameWords(server: string, lintMessage: string): boolean {
  return server === lintMessage || lintMessage.startsWith(server) || server.includes(lintMessage);
}

/** Sends one manifest to the server and compares the verdict with the lint's. */
export async function compare(endpoint: KubeEndpoint, manifest: any): Promise<Comparison> {
  const verdict = await dryRun(endpoint, manifest);
  // The API types (wrong types, unknown fields) of the server's release: `--kubernetes-version`.
  const findings = lintFindings(manifest, 'manifest.yaml', endpoint.version);
  // A rule the server's release does not enforce yet (Rule.since), or a field it drops before
  // validation (gated-fields.ts), claims nothing there.
  const podSpec = podKind(manifest?.kind)?.podSpec ?? 'spec';
  const claimed = findings.filter((f) => claimsRejection(f) && ruleApplies(RULES.get(f.rule)!, endpoint.version)
    && !droppedByRelease(f.field, podSpec, endpoint.version));
  const rejections = rejectionsOf(verdict);
  // Where the server's release reports the field the lint names (moved-fields.ts).
  const reported = (f: LintFinding) => reportedField(f.rule, f.field, podSpec, endpoint.version);
  const disagreements: string[] = [];
  for (const f of claimed) {
    const at = rejections.filter((r) => r.field === reported(f));
    if (verdict.accepted) {
      disagreements.push(`lint ${f.rule} at ${f.field}, but the server accepts`);
    } else if (at.length === 0 && !rejections.some((r) => r.field === '(object)')) {
      disagreements.push(`lint ${f.rule} at ${f.field}, but the server refuses elsewhere: ${rejections.map((r) => r.field).join(', ')}`);
    } else if (at.length > 0 && RULES.get(f.rule)?.message !== undefined && !at.some((r) => sameWords(r.message, f.message))) {
      disagreements.push(`lint ${f.rule} at ${f.field} says ${JSON.stringify(f.message)}, the server ${JSON.stringify(at.map((r) => r.message))}`);
    }
  }
  for (const r of rejections) {
    if (!claimed.some((f) => reported(f) === r.field || r.field === '(object)')) {
      disagreements.push(`the server refuses at ${r.field} (${r.message}), the lint has no error there`);
    }
  }
  return { verdict, lint: findings, disagreements };
}
