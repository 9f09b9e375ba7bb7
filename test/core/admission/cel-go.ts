// Runs a ValidatingAdmissionPolicy through test/cel-go (k8s.io/apiserver's admission code on cel-go,
// at the versions a Kubernetes release uses) on a list of requests.
import { spawnSync } from 'child_process';
import { CorpusCase, Mode, RESOURCES, namespaceFor, namespaceLabelsFor } from './corpus';
import { ensureEvaluator } from '../../cel-go/build';
import { KubeVersion } from '../../kube/versions';

/** One request as test/cel-go/main.go reads it. */
export interface EvalRequest {
  readonly name: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly resource: string;
  readonly subResource?: string;
  readonly operation: 'CREATE' | 'UPDATE';
  readonly namespace: string;
  readonly object: any;
  readonly oldObject?: any;
  readonly namespaceLabels?: { [key: string]: string };
}

/** What test/cel-go/main.go says of one request. */
export interface EvalResult {
  readonly name: string;
  readonly matched: boolean;
  readonly matchError?: string;
  readonly decisions: { action: string; evaluation: string; message: string; reason: string }[];
  readonly compileErrors: string[];
  readonly matchConditionsCost: number;
  readonly validationsCost: number;
  readonly expressions: { where: string; cost: number; error?: string }[];
}

/** Whether cel-go can run here: Go is installed (else the tests skip, except with CI=true). */
export function goAvailable(): boolean {
  return spawnSync('go', ['version']).status === 0;
}

/** Evaluates `policy` on `requests` with the evaluator of `version` (`measure`: each expression alone too). */
export function evaluate(version: KubeVersion, policy: any, requests: readonly EvalRequest[], measure = false): EvalResult[] {
  const binary = ensureEvaluator(version);
  const result = spawnSync(binary, { input: JSON.stringify({ policy, requests, measure }), encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${binary} failed (exit ${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** A corpus case as the request the API server builds for it, in the namespaces of `mode`. */
export function requestOf(c: CorpusCase, mode: Mode = 'deny'): EvalRequest {
  const { group, version, resource } = RESOURCES[c.object.kind];
  const namespace = namespaceFor(mode, c.role);
  const object = { ...c.object, metadata: { ...c.object.metadata, namespace } };
  return {
    name: c.name,
    group,
    version,
    kind: c.object.kind,
    resource,
    subResource: c.subResource,
    operation: c.update ? 'UPDATE' : 'CREATE',
    namespace,
    object: c.update ? c.update(object) : object,
    oldObject: c.update ? object : undefined,
    namespaceLabels: namespaceLabelsFor(mode, c.role),
  };
}
