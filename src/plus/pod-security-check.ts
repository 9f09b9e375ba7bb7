import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Pass, countPasses, currentPass, stillHolds } from './synthesis';
import { podSecurityFinding } from '../core/validation/pod-security';
import { formatSynthFinding } from '../core/validation/util';

/**
 * Registers a synth-time check on a HostProcess workload: when its namespace is declared in the
 * same app (a `kplus.Namespace`, a `HostProcessNamespace` or a raw `ApiObject` of kind Namespace)
 * and enforces Pod Security `baseline` or `restricted`, synthesis fails naming the namespace and
 * the level. Namespaces not declared in the app are not checked: their labels are unknown.
 */
export function registerPodSecurityCheck(workload: IConstruct): void {
  countPasses(workload);
  let checked: { pass: Pass; errors: string[] } | undefined;
  workload.node.addValidation({
    // The tree is walked only when validation runs, so namespaces declared (or relabelled) after
    // the workload count too; once per synth, as the workload's other checks (./synthesis.ts).
    validate: () => {
      const pass = currentPass(workload);
      if (stillHolds(checked?.pass, pass)) {
        return checked!.errors;
      }
      const namespace = namespaceOf(workload);
      const errors = namespace === undefined ? [] : namespaceObjects(workload, namespace, pass)
        .map(ns => podSecurityFinding(namespace, labelsOf(ns)))
        .filter(f => f !== undefined)
        .map(f => formatSynthFinding(f!));
      checked = { pass, errors };
      return errors;
    },
  });
}

/** The workload's namespace: its own `metadata.namespace`, else its chart's. */
function namespaceOf(workload: IConstruct): string | undefined {
  const apiObject = apiObjectOf(workload);
  return apiObject?.metadata.namespace ?? chartOf(workload)?.namespace;
}

// The Namespace objects of an app, found by one walk of its tree per validation pass rather than
// one per workload (a walk per workload made synth quadratic in the number of workloads). A
// workload checked twice in the same pass (`node.validate()` by hand) also walks the tree again.
interface NamespaceIndex {
  readonly pass: Pass;
  readonly byName: Map<string, ApiObject[]>;
  readonly checked: WeakSet<IConstruct>;
}
const indexes = new WeakMap<IConstruct, NamespaceIndex>();

function namespaceObjects(workload: IConstruct, name: string, pass: Pass): ApiObject[] {
  const root = workload.node.root;
  let index = indexes.get(root);
  if (index === undefined || index.pass.pass !== pass.pass || index.checked.has(workload)) {
    index = { pass, byName: namespacesIn(root), checked: new WeakSet() };
    indexes.set(root, index);
  }
  index.checked.add(workload);
  return index.byName.get(name) ?? [];
}

function namespacesIn(root: IConstruct): Map<string, ApiObject[]> {
  const byName = new Map<string, ApiObject[]>();
  for (const c of root.node.findAll()) {
    if (c instanceof ApiObject && c.kind === 'Namespace' && c.apiVersion === 'v1' && c.metadata.name !== undefined) {
      byName.set(c.metadata.name, [...(byName.get(c.metadata.name) ?? []), c]);
    }
  }
  return byName;
}

function labelsOf(namespace: ApiObject): { [key: string]: string | undefined } {
  return namespace.toJson().metadata?.labels ?? {};
}

function apiObjectOf(c: IConstruct): ApiObject | undefined {
  try {
    return ApiObject.of(c);
  } catch {
    return undefined;
  }
}

function chartOf(c: IConstruct): Chart | undefined {
  try {
    return Chart.of(c);
  } catch {
    return undefined;
  }
}
