import { errors, hostProcessSpec, lines } from './helpers';

describe('validatePodSpec', () => {
  test('a correct HostProcess pod spec has no findings', () => {
    expect(lines(hostProcessSpec())).toEqual([]);
  });

  test.each([
    ['a Pod', 'spec'],
    ['a Deployment, DaemonSet, StatefulSet, ReplicaSet or Job', 'spec.template.spec'],
    ['a CronJob', 'spec.jobTemplate.spec.template.spec'],
  ])('field paths start with where the pod spec sits in %s', (_name, prefix) => {
    const spec = hostProcessSpec({ hostNetwork: false, securityContext: { windowsOptions: { hostProcess: true, runAsUserName: '\\user' } } });
    expect(errors(spec, prefix)).toEqual([
      `${prefix}.securityContext.windowsOptions.runAsUserName: Invalid value: "\\\\user": runAsUserName's Domain doesn't match the NetBios nor the DNS format`,
      `${prefix}.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers`,
    ]);
  });

  test('reports every problem at once, in the order Kubernetes does (rule 15), library rules last', () => {
    const spec = {
      os: { name: 'windows' },
      hostNetwork: true,
      securityContext: { runAsNonRoot: true, runAsUser: 0, windowsOptions: { hostProcess: true, runAsUserName: '' } },
      containers: [
        { name: 'a', image: 'img', ports: [{ containerPort: 80, hostPort: 81 }], securityContext: { privileged: true, windowsOptions: { runAsUserName: 'a\\b\\c' } } },
        { name: 'b', image: 'img', securityContext: { windowsOptions: { hostProcess: false } } },
      ],
    };
    expect(errors(spec, 'spec.template.spec').map(l => l.slice(0, l.indexOf(':', l.indexOf(': ') + 2)))).toEqual([
      'spec.template.spec.containers[0].securityContext.windowsOptions.runAsUserName: Invalid value',
      'spec.template.spec.containers[0].ports[0].hostPort: Invalid value',
      'spec.template.spec.securityContext.windowsOptions.runAsUserName: Invalid value',
      'spec.template.spec.containers[1].securityContext.windowsOptions.hostProcess: Invalid value',
      'spec.template.spec: Invalid value',
      'spec.template.spec.securityContext.runAsUser: Forbidden',
      'spec.template.spec.containers[0].securityContext.privileged: Forbidden',
      'spec.template.spec.securityContext.runAsNonRoot: Invalid value',
    ]);
  });

  test('anything but an object has no findings', () => {
    expect(lines(undefined)).toEqual([]);
    expect(lines('spec')).toEqual([]);
  });
});
