import { WindowsBuild } from 'cdk8s-hostprocess';

describe('WindowsBuild', () => {
  test.each([
    [WindowsBuild.LTSC2019, '10.0.17763'],
    [WindowsBuild.LTSC2022, '10.0.20348'],
    [WindowsBuild.LTSC2025, '10.0.26100'],
    [WindowsBuild.of('10.0.25398'), '10.0.25398'],
  ])('%# selects build %s', (build, expected) => {
    expect(build.buildNumber).toBe(expected);
  });

  test.each(['', 'ltsc2022', '10.0', '10.0.20348.1'])('of(%j) is rejected', (value) => {
    expect(() => WindowsBuild.of(value)).toThrow(
      `WindowsBuild.of: nodeSelector["node.kubernetes.io/windows-build"]: Invalid value: ${JSON.stringify(value)}: ` +
      'the kubelet labels nodes with major.minor.build');
  });
});
