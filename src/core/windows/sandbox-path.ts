/** The environment variable the runtime sets to the root of a HostProcess container's image. */
const SANDBOX_VARIABLE = 'CONTAINER_SANDBOX_MOUNT_POINT';

// Characters Windows does not allow in a file name; `:` would also make the path absolute or name
// an alternate data stream.
const INVALID_CHARACTERS = /[<>:"|?*\u0000-\u001f]/;

/**
 * A path inside a HostProcess container's sandbox: the directory where the runtime unpacks the
 * container image, named by the `CONTAINER_SANDBOX_MOUNT_POINT` environment variable
 * (`C:\C\<container id>` on containerd 1.6, `C:\hpc` on containerd 1.7+).
 *
 * A HostProcess container starts in the host's file system, so a file shipped in the image is not
 * at its image path: reach it through the sandbox. The runtime (hcsshim) replaces both
 * renderings, `$env:CONTAINER_SANDBOX_MOUNT_POINT` and `%CONTAINER_SANDBOX_MOUNT_POINT%`, by the
 * real directory in the container's `command`, `args` and `workingDir` before it starts the
 * process, so either works there with any executable; inside a script, use the rendering of the
 * script's language. Environment variable values are not replaced.
 *
 * Separators are written as `\`. A path given with `/` is normalised; `..` segments and absolute
 * paths are rejected, because the result must stay inside the sandbox.
 *
 * @example
 * const start = SandboxPath.of('kube-proxy/start.ps1');
 * const forPowerShell = start.powershell; // $env:CONTAINER_SANDBOX_MOUNT_POINT\kube-proxy\start.ps1
 * const forCmd = start.cmd; // %CONTAINER_SANDBOX_MOUNT_POINT%\kube-proxy\start.ps1
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/#volume-mounts
 */
export class SandboxPath {
  /** The sandbox directory itself. */
  public static readonly ROOT = new SandboxPath([]);

  /**
   * A path relative to the sandbox directory.
   *
   * @param relativePath a relative path with `/` or `\` separators, for example `kube-proxy/start.ps1`;
   * `.` segments and repeated or trailing separators are dropped
   */
  public static of(relativePath: string): SandboxPath {
    return SandboxPath.ROOT.join(relativePath);
  }

  private constructor(private readonly segments: string[]) {}

  /** The path relative to the sandbox, with `\` separators; empty for `ROOT`. */
  public get relativePath(): string {
    return this.segments.join('\\');
  }

  /**
   * The PowerShell rendering: `$env:CONTAINER_SANDBOX_MOUNT_POINT\<path>`. Inside a PowerShell
   * script, put it in double quotes (not single quotes, which do not expand `$env:`) when the path
   * has spaces.
   */
  public get powershell(): string {
    return this.render(`$env:${SANDBOX_VARIABLE}`);
  }

  /** The cmd.exe rendering: `%CONTAINER_SANDBOX_MOUNT_POINT%\<path>`. */
  public get cmd(): string {
    return this.render(`%${SANDBOX_VARIABLE}%`);
  }

  /**
   * A path below this one.
   *
   * @param relativePath a relative path with `/` or `\` separators
   */
  public join(relativePath: string): SandboxPath {
    if (relativePath.trim() === '') {
      throw new Error(`SandboxPath: Invalid value: ${JSON.stringify(relativePath)}: the path is empty (use SandboxPath.ROOT for the sandbox directory itself)`);
    }
    if (/^[\\/]/.test(relativePath) || /^[A-Za-z]:/.test(relativePath)) {
      throw new Error(
        `SandboxPath: Invalid value: ${JSON.stringify(relativePath)}: the path must be relative to the sandbox ` +
        '(remove the leading drive or separator; a host path needs no SandboxPath)');
    }
    const segments = relativePath.split(/[\\/]+/).filter(s => s !== '' && s !== '.');
    if (segments.includes('..')) {
      throw new Error(
        `SandboxPath: Invalid value: ${JSON.stringify(relativePath)}: ".." is not allowed ` +
        '(the path must stay inside the sandbox; use a host path for anything outside it)');
    }
    const invalid = segments.find(s => INVALID_CHARACTERS.test(s));
    if (invalid !== undefined) {
      throw new Error(
        `SandboxPath: Invalid value: ${JSON.stringify(relativePath)}: ${JSON.stringify(invalid)} contains a character ` +
        'Windows does not allow in a path (<>:"|?* or a control character)');
    }
    return new SandboxPath([...this.segments, ...segments]);
  }

  private render(root: string): string {
    return this.segments.length === 0 ? root : `${root}\\${this.relativePath}`;
  }
}
