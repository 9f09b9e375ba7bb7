// The work of the cdk8s validation plugin (./validation-plugin.ts): its properties become the
// lint's options, its configuration file is read as the lint reads it, and the lint's findings
// become the violations of cdk8s-cli's report. The checks are the lint's own (`lint`), with its
// rule filter, suppressions and exit status; nothing here decides what is wrong.
//
// cdk8s-cli's side (node_modules/cdk8s-cli, 2.207.60): lib/plugins/_manager.js creates the plugin
// as `new clazz(properties ?? {})`; lib/util.js validateApp awaits `plugin.validate(context)`, then
// exits 2 when a report's status is not `success`; lib/plugins/validation.js ValidationReport
// gives each violating resource the construct path that `context.metadata` records for its
// `resourceName`, which is the object's `metadata.name` (cdk8s lib/app.js
// writeConstructMetadata, 2.70.0).
import { CONFIG_FILES, checkRuleId } from './config';
import { escapeControl, formatLintProblem, presentFinding, sarifRule } from './format';
import { EXIT_OK, LintOptions, lint } from './lint';
import { configFile, configure, pathInputs } from './main';
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS, kubernetesVersion } from '../k8s/api-types';

/** How the plugin names itself in its errors and log lines: the `class:` of its cdk8s.yaml entry. */
export const PLUGIN = 'HostProcessValidation';

/** The properties, in the order the errors list them. */
const PROPERTIES = ['failOn', 'include', 'exclude', 'config', 'kubernetesVersion', 'all'] as const;

/** What the plugin runs with: the lint's options, the configuration file's settings merged in. */
export interface Settings {
  readonly options: LintOptions;
  /** The configuration file read, as given or found; undefined when there is none. */
  readonly configFile?: string;
}

/** The parts of cdk8s-cli's ValidationContext the plugin uses (lib/plugins/validation.d.ts). */
export interface Context {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: Violation): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  readonly logger: { log(message: string): void };
}

/** cdk8s-cli's ValidationViolation. */
export interface Violation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: { readonly resourceName: string; readonly locations: string[]; readonly manifestPath: string }[];
}

/**
 * The settings for the plugin's properties (`properties:` of its cdk8s.yaml entry, as YAML gives
 * them), the configuration file (relative to `cwd`) read and merged in as the lint merges its
 * flags. Throws one error listing every property that cannot be used, each with its fix.
 */
export function settings(props: unknown, cwd: string): Settings {
  const problems: string[] = [];
  const bad = (field: string, problem: string) => problems.push(`properties.${field}: ${problem}`);
  const given: { [key: string]: unknown } = typeof props === 'object' && props !== null && !Array.isArray(props)
    ? props as { [key: string]: unknown } : {};
  if (given !== props && props !== undefined && props !== null) {
    problems.push(`properties: ${describe(props)}, not a mapping of ${PROPERTIES.join(', ')}`);
  }
  for (const key of Object.keys(given)) {
    if (!(PROPERTIES as readonly string[]).includes(key)) {
      bad(key, `not a property of ${PLUGIN}: the properties are ${PROPERTIES.join(', ')}`);
    }
  }

  let failOn: 'error' | 'warning' | undefined;
  if (given.failOn !== undefined && given.failOn !== null) {
    if (given.failOn === 'error' || given.failOn === 'warning') {
      failOn = given.failOn;
    } else {
      bad('failOn', `${describe(given.failOn)} is not error or warning`);
    }
  }
  const ruleIds = (field: 'include' | 'exclude'): string[] => {
    const value = given[field];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      bad(field, `${describe(value)}, not a list of rule IDs: write ${field}: [rule-id, ...]`);
      return [];
    }
    const ids: string[] = [];
    value.forEach((id, i) => {
      if (typeof id !== 'string') {
        bad(`${field}[${i}]`, `${describe(id)}, not a rule ID`);
        return;
      }
      try {
        checkRuleId(id, `properties.${field}[${i}]`, field === 'exclude');
        ids.push(id);
      } catch (e) {
        problems.push((e as Error).message);
      }
    });
    return ids;
  };
  const include = ruleIds('include');
  const exclude = ruleIds('exclude');

  let config: string | undefined;
  if (given.config !== undefined && given.config !== null) {
    if (typeof given.config === 'string' && given.config.trim() !== '') {
      config = given.config;
    } else {
      bad('config', `${describe(given.config)}, not a file: give the path of the lint's configuration file (${CONFIG_FILES[0]}), relative to the folder cdk8s synth runs in`);
    }
  }

  let version = DEFAULT_KUBERNETES_VERSION;
  const versions = KUBERNETES_VERSIONS.map(v => v.slice(1)).join(' or ');
  if (given.kubernetesVersion !== undefined && given.kubernetesVersion !== null) {
    const value = given.kubernetesVersion;
    const chosen = typeof value === 'string' ? kubernetesVersion(value) : undefined;
    if (typeof value === 'number') {
      // YAML reads `1.30` as the number 1.3.
      bad('kubernetesVersion', `the number ${value}, not a version: quote it ("1.30"), as YAML reads 1.30 as 1.3; the lint has the API types of Kubernetes ${versions}`);
    } else if (chosen === undefined) {
      bad('kubernetesVersion', `${describe(value)}: the lint has the API types of Kubernetes ${versions} only (give one of those, or its minor)`);
    } else {
      version = chosen;
    }
  }

  let all = false;
  if (given.all !== undefined && given.all !== null) {
    if (typeof given.all === 'boolean') {
      all = given.all;
    } else {
      bad('all', `${describe(given.all)}, not true or false`);
    }
  }

  const FIX = ' (fix the properties of the plugin\'s entry under validations: in cdk8s.yaml)';
  if (problems.length > 0) {
    throw new Error(`${PLUGIN}: ${problems.length === 1 ? problems[0] : `${problems.length} properties cannot be used:\n  ${problems.join('\n  ')}`}${FIX}`);
  }
  const configured = configure({ format: 'text', all, kubernetesVersion: version, include, exclude, failOn, config }, cwd);
  if (configured.usageError !== undefined) {
    // The lint's messages name its flag; here it is the property. A problem inside the file names
    // the file and its field, and is fixed there.
    const message = configured.usageError.replace('give --config FILE', 'give properties.config');
    throw new Error(`${PLUGIN}: ${message.startsWith('--config ') ? `${message.replace(/^--config /, 'properties.config: ')}${FIX}` : message}`);
  }
  return { options: configured.options, configFile: configFile(configured.options, cwd).file };
}

/**
 * Checks the manifests of `context` with the lint and submits the report: a violation for each
 * rule and message (the resources it was found in, the fields as locations), and a failure when the
 * lint would exit other than 0 (an error, a warning with `failOn: warning`, or a manifest that
 * could not be checked).
 */
export function validate(run: Settings, context: Context): void {
  const inputs = context.manifests.flatMap(file => pathInputs(file));
  const result = lint(inputs, run.options);
  const violations = new Map<string, Violation>();
  for (const finding of result.findings) {
    if (finding.suppressed !== undefined) continue;
    const f = presentFinding(finding);
    const key = [f.rule, f.severity, f.message].join('\u0000');
    let violation = violations.get(key);
    if (violation === undefined) {
      violation = {
        ruleName: f.rule,
        recommendation: escapeControl(`${f.severity}: ${f.message}`),
        // The rule's entry in docs/rules.md, as the lint's SARIF links it.
        fix: `${f.remediation} (${sarifRule(f.rule).helpUri})`,
        violatingResources: [],
      };
      violations.set(key, violation);
    }
    const location = escapeControl(`${f.field} (${f.kind}, line: ${f.line}:${f.column})`);
    const resource = violation.violatingResources.find(r => r.manifestPath === f.file && r.resourceName === f.name);
    if (resource !== undefined) {
      resource.locations.push(location);
    } else {
      violation.violatingResources.push({ resourceName: escapeControl(f.name), locations: [location], manifestPath: f.file });
    }
  }
  for (const violation of violations.values()) {
    context.report.addViolation(violation);
  }
  for (const problem of result.problems) {
    context.logger.log(formatLintProblem(problem, PLUGIN));
  }
  const summary = result.summary!;
  const metadata: { [key: string]: string } = {
    'Kubernetes version': run.options.kubernetesVersion!.slice(1),
    'Fails on': run.options.failOn ?? 'error',
    'Configuration': run.configFile ?? 'none',
    'Objects checked': `${summary.checked} of ${summary.objects}`,
    'Errors': String(summary.errors),
    'Warnings': String(summary.warnings),
    'Suppressed': String(summary.suppressed),
  };
  if (result.problems.length > 0) {
    metadata['Not checked (logged above)'] = String(result.problems.length);
  }
  if (summary.skipped > 0) {
    metadata['Manifests skipped'] = String(summary.skipped);
  }
  context.report.submit(result.exitCode === EXIT_OK ? 'success' : 'failure', metadata);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a mapping';
  return JSON.stringify(value) ?? String(value);
}
