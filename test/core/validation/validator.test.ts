import * as fs from 'fs';
import * as path from 'path';
import { HostProcessValidator, Severity } from 'cdk8s-hostprocess';

describe('HostProcessValidator', () => {
  // The manifest of docs/lint.md's "From code, in any jsii language".
  const manifest = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: {
          securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } },
          containers: [{ name: 'agent', image: 'example.com/agent:1.0' }],
        },
      },
    },
  };
  const expected = 'spec.template.spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers';

  test('validateManifest finds what docs/lint.md says it finds', () => {
    const errors = HostProcessValidator.validateManifest(manifest)
      .filter(f => f.severity === Severity.ERROR)
      .map(f => `${f.field}: ${f.message}`);
    expect(errors).toEqual([expected]);
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'lint.md'), 'utf8');
    expect(readme).toContain(`// errors: [ '${expected}' ]`);
  });

  test('validatePodSpec uses the field path it is given', () => {
    const findings = HostProcessValidator.validatePodSpec(manifest.spec.template.spec, 'spec.jobTemplate.spec.template.spec');
    // The manifest has no nodeSelector either: a warning, at the same prefix.
    expect(findings.map(f => f.field)).toEqual(['spec.jobTemplate.spec.template.spec.hostNetwork', 'spec.jobTemplate.spec.template.spec.nodeSelector']);
  });

  test('isWindowsOrHostProcess', () => {
    expect(HostProcessValidator.isWindowsOrHostProcess(manifest.spec.template.spec)).toBe(true);
    expect(HostProcessValidator.isWindowsOrHostProcess({ containers: [{ name: 'a', image: 'b' }] })).toBe(false);
  });
});
