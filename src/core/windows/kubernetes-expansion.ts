/**
 * Kubernetes' own `$(VAR)` expansion in a container's `command`, `args` and env values.
 *
 * Before the container starts, the kubelet replaces `$(NAME)` by the value of the container's
 * environment variable `NAME` (including the service variables such as
 * `KUBERNETES_SERVICE_HOST`) and leaves a reference to an unknown variable as written. `$$` always
 * becomes `$`, so `$$(NAME)` yields the literal text `$(NAME)`. This happens before Windows,
 * cmd.exe or PowerShell see the string, and no quoting of theirs prevents it: a PowerShell
 * subexpression such as `$(Get-Date)` is safe only because no variable is named `Get-Date`, and a
 * `$$` in a script becomes `$`. `workingDir` is not expanded.
 *
 * @see https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/
 */
export class KubernetesExpansion {
  /**
   * Escapes `value` so that Kubernetes passes it through unchanged: every `$` is doubled, so
   * `$(NAME)` stays `$(NAME)` and `$$` stays `$$`.
   *
   * @param value the literal text the process should see
   */
  public static escape(value: string): string {
    return value.replace(/\$/g, '$$$$');
  }

  /**
   * A reference that Kubernetes replaces by the value of the container's environment variable
   * `name`: `$(name)`.
   *
   * @param name the environment variable's name
   */
  public static reference(name: string): string {
    if (name === '' || /[()$]/.test(name)) {
      throw new Error(
        `KubernetesExpansion.reference: Invalid value: ${JSON.stringify(name)}: ` +
        'an environment variable name must be non-empty and contain no "(", ")" or "$"');
    }
    return `$(${name})`;
  }

  private constructor() {}
}
