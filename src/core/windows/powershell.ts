import { KubernetesExpansion } from './kubernetes-expansion';
import { SandboxPath } from './sandbox-path';

/**
 * Options for the `PowerShell` command builders.
 */
export interface PowerShellOptions {
  /**
   * The PowerShell executable. `powershell.exe` (Windows PowerShell 5.1) is on every Windows
   * node's PATH; `pwsh.exe` (PowerShell 7) only where it was installed or the image ships it.
   *
   * @default PowerShell.WINDOWS_POWERSHELL
   */
  readonly executable?: string;

  /**
   * Whether to add `-NoLogo -NonInteractive -ExecutionPolicy Bypass`: no banner, no prompt that
   * would hang an agent forever, and no execution policy of the node blocking the script.
   *
   * @default true
   */
  readonly unattended?: boolean;

  /**
   * Whether to escape Kubernetes' `$(VAR)` expansion in the script (or script path) and arguments,
   * so that the process sees them exactly as written. Leave it off to use `$(VAR)` references on
   * purpose; turn it on when a script contains `$$` or a `$(...)` that could name a variable.
   *
   * @default false
   * @see KubernetesExpansion
   */
  readonly escapeKubernetesExpansion?: boolean;
}

/**
 * Builds `powershell.exe` invocations for a container's `command`.
 *
 * Kubernetes passes `command` and `args` as a list; on Windows the runtime joins the list into one
 * command line with the standard Windows quoting (an element with a space or a double quote is put
 * in double quotes and its double quotes escaped as `\"`), and PowerShell splits it again. So each
 * element arrives as one argument, spaces, double quotes and backslashes included, and needs no
 * quoting of its own. Within a `-Command` script, quote values with `PowerShell.quote`.
 *
 * @example
 * new HostProcessDaemonSet(chart, 'agent', {
 *   containers: [{
 *     image: 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0',
 *     command: PowerShell.sandboxFile(SandboxPath.of('agent/start.ps1'), ['-LogLevel', 'info']),
 *   }],
 * });
 */
export class PowerShell {
  /** Windows PowerShell 5.1, present on every Windows node. */
  public static readonly WINDOWS_POWERSHELL = 'powershell.exe';

  /** PowerShell 7; must be installed on the node or shipped in the image (then give its sandbox path). */
  public static readonly PWSH = 'pwsh.exe';

  /**
   * Runs a script given inline: `powershell.exe -NoLogo -NonInteractive -ExecutionPolicy Bypass -Command <script>`.
   *
   * @param script the PowerShell script; statements may be separated by `;` or newlines
   * @param options the executable, flags and escaping
   */
  public static command(script: string, options: PowerShellOptions = {}): string[] {
    if (script.trim() === '') {
      throw new Error(`PowerShell.command: Invalid value: ${JSON.stringify(script)}: the script is empty (give the PowerShell code to run)`);
    }
    return [...PowerShell.prefix(options), '-Command', PowerShell.escape(script, options)];
  }

  /**
   * Runs a script file: `powershell.exe -NoLogo -NonInteractive -ExecutionPolicy Bypass -File <path> <args...>`.
   * Each argument is bound to a script parameter as is; PowerShell does not evaluate it.
   *
   * @param path the script's path on the host, or a path the runtime resolves (see `sandboxFile`)
   * @param args arguments for the script
   * @param options the executable, flags and escaping
   */
  public static file(path: string, args: string[] = [], options: PowerShellOptions = {}): string[] {
    if (path.trim() === '') {
      throw new Error(`PowerShell.file: Invalid value: ${JSON.stringify(path)}: the script path is empty (give the .ps1 file to run)`);
    }
    return [...PowerShell.prefix(options), '-File', ...[path, ...args].map(a => PowerShell.escape(a, options))];
  }

  /**
   * Runs a script file shipped in the container image:
   * `powershell.exe ... -File $env:CONTAINER_SANDBOX_MOUNT_POINT\<path> <args...>`.
   *
   * @param path the script's path inside the sandbox
   * @param args arguments for the script
   * @param options the executable, flags and escaping
   */
  public static sandboxFile(path: SandboxPath, args: string[] = [], options: PowerShellOptions = {}): string[] {
    return PowerShell.file(path.powershell, args, options);
  }

  /**
   * A PowerShell single-quoted string literal of `value`, for use inside a `-Command` script.
   *
   * In a single-quoted string PowerShell expands nothing: spaces, double quotes, backslashes, `$`
   * and backticks are literal. Only the single quote needs escaping, by doubling it; PowerShell also
   * treats the typographic quotes U+2018, U+2019, U+201A and U+201B as single quotes, so they are
   * doubled too. Kubernetes' `$(VAR)` expansion still applies to the whole script (see
   * `KubernetesExpansion`).
   *
   * @example
   * PowerShell.command(`New-Item -ItemType Directory -Force -Path ${PowerShell.quote('C:\\Program Files\\agent')}`);
   *
   * @param value the literal text
   */
  public static quote(value: string): string {
    return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, q => q + q)}'`;
  }

  private static prefix(options: PowerShellOptions): string[] {
    const executable = options.executable ?? PowerShell.WINDOWS_POWERSHELL;
    if (executable.trim() === '') {
      throw new Error(`PowerShell: executable: Invalid value: ${JSON.stringify(executable)}: the executable is empty (use PowerShell.WINDOWS_POWERSHELL or PowerShell.PWSH)`);
    }
    const flags = (options.unattended ?? true) ? ['-NoLogo', '-NonInteractive', '-ExecutionPolicy', 'Bypass'] : [];
    return [executable, ...flags];
  }

  private static escape(value: string, options: PowerShellOptions): string {
    return options.escapeKubernetesExpansion ? KubernetesExpansion.escape(value) : value;
  }

  private constructor() {}
}
