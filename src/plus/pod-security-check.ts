import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Pass } from './synthesis';
import { podSecurityFinding } from '../core/validation/pod-security';
import { formatSynthFinding } from '../core/validation/util';

/**
 * The synth-time check of a HostProcess workload's namespace, for its validation in `pass`: when
 * its namespace is declared in the same app (a `kplus.Namespace`, a `HostProcessNamespace` or a raw
 * `ApiObject` of kind Namespace) and enforces Pod Security `baseline` or `restricted`, an error
 * naming the namespace and the level. Namespaces not declared in the app are not checked: their
 * labels are unknown. The tree is walked when validation runs, so namespaces declared (or
 * relabelled) after the workload count too.
 *
 * @param own the workload's own `metadata.namespace`, if set; else its chart's namespace is the one
 */
export function podSecurityErrors(workload: IConstruct, own: string | undefined, pass: Pass): string[] {
  const namespace = own ?? chartOf(workload)?.namespace;
  if (namespace === undefined) {
    return [];
  }
  const errors: string[] = [];
  for (const ns of namespaceObjects(workload, namespace, pass)) {
    const f = podSecurityFinding(namespace, labelsOf(ns));
    if (f !== undefined) {
      errors.push(formatSynthFinding(f));
    }
  }
  return errors;
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

function chartOf(c: IConstruct): Chart | undefined {
  try {
    return Chart.of(c);
  } catch {
    return undefined;
  }
}
