// What the test API server says of a manifest: the verdict of a dry-run create with strict field
// validation, as `kubectl apply --dry-run=server` (strict is kubectl's default) would get it.
import { KubeEndpoint, request } from './server';

/** One reason the server gives for refusing an object. */
export interface KubeCause {
  /** The field path, as the API server writes it (`spec.template.spec.hostNetwork`), if any. */
  readonly field?: string;
  readonly reason?: string;
  readonly message: string;
}

/** The server's verdict on one object. */
export interface KubeVerdict {
  readonly accepted: boolean;
  readonly status: number;
  /** `Invalid`, `Forbidden`, `BadRequest`, ... */
  readonly reason?: string;
  readonly message?: string;
  readonly causes: readonly KubeCause[];
}

interface Resource {
  readonly name: string;
  readonly namespaced: boolean;
}

const discovery = new Map<string, Promise<Map<string, Resource>>>();

/** The REST resource of a kind in an API version, from the server's discovery. */
async function resourceOf(endpoint: KubeEndpoint, apiVersion: string, kind: string): Promise<Resource | undefined> {
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const key = `${endpoint.url}${base}`;
  if (!discovery.has(key)) {
    discovery.set(key, request(endpoint, 'GET', base).then((res) => {
      const resources = new Map<string, Resource>();
      for (const r of (res.body?.resources ?? []) as { name: string; kind: string; namespaced: boolean }[]) {
        if (!r.name.includes('/')) resources.set(r.kind, { name: r.name, namespaced: r.namespaced });
      }
      return resources;
    }));
  }
  return (await discovery.get(key)!).get(kind);
}

function basePath(resource: Resource, apiVersion: string, namespace: string): string {
  const group = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  return resource.namespaced ? `${group}/namespaces/${encodeURIComponent(namespace)}/${resource.name}` : `${group}/${resource.name}`;
}

function verdictOf(status: number, body: any): KubeVerdict {
  if (status === 200 || status === 201) return { accepted: true, status, causes: [] };
  const causes: KubeCause[] = Array.isArray(body?.details?.causes)
    ? body.details.causes.map((c: any) => ({ field: c.field, reason: c.reason, message: String(c.message ?? '') }))
    : [];
  return { accepted: false, status, reason: body?.reason, message: typeof body === 'string' ? body : body?.message, causes };
}

const ensured = new Map<string, Promise<void>>();

/**
 * Makes sure a namespace and its `default` service account exist (no controller manager runs
 * here to create the account); a namespace the test creates with labels is created with them.
 */
export function ensureNamespace(endpoint: KubeEndpoint, name: string, labels?: { [key: string]: string }): Promise<void> {
  const key = `${endpoint.url} ${name}`;
  if (!ensured.has(key)) {
    ensured.set(key, (async () => {
      await ensureObject(endpoint, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
      await ensureServiceAccount(endpoint, name, 'default');
    })());
  }
  return ensured.get(key)!;
}

/** Creates an object at `collection` unless one of its name is there already. */
type Named = { kind: string; metadata: { name: string; [field: string]: unknown }; [field: string]: unknown };

async function ensureObject(endpoint: KubeEndpoint, collection: string, manifest: Named): Promise<void> {
  const res = await request(endpoint, 'POST', collection, manifest);
  if (res.status !== 201 && res.status !== 409) {
    throw new Error(`cannot create ${manifest.kind} ${manifest.metadata.name}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** Creates a service account if it is not there (pods that name one need it to exist). */
export function ensureServiceAccount(endpoint: KubeEndpoint, namespace: string, name: string): Promise<void> {
  return ensureObject(endpoint, `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts`,
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } });
}

/** Creates a PriorityClass if it is not there (the Priority admission plugin refuses pods naming a missing one). */
export function ensurePriorityClass(endpoint: KubeEndpoint, name: string): Promise<void> {
  return ensureObject(endpoint, '/apis/scheduling.k8s.io/v1/priorityclasses',
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value: 1000 });
}

/**
 * Creates a Namespace object for real (a manifest's namespaces hold the Pod Security labels its
 * pods are admitted under), replacing the labels of one already there.
 */
export async function applyNamespace(endpoint: KubeEndpoint, manifest: any): Promise<KubeVerdict> {
  const name = manifest?.metadata?.name;
  const created = await request(endpoint, 'POST', '/api/v1/namespaces?fieldValidation=Strict', manifest);
  if (created.status === 409) {
    const current = await request(endpoint, 'GET', `/api/v1/namespaces/${encodeURIComponent(name)}`);
    const replaced = await request(endpoint, 'PUT', `/api/v1/namespaces/${encodeURIComponent(name)}?fieldValidation=Strict`,
      { ...manifest, metadata: { ...manifest.metadata, resourceVersion: current.body?.metadata?.resourceVersion } });
    return verdictOf(replaced.status, replaced.body);
  }
  if (created.status === 201) await ensureServiceAccount(endpoint, name, 'default');
  return verdictOf(created.status, created.body);
}

/**
 * Sends a set of manifests as one apply meets them: its Namespaces created for real first (their Pod
 * Security labels decide what their pods may be), then `judge` on the other objects; after it the
 * namespaces lose the set's labels again, so that the next set meets them as it declares them.
 */
export async function withNamespaces<T>(endpoint: KubeEndpoint, manifests: any[], judge: (others: any[]) => Promise<T>):
Promise<{ namespaces: any[]; verdicts: KubeVerdict[]; others: any[]; result: T }> {
  const namespaces = manifests.filter((m) => m?.kind === 'Namespace' && m?.apiVersion === 'v1');
  const verdicts: KubeVerdict[] = [];
  for (const ns of namespaces) verdicts.push(await applyNamespace(endpoint, ns));
  const others = manifests.filter((m) => !namespaces.includes(m));
  try {
    return { namespaces, verdicts, others, result: await judge(others) };
  } finally {
    for (const ns of namespaces) await applyNamespace(endpoint, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns.metadata?.name } });
  }
}

/**
 * The server's verdict on creating `manifest` (dry run: nothing is stored), with strict field
 * validation. Its namespace (default: `default`) and, for a Pod, its service account are created
 * first when missing, as a real deploy would have them.
 */
export async function dryRun(endpoint: KubeEndpoint, manifest: any): Promise<KubeVerdict> {
  const apiVersion = manifest?.apiVersion;
  const kind = manifest?.kind;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return { accepted: false, status: 0, message: 'apiVersion and kind must be strings', causes: [] };
  }
  const resource = await resourceOf(endpoint, apiVersion, kind);
  if (!resource) return { accepted: false, status: 404, reason: 'NotFound', message: `the server has no ${kind} in ${apiVersion}`, causes: [] };
  const namespace = typeof manifest?.metadata?.namespace === 'string' && manifest.metadata.namespace !== '' ? manifest.metadata.namespace : 'default';
  if (resource.namespaced) {
    await ensureNamespace(endpoint, namespace);
    // What a pod refers to must exist when the pod is created (the ServiceAccount and Priority
    // admission plugins check); a real deploy has them, so the test server gets them too.
    const spec = kind === 'Pod' ? manifest?.spec : undefined;
    const account = spec?.serviceAccountName ?? spec?.serviceAccount;
    if (typeof account === 'string' && account !== '') await ensureServiceAccount(endpoint, namespace, account);
    const priority = spec?.priorityClassName;
    if (typeof priority === 'string' && priority !== '' && !priority.startsWith('system-')) await ensurePriorityClass(endpoint, priority);
  }
  const url = `${basePath(resource, apiVersion, namespace)}?dryRun=All&fieldValidation=Strict`;
  let res = await request(endpoint, 'POST', url, manifest);
  // Admission plugins read namespaces and priority classes from informer caches, which follow a
  // write by some milliseconds (PodSecurity's namespace labels, the Priority plugin's classes): a
  // refusal by either, just after the tests changed what it reads, is asked again before it counts.
  for (const wait of [100, 400, 1500]) {
    if (res.status !== 403 || !/PodSecurity|PriorityClass/.test(String(res.body?.message))) break;
    await new Promise((resolve) => setTimeout(resolve, wait));
    res = await request(endpoint, 'POST', url, manifest);
  }
  return verdictOf(res.status, res.body);
}
