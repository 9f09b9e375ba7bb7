import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { podSecurityFinding } from '../core/validation/pod-security';
import { formatSynthFinding } from '../core/validation/util';

/**
 * Registers a synth-time check on a HostProcess workload: when its namespace is declared in the
 * same app (a `kplus.Namespace`, a `HostProcessNamespace` or a raw `ApiObject` of kind Namespace)
 * and enforces Pod Security `baseline` or `restricted`, synthesis fails naming the namespace and
 * the level. Namespaces not declared in the app are not checked: their labels are unknown.
 */
export function registerPodSecurityCheck(workload: IConstruct): void {
  workload.node.addValidation({
    // The tree is walked only when validation runs, so namespaces declared (or relabelled) after
    // the workload count too.
    validate: () => {
      const namespace = namespaceOf(workload);
      if (namespace === undefined) {
        return [];
      }
      return namespaceObjects(workload, namespace)
        .map(ns => podSecurityFinding(namespace, labelsOf(ns)))
        .filter(f => f !== undefined)
        .map(f => formatSynthFinding(f!));
    },
  });
}

/** The workload's namespace: its own `metadata.namespace`, else its chart's. */
function namespaceOf(workload: IConstruct): string | undefined {
  const apiObject = apiObjectOf(workload);
  return apiObject?.metadata.namespace ?? chartOf(workload)?.namespace;
}

// The Namespace objects of an app, found by one walk of its tree per validation pass rather than
// one per workload (a walk per workload made synth quadratic in the number of workloads). cdk8s
// validates the root first, so a validation on the root starts each pass with a fresh index; a
// workload checked twice on the same index also means a new pass (for `node.validate()` by hand).
interface NamespaceIndex {
  readonly byName: Map<string, ApiObject[]>;
  readonly checked: WeakSet<IConstruct>;
}
const indexes = new WeakMap<IConstruct, NamespaceIndex | undefined>();

function namespaceObjects(workload: IConstruct, name: string): ApiObject[] {
  const root = workload.node.root;
  if (!indexes.has(root)) {
    root.node.addValidation({ validate: () => { indexes.set(root, undefined); return []; } });
  }
  let index = indexes.get(root);
  if (index === undefined || index.checked.has(workload)) {
    index = { byName: namespacesIn(root), checked: new WeakSet() };
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
