/**
 * Which HostProcess containers `HostProcessAdmissionPolicy` lets choose their own commands: set
 * `command` or `args`, or run an exec probe (`livenessProbe`, `readinessProbe`, `startupProbe`) or
 * a lifecycle exec hook (`postStart`, `preStop`).
 *
 * An approved image bounds what a HostProcess container runs only when the container cannot choose
 * its command: a HostProcess container runs on the host, where every binary of the node (such as
 * `powershell.exe`) is at hand, whatever its image holds (the HostProcess base image holds nothing
 * at all). With a command, an approved image runs anything as its account.
 */
export class AdmissionCommands {
  /**
   * No HostProcess container may choose its command: each runs its image's entrypoint, with the
   * image's arguments, and has no exec probe or hook. The default.
   */
  public static readonly REFUSE = new AdmissionCommands([]);

  /**
   * Any HostProcess container may choose its command (not checked): the approved images then bound
   * nothing for images with a shell or none of their own, such as the HostProcess base image.
   */
  public static readonly ALLOW = new AdmissionCommands(undefined);

  /**
   * Only HostProcess containers of these images may choose their command. Prefixes are written and
   * matched as `imagePrefixes` are (each ends with `/`, `:` or `@`; Docker Hub names normalized), and
   * should name single repositories: each of them can run anything its account can.
   */
  public static forImages(imagePrefixes: string[]): AdmissionCommands {
    return new AdmissionCommands([...imagePrefixes]);
  }

  private constructor(private readonly prefixes: readonly string[] | undefined) {}

  /**
   * The image prefixes whose containers may choose their command (a copy): empty for `REFUSE`,
   * undefined for `ALLOW`.
   */
  public get imagePrefixes(): string[] | undefined {
    return this.prefixes === undefined ? undefined : [...this.prefixes];
  }
}
