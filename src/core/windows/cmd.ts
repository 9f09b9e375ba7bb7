import { KubernetesExpansion } from './kubernetes-expansion';

/**
 * Options for `Cmd.run`.
 */
export interface CmdOptions {
  /**
   * Whether to escape Kubernetes' `$(VAR)` expansion in the command line, so that cmd.exe sees it
   * exactly as written.
   *
   * @default false
   * @see KubernetesExpansion
   */
  readonly escapeKubernetesExpansion?: boolean;
}

/**
 * Builds `cmd.exe` invocations for a container's `command`.
 */
export class Cmd {
  /**
   * Runs a command line with cmd.exe: `cmd.exe /c <commandLine>`. cmd.exe expands `%VAR%` and
   * interprets `&`, `|`, `<`, `>` and `^` in it.
   *
   * The command line must not contain double quotes: the container runtime escapes them as `\"`
   * when it builds the Windows command line, and cmd.exe does not understand that escape. Put such
   * a command in a script file, or use `PowerShell.command` with `PowerShell.quote`.
   *
   * @example
   * // An idle container that keeps an installer pod running.
 * const idle = Cmd.run('ping -t localhost > NUL');
   *
   * @param commandLine the command line cmd.exe runs
   * @param options escaping
   */
  public static run(commandLine: string, options: CmdOptions = {}): string[] {
    if (commandLine.trim() === '') {
      throw new Error(`Cmd.run: Invalid value: ${JSON.stringify(commandLine)}: the command line is empty (give the command cmd.exe runs)`);
    }
    if (commandLine.includes('"')) {
      throw new Error(
        `Cmd.run: Invalid value: ${JSON.stringify(commandLine)}: a double quote does not reach cmd.exe intact ` +
        '(the runtime escapes it as \\", which cmd.exe does not understand; put the command in a script file, ' +
        'or use PowerShell.command with PowerShell.quote)');
    }
    const line = options.escapeKubernetesExpansion ? KubernetesExpansion.escape(commandLine) : commandLine;
    return ['cmd.exe', '/c', line];
  }

  private constructor() {}
}
