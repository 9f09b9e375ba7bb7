import { ApiObject, Testing } from 'cdk8s';
import { expectStrictlyValid, strictSchemaErrors } from './strict-schema';

function daemonSet(podSpec: any = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system', labels: { app: 'agent' } },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: {
          hostNetwork: true,
          os: { name: 'windows' },
          securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } },
          containers: [{
            name: 'agent',
            image: 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022',
            ports: [{ containerPort: 9182, hostPort: 9182 }],
            readinessProbe: { httpGet: { path: '/health', port: 9182 } },
            resources: { requests: { cpu: '100m', memory: 128974848 } },
          }],
          ...podSpec,
        },
      },
    },
  };
}

describe('strictSchemaErrors', () => {
  test('a valid DaemonSet passes (IntOrString, quantities as strings and numbers)', () => {
    expect(strictSchemaErrors(daemonSet())).toEqual([]);
    expect(() => expectStrictlyValid([daemonSet()])).not.toThrow();
  });

  test('an unknown field fails, named with its path, as strict decoding does', () => {
    const manifest = daemonSet({ hostProcess: true });
    manifest.spec.template.spec.containers[0].securityContext = { windowsOptions: { hostprocess: true } };
    expect(strictSchemaErrors(manifest)).toEqual([
      'DaemonSet/agent: unknown field "spec.template.spec.containers[0].securityContext.windowsOptions.hostprocess"',
      'DaemonSet/agent: unknown field "spec.template.spec.hostProcess"',
    ]);
    expect(() => expectStrictlyValid([manifest]))
      .toThrow('manifests are not strictly valid:\n  DaemonSet/agent: unknown field "spec.template.spec.containers[0]');
  });

  test('a wrong type, a missing required field and a value outside an enum fail', () => {
    const manifest = daemonSet({ hostNetwork: 'true', restartPolicy: 'Sometimes' });
    delete manifest.spec.template.spec.containers[0].name;
    expect(strictSchemaErrors(manifest)).toEqual([
      'DaemonSet/agent: data/spec/template/spec/containers/0 must have required property name',
      'DaemonSet/agent: data/spec/template/spec/hostNetwork must be boolean',
      'DaemonSet/agent: data/spec/template/spec/restartPolicy must be equal to one of the allowed values',
    ]);
  });

  test('a list where an object is expected fails', () => {
    expect(strictSchemaErrors(daemonSet({ securityContext: [] }))).toContain('DaemonSet/agent: spec.template.spec.securityContext: expected an object (V1PodSecurityContext)');
  });

  test('an unknown kind fails', () => {
    expect(strictSchemaErrors({ apiVersion: 'apps/v1', kind: 'Agent', metadata: { name: 'a' } }))
      .toEqual(['Agent/a: no schema for apps/v1 Agent']);
  });
});

describe('the jest setup (strict-synth.ts)', () => {
  test('checks every manifest Testing.synth returns', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, dat: { a: 'b' } });
    expect(() => Testing.synth(chart)).toThrow('ConfigMap/cm: unknown field "dat"');
  });
});
