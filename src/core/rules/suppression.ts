// Suppressions: an object's annotation `ignore-check.hostprocess.cdk8s.io/<rule-id>: "<justification>"`
// acknowledges rule <rule-id> for that object (after kube-linter's `ignore-check.kube-linter.io/<check>`).
// The annotation's key, its parsing and the rule IDs that can be named live here, for the lint and
// for the constructs that write the same annotation.
import { RULES } from './catalog';
import { editDistance } from '../validation/decode';
import { Finding } from '../validation/finding';
import { finding } from '../validation/util';

/** The prefix of a suppression annotation's key; the rule's ID follows it. */
export const SUPPRESSION_PREFIX = 'ignore-check.hostprocess.cdk8s.io/';

/**
 * The rules about suppressions themselves: an annotation cannot suppress them (they are findings
 * about the annotations); a configuration can exclude them.
 */
export const SUPPRESSION_RULES: ReadonlySet<string> = new Set(['suppression-without-reason', 'suppression-unknown-rule']);

/** The annotation key that suppresses rule `ruleId`. */
export function suppressionKey(ruleId: string): string {
  return `${SUPPRESSION_PREFIX}${ruleId}`;
}

/**
 * Why rule `ruleId` cannot be named by a suppression annotation (`suppression-unknown-rule`), with
 * a "did you mean" for a near ID; undefined when it can.
 */
export function unsuppressibleReason(ruleId: string): string | undefined {
  const entry = RULES.get(ruleId);
  if (entry === undefined) {
    const meant = nearestRule(ruleId);
    return `no rule ${JSON.stringify(ruleId)} in the catalog${meant === undefined ? '' : ` (did you mean ${JSON.stringify(meant)}?)`}`;
  }
  if (entry.cannotSuppress !== undefined) {
    return `rule ${ruleId} cannot be suppressed: ${entry.cannotSuppress}`;
  }
  if (SUPPRESSION_RULES.has(ruleId)) {
    return `rule ${ruleId} is about the suppression annotations themselves and cannot be suppressed by one (exclude it in the lint configuration instead)`;
  }
  return undefined;
}

/**
 * The annotation that acknowledges rule `ruleId` with `reason`, as `{ key, value }`. Throws, naming
 * the problem, for a rule that cannot be suppressed (unknown, or one the catalog marks) or an empty
 * reason: code writes only suppressions the lint honours without a finding.
 */
export function suppressionAnnotation(ruleId: string, reason: string): { key: string; value: string } {
  const unsuppressible = unsuppressibleReason(ruleId);
  if (unsuppressible !== undefined) {
    throw new Error(`cannot acknowledge ${JSON.stringify(ruleId)}: ${unsuppressible}`);
  }
  if (reason.trim() === '') {
    throw new Error(`cannot acknowledge ${ruleId} without a reason: give why the rule does not apply`);
  }
  return { key: suppressionKey(ruleId), value: reason };
}

/** The suppressions of one object, and the findings about its suppression annotations. */
export interface Suppressions {
  /** Justification by rule ID, for every rule an annotation suppresses (an empty justification suppresses too). */
  readonly byRule: ReadonlyMap<string, string>;
  /** `suppression-without-reason` and `suppression-unknown-rule` findings, at the annotation's field. */
  readonly findings: readonly Finding[];
}

/**
 * The suppressions in the annotations of an object's metadata (`annotations`, at field path
 * `field`, such as `metadata.annotations`). Each annotation whose key starts with
 * SUPPRESSION_PREFIX suppresses the rule its key names, even with an empty justification (which is
 * a `suppression-without-reason` finding); a key naming a rule that cannot be suppressed suppresses
 * nothing and is a `suppression-unknown-rule` finding. Annotations that are not a mapping of
 * strings are the decoder's to report: what cannot be read here is not a suppression.
 */
export function parseSuppressions(annotations: unknown, field: string): Suppressions {
  const byRule = new Map<string, string>();
  const findings: Finding[] = [];
  if (typeof annotations !== 'object' || annotations === null || Array.isArray(annotations)) {
    return { byRule, findings };
  }
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(SUPPRESSION_PREFIX)) continue;
    const ruleId = key.slice(SUPPRESSION_PREFIX.length);
    const at = `${field}[${key}]`;
    const unsuppressible = unsuppressibleReason(ruleId);
    if (unsuppressible !== undefined) {
      findings.push(finding('suppression-unknown-rule', at, `${unsuppressible}; the annotation suppresses nothing`));
      continue;
    }
    const reason = typeof value === 'string' ? value.trim() : '';
    if (typeof value !== 'string') continue;
    byRule.set(ruleId, reason);
    if (reason === '') {
      findings.push(finding('suppression-without-reason', at, `rule ${ruleId} is suppressed without a justification; write why it does not apply to this object as the annotation's value`));
    }
  }
  return { byRule, findings };
}

/**
 * The suppressions of several annotation sources of one object (its own metadata, its pod
 * template's), merged: for a rule more than one names, the first source's justification; the
 * findings of every source.
 */
export function mergeSuppressions(sources: readonly Suppressions[]): Suppressions {
  const byRule = new Map<string, string>();
  for (const source of sources) {
    source.byRule.forEach((reason, rule) => {
      if (!byRule.has(rule)) byRule.set(rule, reason);
    });
  }
  return { byRule, findings: sources.flatMap(source => source.findings) };
}

/** The catalog's rule ID nearest to `id` (a typo, a different case), if any is near. */
export function nearestRule(id: string): string | undefined {
  const lower = id.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(id.length / 6));
  for (const known of RULES.keys()) {
    if (known === lower) return known;
    const distance = editDistance(lower, known, bestDistance);
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}
