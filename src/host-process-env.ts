import * as kplus from 'cdk8s-plus-27';

/**
 * Options for `HostProcessEnv.windowsPath`.
 */
export interface WindowsPathOptions {
  /**
   * The node's Windows directory.
   *
   * @default 'C:\\Windows'
   */
  readonly systemRoot?: string;

  /**
   * Directories to search before the system directories, as literal host paths.
   *
   * @default - only the system directories
   */
  readonly prepend?: string[];
}

/**
 * Environment variable presets for HostProcess containers: each returns a map for a container's
 * `envVariables`, to use as it is or merged with other variables.
 *
 * @example
 * new HostProcessDaemonSet(chart, 'cni', {
 *   containers: [{
 *     image: 'example.com/cni-agent:1.0',
 *     envVariables: HostProcessEnv.apiServer('10.0.0.1', 6443),
 *   }],
 * });
 */
export class HostProcessEnv {
  /**
   * The file extensions Windows tries when a command is given without one (`PATHEXT`).
   */
  public static readonly PATHEXT = '.COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC;.CPL';

  /**
   * `PATH` and `PATHEXT` with the standard Windows system directories, for images whose `PATH`
   * has only `system32` or none at all (the variables from the image replace the host's, so a
   * command such as `powershell` or `wmic` is then "not recognized").
   *
   * `PATH` is `C:\Windows\system32;C:\Windows;C:\Windows\System32\Wbem;C:\Windows\System32\WindowsPowerShell\v1.0\`,
   * written as literal paths: Kubernetes does not expand `%SystemRoot%` in env values, and Windows
   * does not expand it in a process's `PATH`, so the process would search a directory literally
   * named `%SystemRoot%\system32`. Give `systemRoot` if Windows is not in `C:\Windows` on your nodes.
   *
   * @param options the Windows directory and extra directories
   * @see https://github.com/microsoft/Windows-Containers/issues/371
   */
  public static windowsPath(options: WindowsPathOptions = {}): { [name: string]: kplus.EnvValue } {
    const root = (options.systemRoot ?? 'C:\\Windows').replace(/[\\/]+$/, '');
    if (root === '' || root.includes(';')) {
      throw new Error(
        `HostProcessEnv.windowsPath: systemRoot: Invalid value: ${JSON.stringify(options.systemRoot)}: ` +
        'give the Windows directory as a host path, for example C:\\Windows');
    }
    const extra = options.prepend ?? [];
    const bad = extra.find(d => d.trim() === '' || d.includes(';'));
    if (bad !== undefined) {
      throw new Error(
        `HostProcessEnv.windowsPath: prepend: Invalid value: ${JSON.stringify(bad)}: ` +
        'each entry must be one non-empty directory without ";"');
    }
    const system = [`${root}\\system32`, root, `${root}\\System32\\Wbem`, `${root}\\System32\\WindowsPowerShell\\v1.0\\`];
    return {
      PATH: kplus.EnvValue.fromValue([...extra, ...system].join(';')),
      PATHEXT: kplus.EnvValue.fromValue(HostProcessEnv.PATHEXT),
    };
  }

  /**
   * `KUBERNETES_SERVICE_HOST` and `KUBERNETES_SERVICE_PORT` pointing at the API server directly.
   * In-cluster clients (client-go's `InClusterConfig`) read them; the kubelet sets them to the
   * `kubernetes` Service's virtual IP, which a CNI plugin or kube-proxy on Windows cannot reach
   * before it has set up the service network itself.
   *
   * @param host the API server's address or DNS name, reachable from the node
   * @param port the API server's secure port (often 6443 or 443)
   */
  public static apiServer(host: string, port: number): { [name: string]: kplus.EnvValue } {
    // One colon is a port (an IPv6 address has several); client-go adds the brackets itself.
    if (host.trim() === '' || /[\s/[\]]/.test(host) || host.split(':').length === 2) {
      throw new Error(
        `HostProcessEnv.apiServer: host: Invalid value: ${JSON.stringify(host)}: ` +
        'give the API server\'s address or DNS name alone, without scheme, port or path');
    }
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`HostProcessEnv.apiServer: port: Invalid value: ${port}: must be between 1 and 65535, inclusive`);
    }
    return {
      KUBERNETES_SERVICE_HOST: kplus.EnvValue.fromValue(host),
      KUBERNETES_SERVICE_PORT: kplus.EnvValue.fromValue(String(port)),
    };
  }

  private constructor() {}
}
