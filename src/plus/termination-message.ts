/**
 * How the kubelet fills in a container's termination message (`terminationMessagePolicy`).
 *
 * @see https://kubernetes.io/docs/tasks/debug/debug-application/determine-reason-pod-failure/#customizing-the-termination-message
 */
export enum TerminationMessagePolicy {
  /** Only from the termination message file (`File`, the Kubernetes default). */
  FILE = 'File',
  /** From the file, or from the end of the container's log when the file is empty and the container failed (`FallbackToLogsOnError`). */
  FALLBACK_TO_LOGS_ON_ERROR = 'FallbackToLogsOnError',
}

/**
 * Options for `HostProcessSettings.configureTerminationMessage`.
 */
export interface TerminationMessageOptions {
  /**
   * `terminationMessagePolicy` of the container.
   *
   * @default - not written: the API server's default, `File`
   */
  readonly policy?: TerminationMessagePolicy;

  /**
   * `terminationMessagePath` of the container: the file the container writes its termination
   * message to.
   *
   * @default - not written: the API server's default
   */
  readonly path?: string;
}
