// The JSON of a construct's API object as cdk8s writes it, for the synth checks: with escape-hatch
// patches applied, and what the line's typed classes drop of those patches
// (../core/validation/escape-hatch-fields.ts).
import { ApiObject, ApiObjectMetadataDefinition } from 'cdk8s';
import * as kplus from './kplus';
import { droppedFieldFindings } from '../core/validation/escape-hatch-fields';
import { Finding } from '../core/validation/finding';

/** The cdk8s-plus line this package is built on, from kplus' jsii type information (`cdk8s-plus-27.DaemonSet`). */
export const KPLUS_LINE: number | undefined = (() => {
  const fqn = (kplus.DaemonSet as unknown as { [rtti: symbol]: { fqn?: unknown } | undefined })[Symbol.for('jsii.rtti')]?.fqn;
  const m = typeof fqn === 'string' ? /^cdk8s-plus-([0-9]+)\./.exec(fqn) : null;
  return m ? Number(m[1]) : undefined;
})();

/** An API object's JSON as written, and what the line's typed classes dropped of its patches. */
export interface WrittenJson {
  /** The manifest, as `apiObject.toJson()` gives it. */
  readonly json: any;
  /** A finding for each field a patch writes that the typed classes drop. */
  readonly dropped: Finding[];
}

/**
 * Whether `apiObject` has escape-hatch patches. ApiObject keeps them in the private field `patches`
 * (cdk8s lib/api-object.js, 2.70.0, as installed here): should it ever be gone, every object
 * counts as patched, which is slower, never less checked.
 */
export function hasPatches(apiObject: ApiObject): boolean {
  const patches: unknown = (apiObject as unknown as { patches?: unknown }).patches;
  return !(Array.isArray(patches) && patches.length === 0);
}

/**
 * `apiObject`'s JSON as `cdk8s synth` writes it, serialized once: the untyped JSON with the patches
 * applied (`ApiObject.prototype.toJson`), then typed by its L1 class, whose `toJson()` is
 * `{ ...GVK, ...toJson_<Kind>Props(super.toJson()) }` and whose static `manifest(props)` is the
 * same of `props` (cdk8s-plus lib/imports/k8s.js); and the fields the typing dropped.
 */
export function writtenJson(apiObject: ApiObject): WrittenJson {
  const untyped = ApiObject.prototype.toJson.call(apiObject);
  if (apiObject.toJson === ApiObject.prototype.toJson) {
    return { json: untyped, dropped: [] };
  }
  const manifest = (apiObject.constructor as { manifest?: (props: unknown) => unknown }).manifest;
  const json = typeof manifest === 'function' ? manifest(untyped) : apiObject.toJson();
  return { json, dropped: KPLUS_LINE === undefined ? [] : droppedFieldFindings(untyped, KPLUS_LINE) };
}

/**
 * The annotations `metadata.toJson()` would write, without serializing the rest of the metadata:
 * ApiObjectMetadataDefinition keeps them in the private field `annotations`, which `toJson()`
 * resolves and drops when empty (cdk8s lib/metadata.js, 2.70.0, as installed here). Should the
 * field be gone, or a value be anything but a string (a token to resolve), `toJson()` answers.
 */
export function annotationsOf(metadata: ApiObjectMetadataDefinition): { [key: string]: string } | undefined {
  const annotations: unknown = (metadata as unknown as { annotations?: unknown }).annotations;
  if (typeof annotations !== 'object' || annotations === null || Array.isArray(annotations)) {
    return metadata.toJson().annotations;
  }
  const keys = Object.keys(annotations);
  if (keys.length === 0) return undefined;
  for (const key of keys) {
    if (typeof (annotations as { [key: string]: unknown })[key] !== 'string') return metadata.toJson().annotations;
  }
  return { ...annotations as { [key: string]: string } };
}
