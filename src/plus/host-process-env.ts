import * as kplus from './kplus';
import { PATHEXT, WindowsPathOptions, apiServerValues, windowsPathValues } from '../core/windows/env';

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
  public static readonly PATHEXT = PATHEXT;

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
    return envValues(windowsPathValues(options));
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
    return envValues(apiServerValues(host, port));
  }

  private constructor() {}
}

function envValues(values: { [name: string]: string }): { [name: string]: kplus.EnvValue } {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, kplus.EnvValue.fromValue(v)]));
}
