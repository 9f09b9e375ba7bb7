// ValidateVolumes (validation.go@v1.37.2): the words are the API server's, checked against it by the
// rule cases (test/cases/volume-*) and the differential fuzzer.
import { errors } from './helpers';

const DNS_LABEL = 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end ' +
  'with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')';

const withVolumes = (volumes: any[], mounts: any[] = []) => ({
  containers: [{ name: 'a', image: 'img', volumeMounts: mounts }],
  volumes,
});

describe('volumes', () => {
  test.each<[string, any[], string[]]>([
    ['hostPath, emptyDir and configMap volumes', [{ name: 'logs', hostPath: { path: 'C:\\var\\log', type: 'DirectoryOrCreate' } },
      { name: 'scratch', emptyDir: {} }, { name: 'config', configMap: { name: 'agent' } }], []],
    // SetDefaults_Volume makes a volume without a source an emptyDir before validation.
    ['no source is an emptyDir', [{ name: 'scratch' }], []],
    ['two sources', [{ name: 'v', hostPath: { path: '/x' }, emptyDir: {} }],
      ['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type']],
    ['three sources: each after the first, in validateVolumeSource\'s order', [{ name: 'v', configMap: { name: 'c' }, hostPath: { path: '/x' }, emptyDir: {} }], [
      'spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type',
      'spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type',
    ]],
    ['upstream\'s own paths for cephfs and downwardAPI', [{ name: 'v', emptyDir: {}, cephfs: { monitors: ['m'] }, downwardAPI: {} }], [
      'spec.volumes[0].cephFS: Forbidden: may not specify more than 1 volume type',
      'spec.volumes[0].downwarAPI: Forbidden: may not specify more than 1 volume type',
    ]],
    ['hostPath without a path', [{ name: 'v', hostPath: {} }], ['spec.volumes[0].hostPath.path: Required value']],
    ['hostPath with a .. element', [{ name: 'v', hostPath: { path: '/var/../etc' } }],
      ['spec.volumes[0].hostPath.path: Invalid value: "/var/../etc": must not contain \'..\'']],
    // filepath.ToSlash on the (Linux) API server leaves backslashes alone.
    ['a Windows path with .. passes', [{ name: 'v', hostPath: { path: 'C:\\..\\x' } }], []],
    ['an unknown hostPath type', [{ name: 'v', hostPath: { path: '/x', type: 'Bogus' } }], [
      'spec.volumes[0].hostPath.type: Unsupported value: "Bogus": supported values: "", "BlockDevice", "CharDevice", "Directory", ' +
      '"DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
    ]],
    ['configMap without a name', [{ name: 'v', configMap: {} }], ['spec.volumes[0].configMap.name: Required value']],
    ['no name', [{ emptyDir: {} }], ['spec.volumes[0].name: Required value']],
    ['an upper-case name', [{ name: 'Data', emptyDir: {} }], [`spec.volumes[0].name: Invalid value: "Data": ${DNS_LABEL}`]],
    ['a name with dots', [{ name: 'data.v2', emptyDir: {} }], ['spec.volumes[0].name: Invalid value: "data.v2": must not contain dots']],
    ['a name of 64 characters', [{ name: 'v'.repeat(64), emptyDir: {} }],
      [`spec.volumes[0].name: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`]],
    ['a name twice', [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }], ['spec.volumes[1].name: Duplicate value: "v"']],
    // Only volumes without errors are remembered: the second of two broken ones is no duplicate.
    ['a broken volume\'s name is not taken', [{ name: 'v', hostPath: {} }, { name: 'v', emptyDir: {} }], ['spec.volumes[0].hostPath.path: Required value']],
  ])('%s', (_name, volumes, expected) => {
    expect(errors(withVolumes(volumes))).toEqual(expected);
  });

  test('a mount of a volume with an error is not found either (ValidateVolumes leaves it out)', () => {
    expect(errors(withVolumes([{ name: 'v', hostPath: { path: '' } }], [{ name: 'v', mountPath: '/v' }]))).toEqual([
      'spec.volumes[0].hostPath.path: Required value',
      'spec.containers[0].volumeMounts[0].name: Not found: "v"',
    ]);
  });

  test('is reported first, with the pod spec\'s prefix', () => {
    expect(errors({ ...withVolumes([{ name: 'V', emptyDir: {} }]), containers: [{ name: 'A', image: 'img' }] }, 'spec.template.spec')).toEqual([
      `spec.template.spec.volumes[0].name: Invalid value: "V": ${DNS_LABEL}`,
      `spec.template.spec.containers[0].name: Invalid value: "A": ${DNS_LABEL}`,
    ]);
  });
});
