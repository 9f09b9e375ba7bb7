// An emulation of the API server's ValidatingAdmissionPolicy evaluation, with a real CEL
// implementation (@bufbuild/cel, which runs the cel-spec conformance tests), so that the tests run
// the policy's own expressions rather than a re-statement of them. What it emulates, from
// kubernetes/api admissionregistration/v1/types.go@v0.35.0 and kubernetes/kubernetes
// staging/src/k8s.io/apiserver/pkg/admission/plugin/cel/compile.go:
// - matchConstraints.resourceRules (group, version, resource or resource/subresource, operation);
// - matchConditions: any false skips the policy; an error would fail the request (failurePolicy
//   Fail), here it fails the test;
// - the variables `object`, `oldObject` (null on CREATE), `request` (kind, resource, subResource,
//   name, namespace, operation, userInfo, dryRun), `namespaceObject` (null for cluster-scoped
//   objects) and `variables`, each variable evaluated lazily on first use and then remembered, and
//   able to use the ones before it; no `params` (the policy has no paramKind) and no `authorizer`
//   (it uses none), so an expression that used them would fail here as it would not compile there;
// - validations: a false expression fails with its messageExpression, which must be a non-empty
//   string without line breaks (else Kubernetes falls back to `message`, which the policy does not set);
// - the binding's validationActions.
// Objects are unstructured JSON as the API server hands them to CEL: integers are int (bigint here),
// other numbers double. The Kubernetes CEL functions the policy uses beyond the cel-spec standard
// library are only the strings extension's replace() and substring(), which @bufbuild/cel/ext
// provides; no function needs a stand-in.
import { CelError, celMap, isCelError, run } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

/** An API request as the policy sees it. */
export interface Request {
  readonly object: any;
  readonly oldObject?: any;
  readonly operation?: 'CREATE' | 'UPDATE';
  readonly namespace: string;
  /** The labels of the request's namespace (`namespaceObject.metadata.labels`). */
  readonly namespaceLabels?: { [key: string]: string };
  /** `ephemeralcontainers` for `kubectl debug`'s subresource. */
  readonly subResource?: string;
}

/** One failed validation. */
export interface Decision {
  readonly actions: string[];
  readonly message: string;
  /** The index of the validation in the policy. */
  readonly index: number;
}

/** Every expression evaluated so far, by where it is in its policy. */
export const evaluated = new Set<string>();

const RESOURCES: { [kind: string]: [string, string] } = {
  Pod: ['', 'pods'],
  ReplicationController: ['', 'replicationcontrollers'],
  PodTemplate: ['', 'podtemplates'],
  Deployment: ['apps', 'deployments'],
  DaemonSet: ['apps', 'daemonsets'],
  StatefulSet: ['apps', 'statefulsets'],
  ReplicaSet: ['apps', 'replicasets'],
  Job: ['batch', 'jobs'],
  CronJob: ['batch', 'cronjobs'],
  ConfigMap: ['', 'configmaps'],
  Namespace: ['', 'namespaces'],
};

/** JSON as unstructured CEL input: integers become int. */
export function toCel(value: any): any {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? BigInt(value) : value;
  }
  if (Array.isArray(value)) {
    return value.map(toCel);
  }
  if (value !== null && typeof value === 'object') {
    const out: { [k: string]: any } = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = toCel(v);
    }
    return out;
  }
  return value;
}

function evaluate(where: string, expression: string, bindings: { [name: string]: any }): any {
  evaluated.add(where);
  const result = run(expression, bindings, { funcs: strings });
  if (isCelError(result)) {
    throw new Error(`${where}: CEL error: ${(result as CelError).message}\n  expression: ${expression}`);
  }
  return result;
}

class LazyVariables extends Map<string, any> {
  private memo = new Map<string, any>();
  constructor(private readonly policyName: string, private readonly definitions: any[], private readonly base: { [name: string]: any }) {
    super();
  }
  public get(name: string): any {
    if (!this.memo.has(name)) {
      const index = this.definitions.findIndex(v => v.name === name);
      if (index < 0) return undefined;
      // A variable can use only the variables before it.
      const before = new LazyVariables(this.policyName, this.definitions.slice(0, index), this.base);
      before.memo = this.memo;
      this.memo.set(name, evaluate(`${this.policyName} spec.variables[${index}]`, this.definitions[index].expression,
        { ...this.base, variables: before }));
    }
    return this.memo.get(name);
  }
  public has(name: string): boolean {
    return this.definitions.some(v => v.name === name);
  }
  /** Evaluates every variable (the tests check that none fails on any object). */
  public all(): void {
    this.definitions.forEach(v => this.get(v.name));
  }
}

function matches(policy: any, request: Request, operation: string): boolean {
  const [group, resource] = RESOURCES[request.object.kind] ?? ['unknown', 'unknown'];
  const version = String(request.object.apiVersion).split('/').pop();
  const full = request.subResource ? `${resource}/${request.subResource}` : resource;
  return policy.spec.matchConstraints.resourceRules.some((r: any) =>
    r.apiGroups.includes(group) && r.apiVersions.includes(version) && r.resources.includes(full) && r.operations.includes(operation));
}

/**
 * The decisions of one policy and its binding for a request: the failed validations; `undefined`
 * when the policy does not apply (no resource rule matches, or a match condition is false).
 */
export function admit(policy: any, binding: any, request: Request): Decision[] | undefined {
  const operation = request.operation ?? (request.oldObject ? 'UPDATE' : 'CREATE');
  if (binding.spec.policyName !== policy.metadata.name) {
    throw new Error(`binding ${binding.metadata.name} binds ${binding.spec.policyName}, not ${policy.metadata.name}`);
  }
  if (!matches(policy, request, operation)) {
    return undefined;
  }
  const [group, resource] = RESOURCES[request.object.kind];
  const version = String(request.object.apiVersion).split('/').pop();
  const gvk = { group, version, kind: request.object.kind };
  const gvr = { group, version, resource };
  const base = {
    object: toCel(request.object),
    oldObject: request.oldObject === undefined ? null : toCel(request.oldObject),
    request: toCel({
      kind: gvk,
      resource: gvr,
      requestKind: gvk,
      requestResource: gvr,
      subResource: request.subResource ?? '',
      requestSubResource: request.subResource ?? '',
      name: request.object.metadata?.name ?? '',
      namespace: request.namespace,
      operation,
      userInfo: { username: 'jane', groups: ['system:authenticated'] },
      dryRun: false,
    }),
    namespaceObject: toCel({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: request.namespace, labels: { 'kubernetes.io/metadata.name': request.namespace, ...request.namespaceLabels } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    }),
  };
  const name = policy.metadata.name;
  const conditions: any[] = policy.spec.matchConditions ?? [];
  for (const [i, condition] of conditions.entries()) {
    // Match conditions cannot use variables (types.go ValidatingAdmissionPolicySpec.Variables).
    const value = evaluate(`${name} spec.matchConditions[${i}]`, condition.expression, base);
    if (typeof value !== 'boolean') throw new Error(`${name} matchConditions[${i}] is not a bool`);
    if (!value) return undefined;
  }
  const variables = new LazyVariables(name, policy.spec.variables ?? [], base);
  const bindings = { ...base, variables: celMap(variables) };
  const decisions: Decision[] = [];
  (policy.spec.validations as any[]).forEach((validation, i) => {
    const ok = evaluate(`${name} spec.validations[${i}].expression`, validation.expression, bindings);
    if (typeof ok !== 'boolean') throw new Error(`${name} validations[${i}] is not a bool`);
    if (ok) return;
    const message = evaluate(`${name} spec.validations[${i}].messageExpression`, validation.messageExpression, bindings);
    if (typeof message !== 'string' || message.trim() === '' || /[\r\n]/.test(message)) {
      throw new Error(`${name} validations[${i}].messageExpression gave ${JSON.stringify(message)}, which Kubernetes would not use`);
    }
    if (Buffer.byteLength(message) > 5 * 1024) {
      throw new Error(`${name} validations[${i}].messageExpression is longer than 5 KiB, which Kubernetes would not use`);
    }
    decisions.push({ actions: [...binding.spec.validationActions], message, index: i });
  });
  variables.all();
  return decisions;
}

/** The messages of the failed validations, or `undefined` when the policy does not apply. */
export function messages(policy: any, binding: any, request: Request): string[] | undefined {
  return admit(policy, binding, request)?.map(d => d.message);
}
