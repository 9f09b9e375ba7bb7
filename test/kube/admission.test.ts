// HostProcessAdmissionPolicy on the real API servers: the synthesized policy and warnings policy are
// created (the server validates them and compiles their expressions when it loads them; a policy
// that does not compile refuses every request it matches, so the admitted cases show it compiled),
// then every request of the corpus (test/core/admission/corpus.ts: every kind
// the policy matches, ephemeral containers, updates) is sent in each enforcement mode: Deny refuses
// with the policy's message, Warn admits with the message as a warning, Audit admits without one.
// cel-go.test.ts holds k8s.io/apiserver's evaluator on cel-go to the same verdicts.
//
// Requests are dry runs: admission, validating admission policies included, runs for them as for
// any request (k8s.io/apiserver pkg/endpoints/handlers/create.go@v0.37.2 builds the admission
// attributes with dryRun set and calls AdmissionToValidateObjectFunc all the same, and nothing in
// pkg/admission/plugin/policy mentions dry runs; update.go the same for UPDATE). The objects that
// updates change are created for real first, before the policy exists.
//
// The server is shared with the other server suites, so the bindings select only the corpus's
// namespaces (a namespaceSelector on the corpus label, the one thing added to the synthesized
// binding); the policies are as synthesized.
import { applyNamespace } from './client';
import { KubeEndpoint, KubeResponse, request } from './server';
import { describeEachServer } from './servers';
import { hostProcessAdmissionPolicy } from '../../src/core/admission/policy';
import {
  CORPUS_LABEL, CORPUS_OPTIONS, CORPUS_POLICY, CorpusCase, Mode, NamespaceRole, RESOURCES, SERVICE_ACCOUNTS, STRICT_LABEL,
  STRICT_OPTIONS, STRICT_POLICY, corpus, isStrict, namespaceFor, namespaceLabelsFor,
} from '../core/admission/corpus';

const MODES: readonly Mode[] = ['deny', 'warn', 'audit'];
const ACTIONS: { [mode in Mode]: string[] } = { deny: ['Deny'], warn: ['Warn'], audit: ['Audit'] };
const manifests = hostProcessAdmissionPolicy(CORPUS_OPTIONS);
const strict = hostProcessAdmissionPolicy(STRICT_OPTIONS);
const WARNINGS_POLICY = `${CORPUS_POLICY}-warnings`;
const cases = corpus();
const ROLES: readonly NamespaceRole[] = ['approved', 'labelled', 'other', 'strict-both', 'strict-named', 'strict-labelled'];

/** The policy that judges a role's namespaces (the strict one is bound only to the strict roles'). */
function policyOf(role: NamespaceRole): string {
  return isStrict(role) ? STRICT_POLICY : CORPUS_POLICY;
}

/** The binding of a policy in a mode: the synthesized one for Deny, renamed for the others. */
function bindingName(mode: Mode, policy = CORPUS_POLICY): string {
  return mode === 'deny' ? policy : `${policy}-${mode}`;
}

function scoped(binding: any, name: string, selector: any, actions?: string[]): any {
  return {
    ...binding,
    metadata: { name },
    spec: { ...binding.spec, ...(actions ? { validationActions: actions } : {}), matchResources: { namespaceSelector: selector } },
  };
}

const ADMISSION = '/apis/admissionregistration.k8s.io/v1';

async function must(res: Promise<KubeResponse>, what: string, ok: number[] = [200, 201]): Promise<KubeResponse> {
  const r = await res;
  if (!ok.includes(r.status)) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

function collection(c: CorpusCase, namespace: string): string {
  const { group, version, resource } = RESOURCES[c.object.kind];
  return `${group === '' ? `/api/${version}` : `/apis/${group}/${version}`}/namespaces/${namespace}/${resource}`;
}

/** Sends the case's request (a dry run) in the namespace of `mode`. */
async function send(endpoint: KubeEndpoint, c: CorpusCase, mode: Mode): Promise<KubeResponse> {
  const namespace = namespaceFor(mode, c.role);
  const base = collection(c, namespace);
  const object = { ...c.object, metadata: { ...c.object.metadata, namespace } };
  if (!c.update) return request(endpoint, 'POST', `${base}?dryRun=All&fieldValidation=Strict`, object);
  const item = `${base}/${c.object.metadata.name}`;
  const stored = await must(request(endpoint, 'GET', item), `GET ${item}`);
  return request(endpoint, 'PUT', `${item}${c.subResource ? `/${c.subResource}` : ''}?dryRun=All&fieldValidation=Strict`, c.update(stored.body));
}

/** How a Forbidden status names the object: `deployments.apps "agent" is forbidden: ` (apierrors.NewForbidden). */
function forbidden(c: CorpusCase): string {
  const { group, resource } = RESOURCES[c.object.kind];
  return `${group === '' ? resource : `${resource}.${group}`} "${c.object.metadata.name}" is forbidden: `;
}

const policyWarnings = (r: KubeResponse) => r.warnings.filter((w) => w.startsWith('Validation failed for ValidatingAdmissionPolicy')).sort();
const warning = (policy: string, binding: string) => (message: string) =>
  `Validation failed for ValidatingAdmissionPolicy '${policy}' with binding '${binding}': ${message}`;

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function removePolicies(endpoint: KubeEndpoint): Promise<void> {
  for (const name of [...MODES.flatMap(m => [bindingName(m), bindingName(m, STRICT_POLICY)]), WARNINGS_POLICY]) {
    await must(request(endpoint, 'DELETE', `${ADMISSION}/validatingadmissionpolicybindings/${name}`), `delete binding ${name}`, [200, 404]);
  }
  for (const name of [CORPUS_POLICY, WARNINGS_POLICY, STRICT_POLICY]) {
    await must(request(endpoint, 'DELETE', `${ADMISSION}/validatingadmissionpolicies/${name}`), `delete policy ${name}`, [200, 404]);
  }
}

describeEachServer('HostProcessAdmissionPolicy', (endpoint) => {
  beforeAll(async () => {
    await removePolicies(endpoint);
    for (const mode of MODES) {
      for (const role of ROLES) {
        const namespace = namespaceFor(mode, role);
        expect(await applyNamespace(endpoint, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: namespaceLabelsFor(mode, role) } }))
          .toMatchObject({ accepted: true });
        // The ServiceAccount admission plugin refuses a Pod under a service account that does not
        // exist (plugin/pkg/admission/serviceaccount/admission.go@v1.37.2, Admit), before any policy.
        for (const account of SERVICE_ACCOUNTS) {
          await must(request(endpoint, 'POST', `/api/v1/namespaces/${namespace}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account } }),
            `create service account ${account} in ${namespace}`, [201, 409]);
        }
      }
      // What the updates change exists before the policy does, as a workload deployed before it.
      for (const c of cases.filter((k) => k.update)) {
        const namespace = namespaceFor(mode, c.role);
        await must(request(endpoint, 'POST', collection(c, namespace), { ...c.object, metadata: { ...c.object.metadata, namespace } }),
          `create ${c.object.kind} ${c.object.metadata.name} in ${namespace}`, [201, 409]);
      }
    }
    await must(request(endpoint, 'POST', `${ADMISSION}/validatingadmissionpolicies`, manifests.policy), 'create the policy');
    await must(request(endpoint, 'POST', `${ADMISSION}/validatingadmissionpolicies`, manifests.warningPolicy), 'create the warnings policy');
    await must(request(endpoint, 'POST', `${ADMISSION}/validatingadmissionpolicies`, strict.policy), 'create the strict policy');
    for (const mode of MODES) {
      await must(request(endpoint, 'POST', `${ADMISSION}/validatingadmissionpolicybindings`,
        scoped(manifests.binding, bindingName(mode), { matchLabels: { [CORPUS_LABEL]: mode } }, ACTIONS[mode])), `create the ${mode} binding`);
      await must(request(endpoint, 'POST', `${ADMISSION}/validatingadmissionpolicybindings`,
        scoped(strict.binding, bindingName(mode, STRICT_POLICY), { matchLabels: { [STRICT_LABEL]: mode } }, ACTIONS[mode])), `create the strict ${mode} binding`);
    }
    await must(request(endpoint, 'POST', `${ADMISSION}/validatingadmissionpolicybindings`,
      scoped(manifests.warningBinding, WARNINGS_POLICY, { matchExpressions: [{ key: CORPUS_LABEL, operator: 'Exists' }] })), 'create the warnings binding');
    // A policy takes a moment to be in force: wait until a request it refuses is refused, and one
    // it warns about is warned about.
    const canary = cases.find((c) => c.role === 'other' && !c.update && c.fails('x')?.length)!;
    await until('the Deny binding', async () => ((await send(endpoint, canary, 'deny')).status === 403 ? true : undefined));
    await until('the Warn binding', async () => (policyWarnings(await send(endpoint, canary, 'warn')).length > 0 ? true : undefined));
    const strictCanary = cases.find((c) => isStrict(c.role) && !c.update && c.fails('x')?.length)!;
    await until('the strict Deny binding', async () => ((await send(endpoint, strictCanary, 'deny')).status === 403 ? true : undefined));
    await until('the strict Warn binding', async () => (policyWarnings(await send(endpoint, strictCanary, 'warn')).length > 0 ? true : undefined));
    await until('the warnings policy', async () => {
      const warned = cases.find((c) => c.warns?.length)!;
      return policyWarnings(await send(endpoint, warned, 'audit')).length > 0 ? true : undefined;
    });
  }, 180_000);

  afterAll(async () => {
    await removePolicies(endpoint);
  });

  describe.each(MODES)('%s', (mode) => {
    test.each(cases.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
      const c = cases[i];
      const fails = c.fails(namespaceFor(mode, c.role)) ?? [];
      const res = await send(endpoint, c, mode);
      const warnedByWarningsPolicy = (c.warns ?? []).map(warning(WARNINGS_POLICY, WARNINGS_POLICY));
      const policy = policyOf(c.role);
      if (mode === 'deny' && fails.length > 0) {
        // Only the first failed validation reaches the client (validating/dispatcher.go@v0.37.2).
        expect({ status: res.status, reason: res.body?.reason, message: res.body?.message }).toEqual({
          status: 403,
          reason: 'Forbidden',
          message: `${forbidden(c)}ValidatingAdmissionPolicy '${policy}' with binding '${policy}' denied request: ${fails[0]}`,
        });
        return;
      }
      expect({ status: res.status, message: res.body?.message }).toEqual({ status: c.update ? 200 : 201, message: undefined });
      const expected = mode === 'warn' ? [...fails.map(warning(policy, bindingName('warn', policy))), ...warnedByWarningsPolicy] : warnedByWarningsPolicy;
      expect(policyWarnings(res)).toEqual(expected.sort());
    });
  });
});
