import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { podSecurityFinding } from './validation/pod-security';
import { formatFinding } from './validation/util';

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
        .map(f => formatFinding(f!));
    },
  });
}

/** The workload's namespace: its own `metadata.namespace`, else its chart's. */
function namespaceOf(workload: IConstruct): string | undefined {
  const apiObject = apiObjectOf(workload);
  return apiObject?.metadata.namespace ?? chartOf(workload)?.namespace;
}

function namespaceObjects(workload: IConstruct, name: string): ApiObject[] {
  return workload.node.root.node.findAll()
    .filter((c): c is ApiObject => c instanceof ApiObject)
    .filter(o => o.kind === 'Namespace' && o.apiVersion === 'v1' && o.metadata.name === name);
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
