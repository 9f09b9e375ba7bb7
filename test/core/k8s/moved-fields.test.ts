import { reportedField } from '../../../src/core/k8s/moved-fields';

describe('where a release reports the errors of a field the lint names', () => {
  const RULE = 'share-process-namespace-host-pid';
  test.each<[string, string, string, string, string, string]>([
    ['1.37 reports the pod spec\'s own field', RULE, 'spec.shareProcessNamespace', 'spec', 'v1.37.2', 'spec.shareProcessNamespace'],
    ['1.36 reports it under the securityContext', RULE, 'spec.shareProcessNamespace', 'spec', 'v1.36.1', 'spec.securityContext.shareProcessNamespace'],
    ['1.30, in a template', RULE, 'spec.template.spec.shareProcessNamespace', 'spec.template.spec', 'v1.30.14',
      'spec.template.spec.securityContext.shareProcessNamespace'],
    ['another rule\'s error at the same field keeps its path', 'windows-pod-forbidden-field', 'spec.shareProcessNamespace', 'spec', 'v1.30.14',
      'spec.shareProcessNamespace'],
    ['a field that did not move', RULE, 'spec.hostPID', 'spec', 'v1.30.14', 'spec.hostPID'],
    ['a field under the moved one\'s name elsewhere', RULE, 'spec.containers[0].shareProcessNamespace', 'spec', 'v1.30.14',
      'spec.containers[0].shareProcessNamespace'],
  ])('%s', (_name, rule, field, podSpecPath, version, expected) => {
    expect(reportedField(rule, field, podSpecPath, version)).toBe(expected);
  });
});
