// The test API server itself: the release it says it is, and the answers the other server suites
// rely on (a valid HostProcess pod accepted; a broken one refused at its field, in the words the
// lint quotes; an unknown field refused by strict field validation; Pod Security enforced).
import { applyNamespace, dryRun } from './client';
import { rejectionsOf } from './parity';
import { request } from './server';
import { describeEachServer } from './servers';
import { KUBE_VERSIONS } from './versions';

function hostProcessPod(spec: object = {}, namespace = 'default'): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'agent', namespace },
    spec: {
      hostNetwork: true,
      os: { name: 'windows' },
      nodeSelector: { 'kubernetes.io/os': 'windows' },
      securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } },
      containers: [{ name: 'agent', image: 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0' }],
      ...spec,
    },
  };
}

describeEachServer('the test API server', (endpoint) => {
  test('is the Kubernetes release it was built as', async () => {
    const version = await request(endpoint, 'GET', '/version');
    expect(version.status).toBe(200);
    expect(version.body.gitVersion).toBe(endpoint.version);
    expect(KUBE_VERSIONS.map((v) => v.kubernetes)).toContain(endpoint.version);
  });

  test('accepts a valid HostProcess pod', async () => {
    expect(await dryRun(endpoint, hostProcessPod())).toMatchObject({ accepted: true, status: 201 });
  });

  test('refuses hostNetwork: false at its field, in validation.go\'s words', async () => {
    const verdict = await dryRun(endpoint, hostProcessPod({ hostNetwork: false }));
    expect(verdict).toMatchObject({ accepted: false, status: 422, reason: 'Invalid' });
    expect(rejectionsOf(verdict)).toEqual([{
      field: 'spec.hostNetwork',
      message: 'Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers',
    }]);
  });

  test('refuses an unknown field (strict field validation, as kubectl apply sends by default)', async () => {
    const pod = hostProcessPod();
    pod.spec.containers[0].capabilities = { add: ['NET_ADMIN'] };
    const verdict = await dryRun(endpoint, pod);
    expect(verdict).toMatchObject({ accepted: false, status: 400, reason: 'BadRequest' });
    expect(rejectionsOf(verdict)).toEqual([{ field: 'spec.containers[0].capabilities', message: 'unknown field "spec.containers[0].capabilities"' }]);
  });

  test('enforces Pod Security: a baseline namespace refuses a HostProcess pod', async () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'baseline-only', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } };
    expect(await applyNamespace(endpoint, ns)).toMatchObject({ accepted: true });
    const verdict = await dryRun(endpoint, hostProcessPod({}, 'baseline-only'));
    expect(verdict).toMatchObject({ accepted: false, status: 403, reason: 'Forbidden' });
    expect(verdict.message).toContain('violates PodSecurity "baseline:latest"');
  });
});
