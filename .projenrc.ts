import { JsonFile, TextFile, cdk8s, javascript } from 'projen';
import { kplusFieldsSource } from './projenrc/kplus-fields';
import { releaseEveryLine } from './projenrc/release';

/**
 * The cdk8s-plus lines the library is built for: one entry each, newest last. Line 27 is the
 * repository's own package, `cdk8s-hostprocess`, the line the library was specified for; every other
 * line is the package `cdk8s-hostprocess-<line>`, built from the same `src/` by projenrc/lines.ts with
 * the one cdk8s-plus import (src/plus/kplus.ts) naming its line. `kplus` is the version tested here
 * (a devDependency); the peer dependency accepts that version and newer ones of the line.
 */
const KPLUS_LINES = [
  // cdk8s-plus-25 lacks the container security context's `capabilities` (src/plus/line-props.ts).
  // No line 26: cdk8s-plus-26's only release, 2.4.17, builds every workload with
  // `new ApiObjectMetadataDefinition(props.podMetadata)` (lib/workload.js), which throws on cdk8s
  // 2.65.0 and newer when podMetadata is not given, below the cdk8s this library needs (docs/install.md).
  { line: 25, kplus: '2.22.79' },
  { line: 27, kplus: '2.9.5' },
  { line: 28, kplus: '2.5.6' },
  { line: 29, kplus: '2.6.0' },
  { line: 30, kplus: '2.4.10' },
  { line: 31, kplus: '2.6.43' },
  { line: 32, kplus: '2.5.92' },
  { line: 33, kplus: '2.5.57' },
  { line: 34, kplus: '2.0.54' },
];
const ROOT_LINE = 27;
/** The `cdk8s-hostprocess` command of every line's package (src/core/cli/main.ts). */
const BIN = 'lib/core/cli/main.js';

/** jsii names per language carry the line number, as cdk8s-plus' own do (`cdk8s_plus_33`, `org.cdk8s.plus33`). */
function lineTargets(line: number) {
  const root = line === ROOT_LINE;
  const suffix = root ? '' : `-${line}`;
  return {
    java: {
      package: root ? 'io.github.cdk8shostprocess' : `io.github.cdk8shostprocess.plus${line}`,
      maven: { groupId: 'io.github.cdk8s-hostprocess', artifactId: `cdk8s-hostprocess${suffix}` },
    },
    python: { distName: `cdk8s-hostprocess${suffix}`, module: `cdk8s_hostprocess${suffix.replace('-', '_')}` },
    dotnet: root
      ? { namespace: 'Cdk8sHostProcess', packageId: 'Cdk8sHostProcess' }
      : { namespace: `Cdk8sHostProcess.Plus${line}`, packageId: `Cdk8sHostProcess.Plus${line}` },
    // One Go module per line under the same repository, as cdk8s-plus-go does (cdk8splus33).
    go: {
      moduleName: 'github.com/cdk8s-hostprocess/cdk8s-hostprocess-go',
      ...(root ? {} : { packageName: `cdk8shostprocess${line}` }),
    },
  };
}
const rootTargets = lineTargets(ROOT_LINE);

function jestProject(displayName: string, testMatch: string[], kplusMapper: { [from: string]: string }, globals: object = {}) {
  return {
    displayName,
    testMatch,
    // Tests and examples import the package by name, as users do.
    moduleNameMapper: { '^cdk8s-hostprocess$': '<rootDir>/src/index.ts', ...kplusMapper },
    testPathIgnorePatterns: ['/node_modules/', '/scratch/', '/dist/'],
    modulePathIgnorePatterns: ['<rootDir>/dist/'],
    // Every manifest a test synthesizes is checked strictly against the Kubernetes schema.
    setupFilesAfterEnv: ['<rootDir>/test/util/strict-synth.ts'],
    transform: { '^.+\\.[t]sx?$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
    clearMocks: true,
    globals,
  };
}

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-hostprocess',
  description:
    'Typed cdk8s constructs for Windows HostProcess containers: DaemonSets, Pods and more that a real API server accepts.',
  author: 'cdk8s-hostprocess developers',
  authorAddress: 'cdk8s-hostprocess@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk8s-hostprocess/cdk8s-hostprocess.git',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'kubernetes', 'windows', 'hostprocess', 'daemonset', 'cdk8s-plus'],
  license: 'Apache-2.0',

  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  // cdk8s@2.68.11 (the exact minimum of kplus-27's peer range) is not on the registry; projen pins
  // devDependencies to the minimum of each peer range, so name versions that exist.
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',
  jsiiVersion: '~6.0.0',
  peerDeps: [`cdk8s-plus-${ROOT_LINE}@^${KPLUS_LINES.find(l => l.line === ROOT_LINE)!.kplus}`],
  // Every line's cdk8s-plus, at the version its tests run against.
  // The tests and the bench read YAML with yaml too (src/ does not).
  devDeps: [...KPLUS_LINES.map(l => `cdk8s-plus-${l.line}@${l.kplus}`), 'tsconfig-paths@^4.2.0', '@types/js-yaml@^4.0.9', 'yaml@^2.8.0', 'fast-check@^4.3.0'],
  // The lint and convert commands parse YAML with js-yaml (chosen by measurement: docs/performance.md
  // "Performance"), bundled so that `npx cdk8s-hostprocess lint` needs nothing else.
  bundledDeps: ['js-yaml@^4.3.2'],
  bin: { 'cdk8s-hostprocess': BIN },

  publishToPypi: rootTargets.python,
  publishToMaven: {
    javaPackage: rootTargets.java.package,
    mavenGroupId: rootTargets.java.maven.groupId,
    mavenArtifactId: rootTargets.java.maven.artifactId,
  },
  publishToGo: rootTargets.go,
  publishToNuget: { dotNetNamespace: rootTargets.dotnet.namespace, packageId: rootTargets.dotnet.packageId },

  // Inline source maps (with the sources) tripled the size of every compiled module and cost a
  // few milliseconds at every require; the compiled ES2022 is close to the TypeScript it came from.
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: false } },

  docgen: true,
  jestOptions: {
    // A changed snapshot must fail the tests; `npx projen test:update` accepts one on purpose.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // One jest project for what needs no cdk8s-plus (run once), and one per cdk8s-plus line for the
      // constructs, the examples and the packed tarball: there the line's cdk8s-plus replaces
      // cdk8s-plus-27 everywhere (src/plus/kplus.ts, the tests, the examples), and
      // `globalThis.KPLUS_LINE` tells the tests which line they run on.
      projects: [
        jestProject('core', ['<rootDir>/test/core/**/*.test.ts', '<rootDir>/test/util/**/*.test.ts', '<rootDir>/test/api-docs.test.ts', '<rootDir>/test/release-workflow.test.ts', '<rootDir>/test/docs.test.ts'], {}),
        ...KPLUS_LINES.map(l => jestProject(`line ${l.line}`,
          ['<rootDir>/test/plus/**/*.test.ts', '<rootDir>/test/example.test.ts', '<rootDir>/test/examples.test.ts', '<rootDir>/test/consumer.test.ts', '<rootDir>/test/package-bin.test.ts'],
          l.line === ROOT_LINE ? {} : { [`^cdk8s-plus-${ROOT_LINE}$`]: `cdk8s-plus-${l.line}` },
          { KPLUS_LINE: l.line })),
        // The Python, Java and Go bindings of the root and the newest line, packaged, installed and
        // run against the TypeScript programs (test/bindings/); their own project, so that
        // `--selectProjects bindings` runs them alone, and no line's project runs them again.
        jestProject('bindings', ['<rootDir>/test/bindings/**/*.test.ts'], {}),
        // The real API server suites (test/kube/): their own jest run after the others, because they
        // send what the others synthesized; the setup builds or finds kube-apiserver and etcd and
        // starts one server per Kubernetes version (test/kube/versions.ts).
        {
          ...jestProject('kube', ['<rootDir>/test/kube/**/*.test.ts'], {}),
          globalSetup: '<rootDir>/test/kube/global-setup.ts',
          globalTeardown: '<rootDir>/test/kube/global-teardown.ts',
        },
      ],
      testPathIgnorePatterns: ['/node_modules/', '/scratch/', '/dist/'],
      // On 2 cores jest would run everything in one process (maxWorkers = cores - 1), whose memory
      // grows with every suite of every line until each suite takes seconds more; two workers that
      // are replaced when they grow keep the matrix fast.
      maxWorkers: 2,
      workerIdleMemoryLimit: '1GB',
    },
  },
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'examples', 'projenrc', 'bench'] },
  gitignore: ['/scratch/'],
});

// `npm test` is the whole check: the jsii compile, API.md up to date, jest with coverage (snapshots
// never rewritten) and eslint without --fix.
// Tests and examples import the package by its name, which jest maps to src/.
project.eslint?.addRules({ 'import/no-unresolved': ['error', { ignore: ['^cdk8s-hostprocess$'] }] });
// The layers: src/core/ needs no cdk8s-plus (nor cdk8s or constructs) and does not reach into src/plus/.
project.eslint?.addOverride({
  files: ['src/core/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        { group: ['cdk8s-plus-*', 'cdk8s', 'constructs'], message: 'src/core/ needs no cdk8s, cdk8s-plus or constructs: that belongs in src/plus/' },
        { group: ['**/plus/**', '../plus', '../../plus'], message: 'src/core/ must not import from src/plus/' },
      ],
    }],
  },
});

const lint = project.addTask('lint', {
  description: 'eslint over every TypeScript folder, without --fix',
  env: { ESLINT_USE_FLAT_CONFIG: 'false', NODE_NO_WARNINGS: '1' },
  exec: 'eslint --ext .ts --no-error-on-unmatched-pattern src test examples projenrc bench .projenrc.ts',
});
const checkApiMd = project.addTask('check:api-md', {
  description: 'Fails when API.md is out of date with src/',
  exec: 'mkdir -p dist && jsii-docgen -o dist/API.check.md && (cmp -s API.md dist/API.check.md || (echo "API.md is out of date with src/: run npx projen compile && npx projen docgen, then commit API.md" >&2 && exit 1))',
});
// README, docs/*.md and @example snippets compile (jsii-rosetta, strict), and every binding can be generated and
// defines every public type: projenrc/check-rosetta.ts and projenrc/check-bindings.ts.
const projenrcScript = (script: string) => `ts-node --project projenrc/tsconfig.json projenrc/${script}`;
const checkRosetta = project.addTask('check:rosetta', {
  description: 'Compiles every README, docs/*.md and @example snippet with jsii-rosetta in strict mode; checks the README Python/Java quick start is rosetta\'s',
  env: { JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' },
  exec: projenrcScript('check-rosetta.ts'),
});
project.addTask('rosetta:readme', {
  description: 'Rewrites the README Python/Java quick start from jsii-rosetta\'s translation of the TypeScript one',
  env: { JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' },
  exec: projenrcScript('check-rosetta.ts --update'),
});
const checkBindings = project.addTask('check:bindings', {
  description: 'Generates the Python, Java, Go and C# bindings offline (jsii-pacmak --code-only) and checks them',
  env: { JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' },
  exec: projenrcScript('check-bindings.ts'),
  receiveArgs: true, // `npx projen check:bindings dist/bindings` keeps the sources there
});
// The default fixture is generated from .jsii; the tablet ships in the npm package for jsii-pacmak.
project.gitignore.exclude('/rosetta/default.ts-fixture', '/.jsii.tabl.json');
project.npmignore?.exclude('/rosetta/');

// Every line other than the root is staged under dist/lines/<line> and compiled with jsii as part of
// `compile`, checked by `check:bindings` and packed into dist/js by `package` (projenrc/lines.ts).
new JsonFile(project, 'projenrc/kplus-lines.json', {
  obj: {
    lines: KPLUS_LINES.map(l => ({
      line: l.line,
      kplusRange: `^${l.kplus}`,
      npmName: l.line === ROOT_LINE ? 'cdk8s-hostprocess' : `cdk8s-hostprocess-${l.line}`,
      root: l.line === ROOT_LINE,
      targets: lineTargets(l.line),
    })),
  },
});
// The same table for the code: convert's --package check and usage text read it (one entry above
// is one line everywhere).
new TextFile(project, 'src/core/kplus-lines.ts', {
  readonly: false,
  lines: [
    '// Generated by .projenrc.ts from KPLUS_LINES: edit it there and run npx projen.',
    '',
    '/** The cdk8s-plus lines there is a package for, oldest first. */',
    `export const KPLUS_LINES: readonly number[] = [${KPLUS_LINES.map(l => l.line).join(', ')}];`,
    '',
    '/** The line of the package named `cdk8s-hostprocess`. */',
    `export const ROOT_LINE = ${ROOT_LINE};`,
    '',
  ],
});
// Which fields each line's typed classes write, read from the installed lines' imports: the synth
// check and convert name the first line that writes a field an escape hatch would lose.
new TextFile(project, 'src/core/kplus-fields.ts', {
  readonly: false,
  lines: kplusFieldsSource(KPLUS_LINES.map(l => l.line)),
});
const linesCompile = project.addTask('lines:compile', {
  description: 'Stages and compiles (jsii) the package of every cdk8s-plus line but the root\'s under dist/lines/<line>',
  exec: projenrcScript('lines.ts compile'),
  receiveArgs: true,
});
// npm packs each file with the mode it has on disk, and the jsii bindings (Python, Java, Go, .NET)
// run the bin straight from the unpacked tarball, with no npm install to set the bit: without it
// their `cdk8s-hostprocess` fails with "Permission denied". projenrc/lines.ts does the same per line.
project.compileTask.exec(`chmod 755 ${BIN}`);
project.compileTask.spawn(linesCompile);
project.addTask('lines:package', {
  description: 'Packs every cdk8s-plus line but the root\'s for one jsii target (--target, js by default) into dist/<target>',
  exec: projenrcScript('lines.ts package'),
  receiveArgs: true,
});

project.testTask.reset();
project.testTask.spawn(project.compileTask);
project.testTask.spawn(checkApiMd);
project.testTask.spawn(checkRosetta);
project.testTask.spawn(checkBindings);
// The bench is not run by `npm test`, but it is type-checked against the compiled lib/, so that a
// change of the library's types cannot leave `npm run bench` broken.
project.testTask.exec('tsc -p bench/tsconfig.json --noEmit');
// Every manifest the tests synthesize is also written to SPOOL (test/util/strict-synth.ts), and the
// server suites then send each to a real API server; so the server run comes after the others.
const SPOOL = 'dist/test/synthesized';
project.testTask.env('CDK8S_HOSTPROCESS_SPOOL', SPOOL);
project.testTask.exec(`node -e "require('fs').rmSync('${SPOOL}', { recursive: true, force: true })"`);
project.testTask.exec('jest --passWithNoTests --ci --ignoreProjects kube', { receiveArgs: true });
project.testTask.exec('jest --ci --selectProjects kube --coverage=false');
project.testTask.spawn(lint);

// `package-all` needs PyPI, Maven Central and the Go and .NET toolchains, which this machine lacks;
// the generated GitHub workflows run each `package:<language>` task where they exist. Here `package`
// builds the npm tarballs whether CI is set or not.
const packageTask = project.tasks.tryFind('package')!;
packageTask.reset();
packageTask.spawn(project.tasks.tryFind('package:js')!);
// The release publishes every line's package in every language with projen's publish jobs and publib,
// one version for all, and lists them in its notes: each `package:<language>` packs every line
// (projenrc/release.ts; test/release-workflow.test.ts holds the workflow to the line table and README).
releaseEveryLine(project, KPLUS_LINES.map(l => ({ line: l.line, npmName: l.line === ROOT_LINE ? 'cdk8s-hostprocess' : `cdk8s-hostprocess-${l.line}`, root: l.line === ROOT_LINE })),
  projenrcScript('lines.ts'), projenrcScript('release-notes.ts'));

project.addTask('example', {
  description: 'Synthesizes the example app (the AKS privileged-daemonset) to YAML under dist/example',
  exec: 'ts-node -r tsconfig-paths/register --project examples/tsconfig.json examples/privileged-daemonset/main.ts',
});

// The three real agents (docs/cookbook.md "The three agents, against upstream"), each to dist/examples/<name>.
const agentExamples = project.addTask('examples', {
  description: 'Synthesizes the csi-proxy, calico-kube-proxy and windows-exporter examples to YAML under dist/examples',
});
for (const name of ['csi-proxy', 'calico-kube-proxy', 'windows-exporter']) {
  agentExamples.exec(`ts-node -r tsconfig-paths/register --project examples/tsconfig.json examples/${name}/main.ts`);
}

// `npm run bench` (not part of `npm test`): synth cost against plain kplus and raw objects, validation
// share, lint against a schema validator, import time; docs/performance.md. The bench runs on the
// compiled lib/ as users do, in plain node child processes (tsc, not ts-node, so that no TypeScript
// compiler sits in the measured processes).
// docs/rules.md is written from the rules catalog; a test fails when it is stale.
project.addTask('docs:rules', {
  description: 'Writes docs/rules.md from the rules catalog (src/core/rules/catalog.ts)',
  exec: projenrcScript('rules-doc.ts'),
});

// A real API server for trying manifests by hand: `npm run kube:up [version]` builds (once) and
// starts one in the background and prints the path of its kubeconfig last; `kube:down` stops it.
project.addTask('kube:up', {
  description: 'Starts a real kube-apiserver and etcd on loopback (built from source once); prints the kubeconfig path last',
  exec: projenrcScript('../test/kube/up.ts'),
  receiveArgs: true,
});
project.addTask('kube:down', {
  description: 'Stops the servers kube:up started',
  exec: projenrcScript('../test/kube/up.ts --down'),
});
// `npm test` fuzzes the lint against the servers with a fixed seed and 2,000 cases per version;
// `npm run fuzz` (FUZZ_MODE=long) with a random seed (printed, to reproduce a run) and 20,000,
// unless FUZZ_SEED or FUZZ_RUNS say otherwise (test/kube/fuzz.test.ts).
project.addTask('fuzz', {
  description: 'Differential fuzzing of the lint against real API servers: a random seed (printed) and 20,000 cases per Kubernetes version',
  env: { FUZZ_MODE: 'long' },
  exec: 'jest --selectProjects kube --coverage=false test/kube/fuzz.test.ts',
  receiveArgs: true,
});
// The generated round trips of convert (test/core/convert/generated-round-trip.test.ts): a fixed seed
// and 60 cases in `npm test`; with FUZZ_MODE=long a random seed (printed) and 600.
project.tasks.tryFind('fuzz')!.exec('jest --selectProjects core --coverage=false test/core/convert/generated-round-trip.test.ts');
// The Go types the lint decodes objects with (src/core/k8s/schema/*.generated.ts), read from
// k8s.io/api of each Kubernetes release the tests run against by a Go program built outside the
// repository (projenrc/schema.ts); test/core/k8s/schema-generated.test.ts holds the files to it.
project.addTask('schema:generate', {
  description: 'Regenerates src/core/k8s/schema/ from k8s.io/api of each tested Kubernetes release (needs Go)',
  exec: projenrcScript('schema.ts'),
  receiveArgs: true,
});
project.gitattributes.addAttributes('/src/core/k8s/schema/*.generated.ts', 'linguist-generated');

const bench = project.addTask('bench', {
  description: 'Benchmarks synth, validation, lint (and its peers kubeconform and kube-linter) and import time; prints the table and writes bench/results.json',
});
bench.spawn(project.compileTask);
bench.exec('tsc -p bench/tsconfig.json');
bench.exec('node dist/bench/run.js');
project.addPackageIgnore('/bench/');
// Examples and CI scripts are for this repository, not for the package's users.
project.addPackageIgnore('/examples/');
project.addPackageIgnore('/.ci/');

// Tests check every synthesized manifest strictly against the Kubernetes OpenAPI schema with two
// third-party implementations: kubernetes-models (types, required fields, enums) and the official
// client's generated models (unknown fields, as `kubectl --validate=strict` rejects them).
project.addDevDeps('kubernetes-models@^4.5.1', '@kubernetes/client-node@0.22.3');
// The consumer test starts each line's app from the `typescript-app` template of this cdk8s-cli,
// the newest on the registry (`npm view cdk8s-cli version`), as `cdk8s init` writes it.
project.addDevDeps('cdk8s-cli@2.207.60');
// The lint command's SARIF output is checked against the SARIF 2.1.0 JSON schema with Microsoft's
// jest matcher, which ships the schema and validates with ajv.
project.addDevDeps('@microsoft/jest-sarif@1.0.0-beta.0');
// ... and its JUnit output is parsed with fast-xml-parser (its validator checks well-formedness).
project.addDevDeps('fast-xml-parser@5.12.1');
// HostProcessAdmissionPolicy's CEL expressions are evaluated in tests by @bufbuild/cel, a CEL
// implementation that runs the cel-spec conformance suite; @bufbuild/protobuf is its peer dependency.
project.addDevDeps('@bufbuild/cel@0.6.1', '@bufbuild/protobuf@2.17.0');

project.synth();
