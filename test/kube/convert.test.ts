// What `convert` relies on the API server for (issue 22), asked of the real test servers.
import { dryRun } from './client';
import { describeEachServer } from './servers';

describeEachServer('convert', (endpoint) => {
  // src/core/convert/workload.ts historyWithTtl: kplus refuses these together, the API server does not.
  test('a CronJob with job history limits and the job\'s ttlSecondsAfterFinished is accepted', async () => {
    const verdict = await dryRun(endpoint, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'cleanup', namespace: 'kube-system' },
      spec: {
        schedule: '0 * * * *',
        successfulJobsHistoryLimit: 2,
        failedJobsHistoryLimit: 0,
        jobTemplate: {
          spec: {
            ttlSecondsAfterFinished: 100,
            template: {
              spec: {
                os: { name: 'windows' },
                hostNetwork: true,
                restartPolicy: 'Never',
                securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } },
                containers: [{ name: 'c', image: 'example.com/c:1.0' }],
              },
            },
          },
        },
      },
    });
    expect(verdict).toEqual(expect.objectContaining({ accepted: true }));
  });
});
