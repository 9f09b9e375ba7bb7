// The pure parts of the bench's comparison with other tools (peers.ts runs them): the JSON schemas
// kubeconform validates against, made from the Kubernetes OpenAPI v2 document as its own schema
// repository makes them, and the reading of each tool's output and of GNU time's.

/** One kind of the stream: its `kind` and `apiVersion` (`apps/v1`, `v1`). */
export interface KindRef {
  readonly kind: string;
  readonly apiVersion: string;
}

/** kubeconform's `-schema-location` for a folder of these files (its template variables, below). */
export const SCHEMA_FILE_TEMPLATE = '{{ .ResourceKind }}{{ .KindSuffix }}.json';

/**
 * The file name kubeconform looks for with SCHEMA_FILE_TEMPLATE: as schemaPath computes the
 * template's variables (kubeconform pkg/registry/registry.go@v0.8.0: ResourceKind is
 * strings.ToLower(kind); KindSuffix is "-" + the lowercased first dot-separated part of the group,
 * then "-" + the lowercased version when the apiVersion has a group: `daemonset-apps-v1.json`,
 * `pod-v1.json`).
 */
export function schemaFileName(ref: KindRef): string {
  const groupParts = ref.apiVersion.split('/');
  let kindSuffix = `-${groupParts[0].split('.')[0].toLowerCase()}`;
  if (groupParts.length > 1) kindSuffix += `-${groupParts[1].toLowerCase()}`;
  return `${ref.kind.toLowerCase()}${kindSuffix}.json`;
}

type Json = any;

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/**
 * Every object schema (recursively) with `properties` and no `additionalProperties` gets
 * `additionalProperties: false` (openapi2jsonschema's additional_properties, util.py, "the
 * behaviour of kubectl"): unknown fields are errors.
 */
function additionalProperties(node: Json): void {
  if (Array.isArray(node)) {
    node.forEach(additionalProperties);
  } else if (node !== null && typeof node === 'object') {
    if ('properties' in node && !('additionalProperties' in node)) node.additionalProperties = false;
    Object.values(node).forEach(additionalProperties);
  }
}

/**
 * openapi2jsonschema's allow_null_optional_fields (util.py), step for step: a string `type` other
 * than "null" becomes [type, "null"] unless the key the schema sits under is listed in `required`
 * of the schema two levels up (so a required property keeps its type; the walk passes lists as
 * it does, which makes the members of a oneOf nullable too).
 */
function allowNullOptionalFields(data: Json, parent?: Json, grandParent?: Json, key?: string): Json {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const out: Json = {};
  for (const [k, v] of Object.entries(data)) {
    let value = v as Json;
    if (Array.isArray(v)) {
      value = v.map(x => allowNullOptionalFields(x, v, parent, k));
    } else if (v !== null && typeof v === 'object') {
      value = allowNullOptionalFields(v, data, parent, k);
    } else if (typeof v === 'string' && k === 'type' && v !== 'null') {
      const required = grandParent && !Array.isArray(grandParent) && Array.isArray(grandParent.required)
        && key !== undefined && grandParent.required.includes(key);
      if (!required) value = [v, 'null'];
    }
    out[k] = value;
  }
  return out;
}

/** A `#/definitions/<name>` reference replaced by (a copy of) the definition, recursively (jsonref's replace_refs: siblings of `$ref` dropped). */
function inline(node: Json, definitions: { [name: string]: Json }, path: string[]): Json {
  if (Array.isArray(node)) return node.map(x => inline(x, definitions, path));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace(/^#\/definitions\//, '');
    if (!(name in definitions)) throw new Error(`the OpenAPI document has no definition ${node.$ref} (referenced from ${path.join(' > ')})`);
    if (path.includes(name)) throw new Error(`the definition ${name} refers to itself (${[...path, name].join(' > ')}): it cannot be inlined`);
    return inline(definitions[name], definitions, [...path, name]);
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = inline(v, definitions, path);
  return out;
}

/**
 * The standalone strict JSON schema of one kind, as kubeconform's default schema repository has it
 * (yannh/kubernetes-json-schema, `<version>-standalone-strict/`, which build.sh makes with
 * `openapi2jsonschema --expanded --kubernetes --stand-alone --strict` from the release's
 * api/openapi-spec/swagger.json), made from `swagger` (an OpenAPI v2 document) the same way
 * (instrumenta/openapi2jsonschema openapi2jsonschema/command.py@03ad71bc and util.py):
 * - IntOrString is `oneOf` string or integer, Quantity `oneOf` string or number;
 * - the kind's `apiVersion` and `kind` properties get an `enum` of the kind's group-version-kind;
 * - strict: `additionalProperties: false` on the kind and on every object schema with properties;
 * - stand-alone: every `$ref` inlined;
 * - a property not listed as required also accepts null. Where the published files differ from
 *   command.py's order (they allow null inside the inlined definitions too, and a required
 *   property keeps its type: master-standalone-strict/cronjob-batch-v1.json, metadata and
 *   ownerReferences), this follows the published files: null is allowed after inlining.
 * The kind's definition is the one whose x-kubernetes-group-version-kind names it.
 */
export function standaloneStrictSchema(swagger: Json, ref: KindRef): Json {
  const definitions: { [name: string]: Json } = clone(swagger?.definitions ?? {});
  definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = { oneOf: [{ type: 'string' }, { type: 'number' }] };
  const [group, version] = ref.apiVersion.includes('/') ? ref.apiVersion.split('/') : ['', ref.apiVersion];
  const name = Object.keys(definitions).find(n => (definitions[n]['x-kubernetes-group-version-kind'] ?? [])
    .some((gvk: Json) => gvk.group === group && gvk.version === version && gvk.kind === ref.kind));
  if (name === undefined) {
    throw new Error(`the OpenAPI document has no definition for ${ref.apiVersion} ${ref.kind} (no x-kubernetes-group-version-kind names it)`);
  }
  for (const def of Object.values(definitions)) {
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      for (const [property, value] of [['apiVersion', apiVersion], ['kind', gvk.kind]]) {
        const schema = def.properties?.[property];
        if (schema === undefined) continue;
        schema.enum ??= [];
        if (!schema.enum.includes(value)) schema.enum.push(value);
      }
    }
  }
  additionalProperties(definitions);
  const specification = definitions[name];
  specification.type ??= 'object';
  specification.additionalProperties = false;
  const inlined = inline(specification, definitions, [name]);
  return { ...inlined, properties: allowNullOptionalFields(inlined.properties ?? {}) };
}

/** The standalone strict schemas of `kinds`, by kubeconform's file name. */
export function standaloneStrictSchemas(swagger: Json, kinds: readonly KindRef[]): { [file: string]: Json } {
  const out: { [file: string]: Json } = {};
  for (const ref of kinds) out[schemaFileName(ref)] = standaloneStrictSchema(swagger, ref);
  return out;
}

/** kubeconform's `-summary` line (pkg/output/text.go@v0.8.0). */
export interface KubeconformSummary {
  readonly resources: number;
  readonly valid: number;
  readonly invalid: number;
  readonly errors: number;
  readonly skipped: number;
}

/**
 * Reads the summary line kubeconform's text output ends with under `-summary`
 * (pkg/output/text.go@v0.8.0: "Summary: %d resource%s found in %d file%s - Valid: %d, Invalid: %d,
 * Errors: %d, Skipped: %d", or "... found parsing stdin - ..."); undefined when there is none.
 */
export function parseKubeconformSummary(stdout: string): KubeconformSummary | undefined {
  const m = /^Summary: (\d+) resources? found (?:in \d+ files?|parsing stdin) - Valid: (\d+), Invalid: (\d+), Errors: (\d+), Skipped: (\d+)$/m.exec(stdout);
  if (!m) return undefined;
  const [resources, valid, invalid, errors, skipped] = m.slice(1).map(Number);
  return { resources, valid, invalid, errors, skipped };
}

/**
 * Reads kube-linter's `--format json` output (run.Result, pkg/run/run.go: {Checks, Reports,
 * Summary: {KubeLinterVersion, ...}}; each report a diagnostic.WithContext,
 * pkg/diagnostic/diagnostic.go: {Diagnostic, Check, Remediation, Object}; the Object marshalled by
 * pkg/lintcontext's Object.MarshalJSON as {Metadata: {FilePath}, K8sObject: {Namespace, Name,
 * GroupVersionKind}}): the reports, and the objects they name.
 */
export function parseKubeLinterJson(stdout: string): { reports: number; objects: number; version?: string } {
  let result: Json;
  try {
    result = JSON.parse(stdout);
  } catch (e) {
    throw new Error(`kube-linter --format json printed no JSON document (${(e as Error).message}): ${stdout.slice(0, 200)}`);
  }
  if (result === null || typeof result !== 'object' || !('Reports' in result) || (result.Reports !== null && !Array.isArray(result.Reports))) {
    throw new Error(`kube-linter's JSON output has no Reports list: ${stdout.slice(0, 200)}`);
  }
  const reports: Json[] = result.Reports ?? [];
  const objects = new Set(reports.map(r => {
    const o = r?.Object?.K8sObject ?? {};
    return JSON.stringify([o.GroupVersionKind?.Kind, o.Namespace, o.Name]);
  }));
  return { reports: reports.length, objects: objects.size, version: result.Summary?.KubeLinterVersion };
}

/** The lint's `--summary` line (its last line of text output, src/core/cli/format.ts): objects read and checked. */
export function parseLintSummary(stdout: string): { objects: number; checked: number } | undefined {
  const m = /(\d+) objects? \((\d+) checked\)/.exec(stdout);
  return m ? { objects: Number(m[1]), checked: Number(m[2]) } : undefined;
}

/**
 * The peak RSS in bytes from GNU time's `-f %M -o FILE` output (GNU time 1.9 manual, Debian's
 * /usr/share/doc/time/time.html, "1.2.2 Memory Resources": "%M Maximum resident set size of the
 * process during its lifetime, in Kilobytes"; "Most information shown by time is derived from the
 * wait3 system call"). On a non-zero exit the file starts with a "Command exited with non-zero
 * status" line; the figure is the last line.
 */
export function parseGnuTimeMaxRss(text: string): number {
  const lines = text.trim().split('\n');
  const last = lines[lines.length - 1]?.trim() ?? '';
  if (!/^\d+$/.test(last)) throw new Error(`GNU time printed no maximum resident set size (-f %M): ${JSON.stringify(text.slice(0, 200))}`);
  return Number(last) * 1024;
}
