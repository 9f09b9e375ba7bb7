// The Windows knowledge behind `HostProcessEnv`, as plain strings: no cdk8s-plus here.

/** The file extensions Windows tries when a command is given without one (`PATHEXT`). */
export const PATHEXT = '.COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC;.CPL';

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

/** `PATH` and `PATHEXT` for `HostProcessEnv.windowsPath`; throws on a bad option. */
export function windowsPathValues(options: WindowsPathOptions): { PATH: string; PATHEXT: string } {
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
  return { PATH: [...extra, ...system].join(';'), PATHEXT };
}

/** `KUBERNETES_SERVICE_HOST` and `KUBERNETES_SERVICE_PORT` for `HostProcessEnv.apiServer`; throws on bad input. */
export function apiServerValues(host: string, port: number): { KUBERNETES_SERVICE_HOST: string; KUBERNETES_SERVICE_PORT: string } {
  // One colon is a port (an IPv6 address has several); client-go adds the brackets itself.
  if (host.trim() === '' || /[\s/[\]]/.test(host) || host.split(':').length === 2) {
    throw new Error(
      `HostProcessEnv.apiServer: host: Invalid value: ${JSON.stringify(host)}: ` +
      'give the API server\'s address or DNS name alone, without scheme, port or path');
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`HostProcessEnv.apiServer: port: Invalid value: ${port}: must be between 1 and 65535, inclusive`);
  }
  return { KUBERNETES_SERVICE_HOST: host, KUBERNETES_SERVICE_PORT: String(port) };
}
