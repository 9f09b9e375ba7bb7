// The API types of each Kubernetes release (src/core/k8s/schema/, generated): which release a
// --kubernetes-version names, and that every table is one the lint can read, of the kinds it reads.
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS, apiTypes, kubernetesVersion } from '../../../src/core/k8s/api-types';
import { podKind } from '../../../src/core/k8s/kinds';
import { KUBE_VERSIONS } from '../../kube/versions';

test('a table per release the tests run against, newest first (the default)', () => {
  expect(KUBERNETES_VERSIONS).toEqual(KUBE_VERSIONS.map(v => v.kubernetes));
  expect(DEFAULT_KUBERNETES_VERSION).toBe('v1.37.2');
});

test.each<[string, string | undefined]>([
  ['1.37.2', 'v1.37.2'],
  ['v1.37.2', 'v1.37.2'],
  ['1.30', 'v1.30.14'],
  ['v1.30', 'v1.30.14'],
  // The API types of a minor release do not change in its patches.
  ['1.30.2', 'v1.30.14'],
  ['1.030', 'v1.30.14'],
  ['1.31', undefined],
  ['1.3', undefined],
  ['2.30', undefined],
  ['latest', undefined],
  ['1.30.', undefined],
  [' 1.30', undefined],
  ['', undefined],
])('kubernetesVersion(%j) is %j', (text, version) => {
  expect(kubernetesVersion(text)).toBe(version);
});

describe.each(KUBERNETES_VERSIONS.map(v => [v]))('%s', (version) => {
  const types = apiTypes(version);

  test('it is the table of its release, with the kinds the lint reads at the API versions of the kinds table', () => {
    expect(types.kubernetes).toBe(version);
    const kinds = ['Pod', 'PodTemplate', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];
    expect([...types.kinds.keys()]).toEqual(kinds);
    for (const kind of kinds) {
      expect([kind, types.kinds.get(kind)!.apiVersion]).toEqual([kind, podKind(kind)!.apiVersion]);
    }
  });

  test('each kind\'s pod spec, where the kinds table says it is, is a v1.PodSpec', () => {
    for (const [kind, { type }] of types.kinds) {
      let at: any = type;
      for (const name of podKind(kind)!.podSpec.split('.')) at = at.fields.get(name)?.type;
      expect([kind, at?.go]).toEqual([kind, 'v1.PodSpec']);
    }
  });

  test('the types the decoder has its own decoding for', () => {
    const spec = types.kinds.get('Pod')!.type.fields.get('spec')!.type as any;
    const container = spec.fields.get('containers').type.elem;
    expect(container.fields.get('livenessProbe').type.fields.get('httpGet').type.fields.get('port').type).toEqual({ kind: 'int-or-string', go: 'intstr.IntOrString' });
    expect(container.fields.get('resources').type.fields.get('limits').type).toMatchObject({ kind: 'map', go: 'v1.ResourceList', elem: { kind: 'quantity' } });
    const metadata = types.kinds.get('Pod')!.type.fields.get('metadata')!.type as any;
    expect(metadata.fields.get('creationTimestamp').type).toEqual({ kind: 'time', go: 'v1.Time' });
    expect(metadata.fields.get('managedFields').type.elem.fields.get('fieldsV1').type).toEqual({ kind: 'raw', go: 'v1.FieldsV1' });
  });
});

test('a release the lint does not have', () => {
  expect(() => apiTypes('v1.36.0')).toThrow('no API types for Kubernetes v1.36.0: the lint has v1.37.2, v1.30.14');
});
