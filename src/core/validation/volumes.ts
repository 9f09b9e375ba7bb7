// The pod's volumes, as ValidateVolumes checks them first of all (kubernetes
// pkg/apis/core/validation/validation.go@v1.37.2: ValidateVolumes, validateVolumeSource,
// validateHostPathVolumeSource, validateHostPathType, validatePathNoBacksteps,
// validateConfigMapVolumeSource). Only the sources node agents mount have their own fields checked
// (hostPath, configMap); every source counts toward "at most one".
import { Finding } from './finding';
import { dns1123LabelProblems } from './names';
import { PodView, duplicate, finding, forbidden, invalid, isSet, notSupported, required } from './util';

/**
 * The volume sources in the order validateVolumeSource tries them, each with the name its field
 * path has there: upstream writes `cephFS` for the `cephfs` key and `downwarAPI` for `downwardAPI`.
 */
const SOURCES: readonly [string, string][] = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'],
  ['cinder', 'cinder'], ['cephfs', 'cephFS'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'], ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

/** supportedHostPathTypes, sorted as sets.List returns them. */
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

/**
 * Checks the pod's volumes and returns the names of the valid ones: a mount of a volume that has
 * an error of its own is `Not found` too, since ValidateVolumes leaves such a volume out of the
 * map the mounts are looked up in.
 */
export function volumeFindings({ spec, prefix }: PodView, findings: Finding[]): ReadonlySet<string> {
  const volumes = spec.volumes;
  if (!Array.isArray(volumes)) return NO_VOLUMES;
  const valid = new Set<string>();
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const volume = v !== null && typeof v === 'object' ? v : {};
    const path = `${prefix}.volumes[${i}]`;
    const name = typeof volume.name === 'string' ? volume.name : '';
    const before = findings.length;
    sourceFindings(volume, path, findings);
    if (name === '') {
      findings.push(finding('volume-name-invalid', `${path}.name`, required()));
    } else {
      for (const problem of dns1123LabelProblems(name)) findings.push(finding('volume-name-invalid', `${path}.name`, invalid(name, problem)));
    }
    if (names.has(name)) findings.push(finding('volume-name-duplicate', `${path}.name`, duplicate(name)));
    if (findings.length === before) {
      names.add(name);
      valid.add(name);
    }
  });
  return valid;
}

const NO_VOLUMES: ReadonlySet<string> = new Set<string>();

function sourceFindings(volume: any, path: string, findings: Finding[]): void {
  let sources = 0;
  for (const [key, pathName] of SOURCES) {
    if (!isSet(volume[key])) continue;
    if (sources > 0) {
      findings.push(finding('volume-type-multiple', `${path}.${pathName}`, forbidden('may not specify more than 1 volume type')));
      continue;
    }
    sources++;
    if (key === 'hostPath') hostPathFindings(volume.hostPath, `${path}.hostPath`, findings);
    if (key === 'configMap' && !nonEmptyString(volume.configMap?.name)) {
      findings.push(finding('volume-source-invalid', `${path}.configMap.name`, required()));
    }
  }
  // A volume with no source is none of validateVolumeSource's business: SetDefaults_Volume
  // (pkg/apis/core/v1/defaults.go@v1.37.2) made it an emptyDir, so its "must specify a volume
  // type" cannot be reached through the API.
}

function hostPathFindings(hostPath: any, path: string, findings: Finding[]): void {
  const hostPathPath = hostPath?.path;
  if (!nonEmptyString(hostPathPath)) {
    findings.push(finding('volume-source-invalid', `${path}.path`, required()));
    return;
  }
  // The API server splits on `/` only (filepath.ToSlash on Linux): `C:\..\x` passes.
  if (hostPathPath.split('/').includes('..')) {
    findings.push(finding('volume-source-invalid', `${path}.path`, invalid(hostPathPath, 'must not contain \'..\'')));
  }
  const type = hostPath.type;
  if (typeof type === 'string' && !HOST_PATH_TYPES.includes(type)) {
    findings.push(finding('volume-source-invalid', `${path}.type`, notSupported(type, HOST_PATH_TYPES)));
  }
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
