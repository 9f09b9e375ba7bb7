// Differential fuzzing of the lint against real API servers: generated objects of every kind the
// lint reads (test/kube/fuzz/generator.ts) are judged by the lint (with --all and the server's
// Kubernetes version) and by each test API server (dry run, strict field validation); any
// disagreement on a rule the lint claims (parity.ts compare: an API-server error the server does not
// give at that field, or a refusal of the server with no lint error there) fails with fast-check's
// shrunk counterexample. `npm test` runs a fixed seed and 2,000 cases per server version;
// `npm run fuzz` a random seed (printed) and 20,000. FUZZ_SEED=<n> reproduces a run, FUZZ_RUNS=<n>
// sets the count.
import * as fc from 'fast-check';
import { cases, FuzzCase, KINDS, MUTATIONS, PROFILES } from './fuzz/generator';
import { compare } from './parity';
import { describeEachServer } from './servers';
import { podKind } from '../../src/core/k8s/kinds';
import { LONG, seed, wholeNumber } from '../util/fuzz-env';


/**
 * 2,000 cases per version take 12 to 17 s each on the 2-core test machine (a dry-run request and a
 * lint run per case, 6 to 9 ms); `npm run fuzz` runs 20,000.
 */
const RUNS = wholeNumber('FUZZ_RUNS', LONG ? 20_000 : 2_000);
/** Fixed for `npm test`, so that a run can be repeated; random for `npm run fuzz` (printed). */
const SEED = seed('FUZZ_SEED', 20260219);

/** A disagreement the lint keeps on purpose or cannot close yet: when it applies, and why. */
interface KnownDifference {
  readonly id: string;
  readonly reason: string;
  /** Whether `disagreement` (one line of compare) on case `c` at server `version` is this difference. */
  matches(disagreement: string, c: FuzzCase, version: string): boolean;
}

/** The pod spec of a case, and its field path. */
function podSpecOf(c: FuzzCase): { spec: any; path: string } {
  const path = podKind(c.kind)!.podSpec;
  let spec = c.manifest;
  for (const key of path.split('.')) spec = spec?.[key];
  return { spec, path };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The documented differences. Each is as narrow as the difference itself: a version, a kind, a
 * field and the server's words; nothing else is let through.
 */
const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    id: 'stateful-set-template-1.30',
    reason: 'Kubernetes 1.30 does not validate a StatefulSet\'s pod template (kubernetes pkg/apis/apps/validation/validation.go@v1.30.14 ' +
      'ValidatePodTemplateSpecForStatefulSet: the ValidatePodTemplateSpec call is commented out); v1.37.2 does, and the lint ' +
      'follows it: an invalid pod spec in a StatefulSet is accepted by 1.30 and fails when its pods are created',
    matches: (d, c, version) => version === 'v1.30.14' && c.kind === 'StatefulSet'
      && /^lint (?!decode-type-mismatch |unknown-field )\S+ at spec\.template\.spec\b/.test(d)
      && (d.endsWith('but the server accepts') || d.includes('but the server refuses elsewhere')),
  },
  {
    id: 'init-container-restart-policy-1.30',
    reason: 'an init container\'s restartPolicy Never or OnFailure is allowed from Kubernetes 1.35 (ContainerRestartRules, on by ' +
      'default: kubernetes pkg/features/kube_features.go@v1.37.2); 1.30 supports only Always. The lint follows the newest release',
    matches: (d, _c, version) => version === 'v1.30.14'
      && /^the server refuses at \S+\.initContainers\[\d+\]\.restartPolicy \(Unsupported value: "(Never|OnFailure)": supported values: "Always"\)/.test(d),
  },
  {
    id: 'lifecycle-sleep-zero-1.30',
    reason: 'a sleep hook of 0 seconds is allowed by newer releases (PodLifecycleSleepActionAllowZero, a gate v1.37.2 no longer ' +
      'has: validation.go@v1.37.2 validateSleepAction); 1.30 refuses it (validation.go@v1.30.14 validateSleepAction: must be ' +
      'greater than 0). The lint follows the newest release',
    matches: (d, _c, version) => version === 'v1.30.14'
      && /^the server refuses at \S+\.sleep \(Invalid value: 0: must be greater than 0 and less than terminationGracePeriodSeconds/.test(d),
  },
  {
    id: 'app-armor-annotation-1.30',
    reason: 'Kubernetes 1.30 copies an appArmorProfile into the deprecated annotation container.apparmor.security.beta.kubernetes.io/' +
      '<container name> of a Pod before validating it (pkg/registry/core/pod/strategy.go@v1.30.14 applyAppArmorVersionSkew; ' +
      'v1.37.2 no longer writes the annotation), so a container name over 63 characters, already refused at the name ' +
      '(container-name-invalid), is refused a second time as an annotation key the manifest does not have',
    matches: (d, c, version) => version === 'v1.30.14' && c.kind === 'Pod'
      && /^the server refuses at metadata\.annotations \(Invalid value: "container\.apparmor\.security\.beta\.kubernetes\.io\/[^"]{64,}": name part must be no more than 63 characters\)/.test(d),
  },
  {
    id: 'pod-level-resources-consistency',
    reason: 'pod-level resources (PodLevelResources) on a pod that is not a windows pod are checked against its containers\' ' +
      '(validation.go@v1.37.2 validatePodResourceConsistency, after the pod\'s requests are defaulted from the aggregate of its ' +
      'containers\', init containers and sidecars included); the lint has only the rule that a windows pod may not set them ' +
      '(windows-pod-resources), and does not aggregate container resources',
    matches: (d, c) => {
      const { spec, path } = podSpecOf(c);
      return spec?.os?.name !== 'windows' && spec?.resources !== undefined
        && new RegExp(`^the server refuses at ${escape(path)}\\.resources\\.`).test(d);
    },
  },
];

/** What one server's run found, for the figures. */
interface Figures {
  cases: number;
  accepted: number;
  agreed: number;
  /** Cases whose every disagreement is a known difference. */
  explained: number;
  known: Map<string, number>;
  kinds: Map<string, number>;
  profiles: Map<string, number>;
  mutations: Map<string, number>;
}

const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const list = (map: Map<string, number>) => [...map.entries()].map(([k, n]) => `${k} ${n}`).join(', ');

describeEachServer('differential fuzzing', (endpoint) => {
  // The cases explore the edge of what the server accepts only if the objects they mutate are valid.
  test('the generator\'s objects before their mutations are valid: the server accepts them and the lint finds no error', async () => {
    await fc.assert(fc.asyncProperty(cases(0), async (c) => {
      const { verdict, lint } = await compare(endpoint, c.manifest);
      expect([verdict.accepted, lint.filter((f) => f.severity !== 'warning')]).toEqual([true, []]);
    }), { seed: SEED, numRuns: 200, includeErrorInReport: true });
  });

  test(`the lint and the server agree on ${RUNS} generated objects`, async () => {
    console.log(`fuzz on Kubernetes ${endpoint.version}: seed ${SEED}, ${RUNS} cases (FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} reproduces the run)`);
    const figures: Figures = {
      cases: 0, accepted: 0, agreed: 0, explained: 0, known: new Map(), kinds: new Map(), profiles: new Map(), mutations: new Map(),
    };
    const started = Date.now();
    try {
      await fc.assert(fc.asyncProperty(cases(), async (c) => {
        const { verdict, lint, disagreements } = await compare(endpoint, c.manifest);
        figures.cases++;
        if (verdict.accepted) figures.accepted++;
        count(figures.kinds, c.kind);
        count(figures.profiles, c.profile);
        for (const m of c.mutations) count(figures.mutations, m);
        // An object the lint could not check (a rule that threw) reports no finding: never agreement.
        const broken = lint.filter((f) => f.rule === undefined).map((f) => `the lint could not check the object: ${f.message}`);
        const unexplained = [...broken, ...disagreements.filter((d) => {
          const known = KNOWN_DIFFERENCES.find((k) => k.matches(d, c, endpoint.version));
          if (known) count(figures.known, known.id);
          return known === undefined;
        })];
        if (disagreements.length === 0) figures.agreed++;
        else if (unexplained.length === 0) figures.explained++;
        if (unexplained.length > 0) {
          throw new Error(`the lint and the Kubernetes ${endpoint.version} API server disagree:\n${unexplained.join('\n')}`);
        }
      }), { seed: SEED, numRuns: RUNS, includeErrorInReport: true });
    } finally {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const exercised = Object.keys(MUTATIONS).filter((m) => figures.mutations.has(m)).length;
      console.log([
        `fuzz on Kubernetes ${endpoint.version}: ${figures.cases} cases in ${seconds} s (${figures.accepted} accepted by the server), `
          + `lint and server agree on ${figures.agreed}, ${figures.explained} differ only as documented (disagreements by difference: ${list(figures.known) || 'none'})`,
        `  kinds: ${list(figures.kinds)} (${figures.kinds.size} of ${KINDS.length})`,
        `  pods: ${list(figures.profiles)} (${figures.profiles.size} of ${PROFILES.length})`,
        `  mutations: ${exercised} of ${Object.keys(MUTATIONS).length} exercised`,
      ].join('\n'));
    }
  }, Math.max(600_000, RUNS * 300));
});
