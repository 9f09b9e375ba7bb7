/**
 * A Windows Server build, selected with the node label `node.kubernetes.io/windows-build`.
 *
 * HostProcess containers do not need the image to match the host build; pin a build only when
 * the agent itself depends on it (drivers, device plugins).
 *
 * @see https://kubernetes.io/docs/reference/labels-annotations-taints/#nodekubernetesiowindows-build
 */
export class WindowsBuild {
  /** The node label that carries the build. */
  public static readonly LABEL = 'node.kubernetes.io/windows-build';

  /** Windows Server 2019 (LTSC), build 10.0.17763. */
  public static readonly LTSC2019 = new WindowsBuild('10.0.17763');

  /** Windows Server 2022 (LTSC), build 10.0.20348. */
  public static readonly LTSC2022 = new WindowsBuild('10.0.20348');

  /** Windows Server 2025 (LTSC), build 10.0.26100. */
  public static readonly LTSC2025 = new WindowsBuild('10.0.26100');

  /**
   * Any build, as the kubelet writes it in the label: `major.minor.build` (for example `10.0.20348`).
   *
   * @param build the label value
   */
  public static of(build: string): WindowsBuild {
    if (!/^\d+\.\d+\.\d+$/.test(build)) {
      throw new Error(
        `WindowsBuild.of: nodeSelector["${WindowsBuild.LABEL}"]: Invalid value: ${JSON.stringify(build)}: ` +
        'the kubelet labels nodes with major.minor.build (for example "10.0.20348"); use that form',
      );
    }
    return new WindowsBuild(build);
  }

  private constructor(
    /** The value of the `node.kubernetes.io/windows-build` label. */
    public readonly buildNumber: string,
  ) {}
}
