// One measurement per process: `node synth-worker.js <mode> [variant] [n]`, one JSON line out.
//   synth <variant> <n>   construct + app.synthYaml() time and peak memory
//   validation <n>        HostProcessDaemonSets with every node validation timed, split into the
//                         Pod Security namespace check, the rules (rules engine and intent checks)
//                         and the rest (building the pod spec to check)
//   check                 the raw variant's pod spec equals what HostProcessDaemonSet writes
//   inprocess <n> <k> <gc>  HostProcessDaemonSet and kplus.DaemonSet in this one process: k rounds,
//                         each synthesizing fresh apps of n HostProcessDaemonSets and of n
//                         kplus.DaemonSets, each twice (the same code twice: the noise of a ratio
//                         here), in a rotating order after one round not counted (warm-up); CPU
//                         time of construct + app.synthYaml() per app. Before each app, <gc>:
//                         `scavenge` (a young-generation GC: the code stays optimized) or `full`
//                         (a forced full GC, after which V8 optimizes the code again)
import { isDeepStrictEqual } from 'util';
import { Node } from 'constructs';
import { build, Variant } from './scenarios';

const gc: (options?: { type: 'minor' }) => void = (global as any).gc ?? (() => undefined);

function synth(variant: Variant, n: number) {
  gc();
  const rssBefore = process.memoryUsage().rss;
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  const t0 = performance.now();
  const app = build(variant, n);
  const t1 = performance.now();
  const yaml = app.synthYaml();
  const t2 = performance.now();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  return {
    constructMs: t1 - t0,
    synthMs: t2 - t1,
    totalMs: t2 - t0,
    yamlBytes: yaml.length,
    rssBefore,
    peakRss,
    // The kernel's high-water mark: exact, unlike sampling. If the process had already been
    // larger before the workload, the growth is a lower bound (reported so that it can be seen).
    peakRssGrowth: peakRss - rssBefore,
    peakBeforeWorkload: maxRssBefore > rssBefore,
  };
}

// Wraps `name` of a compiled library module (called through its exports, as TypeScript's
// CommonJS output does) to add its time to `timer`. A missing module or function is skipped, so
// the breakdown degrades instead of failing when the library is reorganized.
function timeExport(module: string, name: string, timer: { ms: number; calls: number }, around?: () => () => void): void {
  let exports: any;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exports = require(module);
  } catch {
    return;
  }
  const fn = exports[name];
  if (typeof fn !== 'function') return;
  exports[name] = function (this: unknown, ...args: unknown[]) {
    const done = around?.();
    const t = performance.now();
    try {
      return fn.apply(this, args);
    } finally {
      timer.ms += performance.now() - t;
      timer.calls++;
      done?.();
    }
  };
}

function validation(n: number) {
  // Every validation registered from here on is timed; kplus registers none on DaemonSets, so
  // all of it is the library's: one per HostProcess workload, which builds the pod spec, runs the
  // intent checks and the rules engine on it, then the Pod Security namespace check.
  const all = { ms: 0, calls: 0 };
  const podSecurity = { ms: 0, calls: 0 };
  const engine = { ms: 0, calls: 0 };
  const intent = { ms: 0, calls: 0 };
  const addValidation = Node.prototype.addValidation;
  Node.prototype.addValidation = function (this: Node, v) {
    addValidation.call(this, {
      validate: () => {
        const t = performance.now();
        try {
          return v.validate();
        } finally {
          all.ms += performance.now() - t;
          all.calls++;
        }
      },
    });
  };
  // Within the workloads' validations: the Pod Security namespace check (one function the
  // HostProcess check calls), the rules engine and the intent checks.
  timeExport('cdk8s-hostprocess/lib/plus/pod-security-check', 'podSecurityErrors', podSecurity);
  timeExport('cdk8s-hostprocess/lib/core/validation/pod-spec-rules', 'validatePodSpec', engine);
  timeExport('cdk8s-hostprocess/lib/plus/intent', 'intentFindings', intent);

  const t0 = performance.now();
  const app = build('hostprocess', n);
  const t1 = performance.now();
  [all, podSecurity, engine, intent].forEach(x => { x.ms = 0; x.calls = 0; });
  app.synthYaml();
  const t2 = performance.now();
  return {
    constructMs: t1 - t0,
    synthMs: t2 - t1,
    totalMs: t2 - t0,
    validationMs: all.ms,
    validationCalls: all.calls,
    podSecurityMs: podSecurity.ms,
    rulesMs: engine.ms + intent.ms,
    engineCalls: engine.calls,
  };
}

function check() {
  const spec = (variant: Variant) => {
    const [ds] = build(variant, 1).charts[0].toJson();
    const podSpec = ds.spec.template.spec;
    return { podSpec, rest: { ...ds.spec, template: undefined, selector: undefined } };
  };
  const hp = spec('hostprocess');
  const raw = spec('raw');
  const equal = isDeepStrictEqual(hp.podSpec, raw.podSpec) && isDeepStrictEqual(hp.rest, raw.rest);
  return { equal, hostprocess: hp, raw };
}

/**
 * The apps `inProcess` synthesizes in each round: each app twice, so that the two pairs give two
 * ratios and each app against itself gives the noise. As many of one as of the other: the cdk8s and
 * kplus code both run is optimized for the objects it sees most, so an app outnumbered two to one
 * in a process measured about 3% slower against the other than when it outnumbered it
 * (docs/performance.md, "Where synth's time goes").
 */
const IN_PROCESS = ['hostprocess', 'kplus', 'hostprocessAgain', 'kplusAgain'] as const;

/**
 * How `inProcess` collects garbage before each app. `full` is `gc()`, a forced full GC: after it,
 * V8 optimized again, in every app, about 150 of the functions the app runs, on its compiler
 * threads (`--trace-opt`: 140 to 175 per app after it, 1 to 27 without it; the process's CPU time
 * of an app 1,400 to 1,550 ms after it, 870 to 980 ms without it; docs/performance.md, "The forced
 * GC before each app"). `scavenge` collects the young generation only and leaves the code as it
 * was, as in a process that synthesizes one app after another; the garbage an app leaves in the
 * old generation is collected during a later one, in the rotating order.
 */
type InProcessGc = 'scavenge' | 'full';

const GC_BEFORE_APP: { [mode in InProcessGc]: () => void } = {
  scavenge: () => gc({ type: 'minor' }),
  full: () => gc(),
};

function inProcess(n: number, rounds: number, mode: InProcessGc) {
  const collect = GC_BEFORE_APP[mode];
  if (collect === undefined) {
    throw new Error(`inprocess: unknown gc mode ${mode} (scavenge or full)`);
  }
  const cpuMs: { [label: string]: number[] } = { hostprocess: [], kplus: [], hostprocessAgain: [], kplusAgain: [] };
  for (let round = 0; round <= rounds; round++) {
    const k = round % IN_PROCESS.length;
    for (const label of [...IN_PROCESS.slice(k), ...IN_PROCESS.slice(0, k)]) {
      collect();
      const before = process.cpuUsage();
      build(label.startsWith('hostprocess') ? 'hostprocess' : 'kplus', n).synthYaml();
      const used = process.cpuUsage(before);
      if (round > 0) cpuMs[label].push((used.user + used.system) / 1000);
    }
  }
  return { n, gc: mode, cpuMs };
}

const [mode, variant, n, gcMode] = process.argv.slice(2);
let result: unknown;
switch (mode) {
  case 'synth': result = synth(variant as Variant, Number(n)); break;
  case 'validation': result = validation(Number(variant)); break;
  case 'check': result = check(); break;
  case 'inprocess': result = inProcess(Number(variant), Number(n), gcMode as InProcessGc); break;
  default: throw new Error(`unknown mode ${mode}`);
}
process.stdout.write(JSON.stringify(result) + '\n');
