// The volumes of a pod spec and the mounts of its containers as typed kplus volumes.
import { Code, call, code, enumTable, isObject } from './code';
import { Program, declaration, fieldName, pointer } from './emit';
import { Json, Leftovers, Path, take } from './leftovers';
/** A typed volume: its variable, declared before the construct. */
export interface TypedVolume {
  readonly variable: string;
}

export function podVolumes(program: Program, spec: Json, path: Path, props: Json, leftovers: Leftovers): Map<string, TypedVolume> {
  const typed = new Map<string, TypedVolume>();
  const list = spec.volumes;
  if (list === undefined) {
    return typed;
  }
  delete spec.volumes;
  if (!Array.isArray(list)) {
    leftovers.keep([...path, 'volumes'], list, 'not a list');
    return typed;
  }
  const declared: Code[] = [];
  const untyped: any[] = [];
  for (const v of list) {
    const c = volumeCode(program, v);
    if (c === undefined) {
      untyped.push(v);
    } else {
      const variable = program.names.variable(v.name, 'Volume');
      program.declarations.push(declaration(variable, c));
      typed.set(v.name, { variable });
      declared.push(code(variable));
    }
  }
  if (declared.length > 0) {
    props.volumes = declared;
  }
  if (untyped.length > 0) {
    // Volumes are a list keyed by name (+listType=map, +listMapKey=name on PodSpec.Volumes in
    // k8s.io/api core/v1/types.go@v0.35.0): their order carries no meaning.
    const volumesPath = [...path, 'volumes'];
    if (declared.length > 0) {
      for (const v of untyped) {
        // As the line's typed classes read it (an emptyDir's sizeLimit as { value }), or they drop it.
        const value = leftovers.typed([...volumesPath, list.indexOf(v)], v);
        if (value === undefined) continue;
        leftovers.patches.push({
          op: 'add',
          pointer: `${pointer(volumesPath)}/-`,
          value,
          comment: `${fieldName(volumesPath)}: volume ${JSON.stringify(v?.name)}: no typed volume in kplus writes it exactly; kept as written`,
        });
        leftovers.notes.push({
          field: `${fieldName(volumesPath)}[name=${JSON.stringify(v?.name)}]`,
          handling: 'kept',
          message: 'no typed kplus volume writes it exactly; kept through an escape hatch (JsonPatch.add)',
        });
      }
    } else {
      leftovers.keep(volumesPath, untyped, 'no typed kplus volume writes them exactly');
    }
  }
  return typed;
}

const HOST_PATH_TYPES = enumTable({
  '': 'DEFAULT',
  'DirectoryOrCreate': 'DIRECTORY_OR_CREATE',
  'Directory': 'DIRECTORY',
  'FileOrCreate': 'FILE_OR_CREATE',
  'File': 'FILE',
  'Socket': 'SOCKET',
  'CharDevice': 'CHAR_DEVICE',
  'BlockDevice': 'BLOCK_DEVICE',
});

function volumeCode(program: Program, v: any): Code | undefined {
  if (!isObject(v) || typeof v.name !== 'string') return undefined;
  const { name, ...source } = v as Json;
  const kinds = Object.keys(source);
  if (kinds.length !== 1) return undefined;
  const id = program.ids.id(`${name}-volume`);
  const chart = code('chart');
  const s = source[kinds[0]];
  if (!isObject(s)) return undefined;
  const volume = program.kp('Volume');
  switch (kinds[0]) {
    case 'hostPath': {
      const { path, type, ...other } = s;
      if (Object.keys(other).length > 0 || typeof path !== 'string') return undefined;
      // kplus always writes `type`; without it in the input, `""` is written (the API server's
      // default, HostPathUnset, which checks nothing: k8s.io/api core/v1/types.go@v0.35.0).
      if (type !== undefined && !HOST_PATH_TYPES[type as string]) return undefined;
      const options: Json = { path };
      if (type !== undefined) options.type = code(program.kp(`HostPathVolumeType.${HOST_PATH_TYPES[type as string]}`));
      return call(`${volume}.fromHostPath`, chart, id, name, options);
    }
    case 'configMap':
    case 'secret': {
      const isConfigMap = kinds[0] === 'configMap';
      const { defaultMode, optional, items, ...rest } = s;
      const refName = isConfigMap ? take(rest, 'name') : take(rest, 'secretName');
      if (Object.keys(rest).length > 0 || typeof refName !== 'string') return undefined;
      if (defaultMode !== undefined && !Number.isInteger(defaultMode)) return undefined;
      if (optional !== undefined && typeof optional !== 'boolean') return undefined;
      const options: Json = { name };
      if (defaultMode !== undefined) options.defaultMode = octal(defaultMode as number);
      if (optional !== undefined) options.optional = optional;
      if (items !== undefined) {
        if (!Array.isArray(items)) return undefined;
        const map: Json = {};
        for (const item of items) {
          if (!isObject(item) || typeof item.key !== 'string' || typeof item.path !== 'string' || map[item.key] !== undefined) return undefined;
          const { key, path, mode, ...more } = item as Json;
          if (Object.keys(more).length > 0 || (mode !== undefined && !Number.isInteger(mode))) return undefined;
          map[key] = mode === undefined ? { path } : { path, mode: octal(mode) };
        }
        // kplus writes the items in key order.
        if (items.map((i: any) => i.key).join('\n') !== Object.keys(map).sort().join('\n')) return undefined;
        options.items = map;
      }
      const ref = program.ref(isConfigMap ? 'ConfigMap' : 'Secret', refName);
      return call(`${volume}.${isConfigMap ? 'fromConfigMap' : 'fromSecret'}`, chart, id, ref, options);
    }
    case 'emptyDir': {
      const { medium, ...other } = s;
      if (Object.keys(other).length > 0) return undefined;
      if (medium === undefined) return call(`${volume}.fromEmptyDir`, chart, id, name);
      if (medium === 'Memory') return call(`${volume}.fromEmptyDir`, chart, id, name, { medium: code(program.kp('EmptyDirMedium.MEMORY')) });
      return undefined;
    }
    default:
      return undefined;
  }
}

/** A file mode as people write them (`0o644`). */
function octal(mode: number): Code {
  return code(`0o${mode.toString(8)}`);
}


const PROPAGATION = enumTable({ None: 'NONE', HostToContainer: 'HOST_TO_CONTAINER', Bidirectional: 'BIDIRECTIONAL' });

export function mountsCode(program: Program, mounts: unknown, volumes: Map<string, TypedVolume>): Json[] | undefined {
  if (mounts === undefined) return [];
  if (!Array.isArray(mounts)) return undefined;
  const out: Json[] = [];
  for (const m of mounts) {
    if (!isObject(m) || typeof m.name !== 'string' || typeof m.mountPath !== 'string' || !volumes.has(m.name)) return undefined;
    const { name, mountPath, readOnly, subPath, subPathExpr, mountPropagation, ...other } = m as Json;
    if (Object.keys(other).length > 0) return undefined;
    const mount: Json = { path: mountPath, volume: code(volumes.get(name)!.variable) };
    if (typeof readOnly === 'boolean') mount.readOnly = readOnly; else if (readOnly !== undefined) return undefined;
    if (typeof subPath === 'string') mount.subPath = subPath; else if (subPath !== undefined) return undefined;
    if (typeof subPathExpr === 'string') mount.subPathExpr = subPathExpr; else if (subPathExpr !== undefined) return undefined;
    if (mountPropagation !== undefined) {
      if (!PROPAGATION[mountPropagation]) return undefined;
      mount.propagation = code(program.kp(`MountPropagation.${PROPAGATION[mountPropagation]}`));
    }
    out.push(mount);
  }
  return out;
}
