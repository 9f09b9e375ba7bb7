// Strict schema checks of synthesized manifests against the Kubernetes OpenAPI schema, by two
// third-party implementations, so that a manifest the library writes is one a real API server
// decodes (as `kubectl apply --validate=strict` does):
// - kubernetes-models: types, required fields, enums and integer formats (its validators are
//   compiled from the OpenAPI schema, but they accept unknown fields);
// - @kubernetes/client-node: its generated models' attribute type maps list every field of each
//   type, so a walk along them finds unknown fields, as the API server's strict decoding does.
import * as k8s from '@kubernetes/client-node';

interface Attribute {
  readonly name: string;
  readonly baseName: string;
  readonly type: string;
}

interface Model {
  getAttributeTypeMap(): Attribute[];
}

const ARRAY = /^Array<(.+)>$/;
const MAP = /^\{ \[key: string\]: (.+); \}$/;

/**
 * Every strict schema problem of one manifest, each as `<kind>/<name>: <problem>`; empty when
 * the manifest is valid.
 */
export function strictSchemaErrors(manifest: any): string[] {
  const label = `${manifest?.kind}/${manifest?.metadata?.name}`;
  if (typeof manifest?.apiVersion !== 'string' || typeof manifest?.kind !== 'string') {
    return [`${label}: apiVersion and kind must be strings`];
  }
  const [group, version] = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/') : ['', manifest.apiVersion];
  const errors: string[] = [];

  const modelName = `${version.charAt(0).toUpperCase()}${version.slice(1)}${manifest.kind}`;
  const model = (k8s as unknown as { [name: string]: Model | undefined })[modelName];
  if (typeof model?.getAttributeTypeMap !== 'function') {
    return [`${label}: no schema for ${manifest.apiVersion} ${manifest.kind}`];
  }
  unknownFields(manifest, modelName, '', errors);

  errors.push(...typeErrors(manifest, group, version));
  return errors.map(e => `${label}: ${e}`);
}

/**
 * Fails the test, listing every problem, unless each manifest is valid against the Kubernetes
 * OpenAPI schema with unknown fields rejected.
 */
export function expectStrictlyValid(manifests: any[]): void {
  const errors = manifests.flatMap(strictSchemaErrors);
  if (errors.length > 0) {
    throw new Error(`manifests are not strictly valid:\n  ${errors.join('\n  ')}`);
  }
}

function unknownFields(value: any, type: string, path: string, errors: string[]): void {
  if (value === null || value === undefined) {
    return;
  }
  const array = ARRAY.exec(type);
  if (array) {
    if (!Array.isArray(value)) {
      errors.push(`${path || '<root>'}: expected a list`);
      return;
    }
    value.forEach((item, i) => unknownFields(item, array[1], `${path}[${i}]`, errors));
    return;
  }
  const map = MAP.exec(type);
  if (map) {
    if (!isObject(value)) {
      errors.push(`${path}: expected a map`);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      unknownFields(item, map[1], `${path}.${key}`, errors);
    }
    return;
  }
  const model = (k8s as unknown as { [name: string]: Model | undefined })[type];
  if (typeof model?.getAttributeTypeMap !== 'function') {
    return; // a scalar, IntOrString, or a free-form object
  }
  if (!isObject(value)) {
    errors.push(`${path}: expected an object (${type})`);
    return;
  }
  const attributes = new Map(model.getAttributeTypeMap().map(a => [a.baseName, a]));
  for (const [key, item] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    const attribute = attributes.get(key);
    if (!attribute) {
      // The API server's strict decoding error.
      errors.push(`unknown field "${field}"`);
    } else {
      unknownFields(item, attribute.type, field, errors);
    }
  }
}

function typeErrors(manifest: any, group: string, version: string): string[] {
  let exported: { [name: string]: new (data: any) => { validate(): void } };
  try {
    // kubernetes-models has one module per kind: kubernetes-models/<group>/<version>/<Kind>.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(['kubernetes-models', group, version, manifest.kind].filter(p => p).join('/'));
  } catch {
    return [`kubernetes-models has no schema for ${manifest.apiVersion} ${manifest.kind}`];
  }
  const Kind = exported[manifest.kind];
  try {
    new Kind(manifest).validate();
    return [];
  } catch (e) {
    return String((e as Error).message).split(/,\s*(?=data)/).map(m => m.trim());
  }
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
