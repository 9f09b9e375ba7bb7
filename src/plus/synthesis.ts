// Which synthesis a validation pass belongs to, so that the synth-time checks run once per synth.
//
// cdk8s validates the whole app at the start of `app.synth()` and `app.synthYaml()`, then again,
// from `App._synthChart`, for every chart it writes (`validate(app, cache)` in
// cdk8s lib/app.js@2.70.0, `synth`, `synthYaml` and `_synthChart`; `Chart.toJson` in
// lib/chart.js): an app of K charts is validated K + 1 times per synth, with nothing but cdk8s'
// own code between the passes. A pass that `_synthChart` starts for a chart that `app.synth()` or
// `app.synthYaml()` is writing therefore continues the pass before it, and the checks may give the
// same answer without running again. Every other pass starts a new synthesis: the first one of an
// app synth, `chart.toJson()` or `Testing.synth()` called from user code (which may have changed
// the app since), and `node.validate()` called by hand. When the call stack does not show the
// frames above (another cdk8s, a Chart subclass that overrides `toJson`), every pass is a new
// synthesis: slower, never less checked.
import { IConstruct } from 'constructs';

/** A validation pass of an app: the synthesis it belongs to, and the pass. */
export interface Pass {
  /** Counts the app's syntheses: passes of one synthesis share it. */
  readonly synthesis: number;
  /** Counts the app's passes: every pass that starts at the app's root has its own. */
  readonly pass: number;
  /**
   * Whether `App._synthChart` started the pass to write a chart for `App.synth` or
   * `App.synthYaml`, continuing the synthesis of the pass before it, which therefore succeeded;
   * cdk8s writes the chart's objects right after it (`validate(app, cache)` then
   * `chartToKube(chart).map(obj => obj.toJson())` in `App._synthChart`, cdk8s lib/app.js@2.70.0).
   */
  readonly continues: boolean;
}

/** The pass an app's validation is in: a new object per pass, so that a check may keep it. */
interface AppPasses {
  current: Pass;
}

const apps = new WeakMap<IConstruct, AppPasses>();

/**
 * Starts counting the passes of `construct`'s app, if not yet counted: registers a validation on
 * its root, which cdk8s runs first in each pass (it validates the constructs of the app in
 * preorder). Call it when the construct is created, before any pass of its app.
 */
export function countPasses(construct: IConstruct): void {
  currentPass(construct);
}

/** The pass of `construct`'s app that is validating it (see `countPasses`). */
export function currentPass(construct: IConstruct): Pass {
  const root = construct.node.root;
  let passes = apps.get(root);
  if (passes === undefined) {
    const registered: AppPasses = { current: { synthesis: 0, pass: 0, continues: false } };
    root.node.addValidation({
      validate: () => {
        const before = registered.current;
        const continues = continuesSynthesis();
        registered.current = { synthesis: continues ? before.synthesis : before.synthesis + 1, pass: before.pass + 1, continues };
        return [];
      },
    });
    apps.set(root, registered);
    passes = registered;
  }
  return passes.current;
}

/**
 * Whether a check made in pass `checked` still holds in pass `now`: the same synthesis, and a
 * later pass of it. The same pass again (`node.validate()` by hand, twice) checks again.
 */
export function stillHolds(checked: Pass | undefined, now: Pass): boolean {
  return checked !== undefined && checked.synthesis === now.synthesis && now.pass > checked.pass;
}

const APP_JS = /[\\/]cdk8s[\\/]lib[\\/]app\.js$/;
const CHART_JS = /[\\/]cdk8s[\\/]lib[\\/]chart\.js$/;

/**
 * Whether the running validation pass was started by `App._synthChart` for `Chart.toJson` called
 * by `App.synth` or `App.synthYaml`, read from structured call sites (the V8 stack trace API), not
 * from the formatted stack, which source maps and test runners rewrite.
 */
function continuesSynthesis(): boolean {
  const sites = callSites(12);
  const i = sites.findIndex(s => s.getFunctionName() === '_synthChart' && APP_JS.test(s.getFileName() ?? ''));
  if (i < 0 || i + 2 >= sites.length) {
    return false;
  }
  const chart = sites[i + 1];
  const app = sites[i + 2];
  return chart.getFunctionName() === 'toJson' && CHART_JS.test(chart.getFileName() ?? '')
    && ['synth', 'synthYaml'].includes(app.getFunctionName() ?? '') && APP_JS.test(app.getFileName() ?? '');
}

interface CallSite {
  getFunctionName(): string | null;
  getFileName(): string | undefined | null;
}

function callSites(limit: number): CallSite[] {
  const errorType = Error as unknown as {
    prepareStackTrace?: (error: Error, sites: CallSite[]) => unknown;
    stackTraceLimit: number;
  };
  const prepare = errorType.prepareStackTrace;
  const stackLimit = errorType.stackTraceLimit;
  try {
    errorType.prepareStackTrace = (_error, sites) => sites;
    errorType.stackTraceLimit = limit;
    const sites: unknown = new Error().stack;
    return Array.isArray(sites) ? sites : [];
  } catch {
    return [];
  } finally {
    errorType.prepareStackTrace = prepare;
    errorType.stackTraceLimit = stackLimit;
  }
}
