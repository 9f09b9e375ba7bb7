import { IConstruct } from 'constructs';

const fatal = new WeakSet<IConstruct>();

/** What a warning made fatal says after the finding. */
export const FATAL = '(a warning, made an error by HostProcessWarnings.failSynth; acknowledge it with workload.hostProcess.acknowledge(ruleId, reason) if it does not apply)';

/**
 * How the HostProcess constructs of an app report their synth-time warnings. By default a warning
 * is printed (once) and synth goes on; an acknowledged one
 * (`workload.hostProcess.acknowledge(ruleId, reason)`) is silent.
 */
export class HostProcessWarnings {
  /**
   * Makes every synth-time warning of the HostProcess constructs in `scope`'s app an error that
   * fails synth, unless it is acknowledged: for CI, where a printed warning goes unread. Call it
   * once, on the app or any construct in it, at any time before synth.
   *
   * @param scope the app, or any construct in it
   */
  public static failSynth(scope: IConstruct): void {
    fatal.add(scope.node.root);
  }

  private constructor() {}
}

/** Whether `construct`'s app makes warnings fatal (`HostProcessWarnings.failSynth`). */
export function failsOnWarnings(construct: IConstruct): boolean {
  return fatal.has(construct.node.root);
}
