// The corpus (corpus.ts) judged by k8s.io/apiserver's admission code on cel-go at the versions
// Kubernetes v1.37.2 and v1.30.14 use (test/cel-go): the same verdicts the test API servers give
// (test/kube/admission.test.ts holds the servers to the same cases), without a server.
import { run } from '@bufbuild/cel';
import { evaluate, goAvailable, requestOf } from './cel-go';
import { corpus, CORPUS_OPTIONS, goodSpec, isStrict, namespaceFor, pod, STRICT_OPTIONS } from './corpus';
import { toCel } from './vap';
import { hostProcessAdmissionPolicy } from '../../../src/core/admission/policy';
import { KUBE_VERSIONS } from '../../kube/versions';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const describeWithGo = goAvailable() || ci ? describe : describe.skip;

const manifests = hostProcessAdmissionPolicy(CORPUS_OPTIONS);
const strict = hostProcessAdmissionPolicy(STRICT_OPTIONS);
const cases = corpus();

describeWithGo.each(KUBE_VERSIONS.map((v) => [v.kubernetes, v] as const))('the corpus under cel-go of Kubernetes %s', (_, version) => {
  const requests = cases.map((c) => requestOf(c));
  let main: ReturnType<typeof evaluate>;
  let warnings: ReturnType<typeof evaluate>;
  let strictMain: ReturnType<typeof evaluate>;
  beforeAll(() => {
    main = evaluate(version, manifests.policy, requests);
    warnings = evaluate(version, manifests.warningPolicy, requests);
    strictMain = evaluate(version, strict.policy, requests);
  }, 300_000);

  test('the policies compile, and no expression fails on any request', () => {
    for (const result of [...main, ...warnings, ...strictMain]) {
      expect(result.compileErrors).toEqual([]);
      expect(result.matchError ?? '').toBe('');
      // A messageExpression of a validation that passes may fail (its list is empty); the server
      // uses it only for a failed one.
      expect(result.expressions.filter((e) => e.error && !e.where.endsWith('messageExpression')).map((e) => `${result.name}: ${e.where}: ${e.error}`)).toEqual([]);
    }
  });

  test.each(cases.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = cases[i];
    const expected = c.fails(namespaceFor('deny', c.role));
    // A strict role's namespace is bound to the strict policy only (and to no warnings policy).
    const result = isStrict(c.role) ? strictMain[i] : main[i];
    expect(result.matched).toBe(expected !== undefined);
    expect(result.decisions.map((d) => d.message)).toEqual(expected ?? []);
    expect(result.decisions.every((d) => d.reason === 'Forbidden')).toBe(true);
    expect(isStrict(c.role) ? [] : warnings[i].decisions.map((d) => d.message)).toEqual(c.warns ?? []);
  });
});

/** A policy of one validation, on every Pod, to ask the evaluator about one expression. */
function probe(expression: string): any {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: 'probe' },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }] },
      validations: [{ expression, messageExpression: "'probe failed'" }],
    },
  };
}

// Where the tests' fast evaluator (@bufbuild/cel, vap.ts) and Kubernetes' differ: policy.test.ts
// cannot see a bug on either side of these, so the policy must not depend on them.
describeWithGo.each(KUBE_VERSIONS.map((v) => [v.kubernetes, v] as const))('where @bufbuild/cel and cel-go of Kubernetes %s differ', (_, version) => {
  const podWithNull = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: null, containers: [] } };
  const request = { name: 'null', group: '', version: 'v1', kind: 'Pod', resource: 'pods', operation: 'CREATE' as const, namespace: 'default', object: podWithNull };

  test('a key whose value is null: has() is true under cel-go, false under @bufbuild/cel', () => {
    const [result] = evaluate(version, probe('has(object.spec.nodeName)'), [request]);
    expect(result.compileErrors).toEqual([]);
    expect(result.decisions).toEqual([]);
    expect(run('has(object.spec.nodeName)', { object: toCel(podWithNull) })).toBe(false);
  });

  test('a list literal of mixed types: Kubernetes does not compile it, @bufbuild/cel runs it', () => {
    const [result] = evaluate(version, probe("size([1, 'a']) == 2"), [request]);
    expect(result.compileErrors.join('\n')).toMatch(/expected type 'int' but found 'string'/);
    expect(run("size([1, 'a']) == 2", {})).toBe(true);
  });
});

// The cost of the policy on a large pod (every container list full, long images and names), by
// Kubernetes' own cost tracker: each expression under the per-expression limit (PerCallLimit,
// 1,000,000), the validations and messages together under a binding's budget
// (RuntimeCELCostBudget, 10,000,000) and the matchConditions under theirs
// (RuntimeCELCostBudgetMatchConditions, 2,500,000): k8s.io/apiserver pkg/apis/cel/config.go@v0.37.2.
describeWithGo.each(KUBE_VERSIONS.map((v) => [v.kubernetes, v] as const))('the cost under Kubernetes %s', (_, version) => {
  test('a pod of 3 x 100 containers with 200-character images stays within every limit', () => {
    const image = `mcr.microsoft.com/oss/kubernetes/${'a'.repeat(160)}:v1`;
    const containers = (prefix: string) => Array.from({ length: 100 }, (_c, i) => ({
      name: `${prefix}-${i}`,
      image,
      workingDir: 'bin',
      securityContext: { windowsOptions: { runAsUserName: 'CONTOSO\\agent' } },
    }));
    const big = pod(goodSpec({ containers: containers('c'), initContainers: containers('i'), ephemeralContainers: containers('e') }));
    const [result] = evaluate(version, manifests.policy, [requestOf({ name: 'big', role: 'approved', object: big, fails: () => [] })], true);
    const [warned] = evaluate(version, manifests.warningPolicy, [requestOf({ name: 'big', role: 'approved', object: big, fails: () => [] })], true);
    for (const r of [result, warned]) {
      expect(r.matched).toBe(true);
      expect(r.expressions.filter((e) => e.cost > 1_000_000 || /cost|budget/i.test(e.error ?? ''))).toEqual([]);
      expect(r.validationsCost).toBeLessThan(10_000_000);
      expect(r.matchConditionsCost).toBeLessThan(2_500_000);
    }
    console.log(`cost on ${version.kubernetes}: matchConditions ${result.matchConditionsCost}, policy ${result.validationsCost}, ` +
      `warnings policy ${warned.validationsCost}, most by one expression ${Math.max(...[...result.expressions, ...warned.expressions].map((e) => e.cost))}`);
  }, 120_000);
});
