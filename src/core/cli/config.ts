// The lint's configuration: a file (`.cdk8s-hostprocess.yaml` in the current folder, or `--config`)
// shaped like kube-linter's `.kube-linter.yaml`, and the flags that add to it. Pure: the command
// (main.ts) reads the file and gives its text here.
import { YamlAliasError, YamlSyntaxError, parseYaml } from '../input/kubernetes-yaml';
import { MAX_ALIAS_NODES } from '../input/objects';
import { RULES } from '../rules/catalog';
import { nearestRule } from '../rules/suppression';

/** The names a configuration file is found by in the current folder, in this order. */
export const CONFIG_FILES = ['.cdk8s-hostprocess.yaml', '.cdk8s-hostprocess.yml'] as const;

/** What fails the run (exit 1): errors only, or warnings too. */
export type FailOn = 'error' | 'warning';

/** A configuration, from a file or from flags. */
export interface LintConfig {
  /** When not empty, only these rules are reported (and the rules that cannot be excluded). */
  readonly include: readonly string[];
  /** Rules not reported; exclude wins over include. */
  readonly exclude: readonly string[];
  readonly failOn?: FailOn;
  /** Globs of input paths not read (see `skipMatcher`). */
  readonly skip: readonly string[];
}

/** A configuration that cannot be used; the message names the file (or flag), the field and the fix. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const SETTINGS = 'the settings are checks (include, exclude), failOn and skip';

/**
 * Hints for kube-linter settings that have another shape here (kube-linter docs/configuring-kubelinter.md).
 */
const KUBE_LINTER_KEYS: { readonly [key: string]: string } = {
  addAllBuiltIn: 'every rule is on unless excluded; checks.include lists the only rules to report',
  doNotAutoAddDefaults: 'every rule is on unless excluded; checks.include lists the only rules to report',
  ignorePaths: 'write the globs as skip, at the top level',
  customChecks: 'the lint has no custom checks',
};

/**
 * The configuration in file `file` (its text): `checks: {include: [...], exclude: [...]}`,
 * `failOn: error|warning` and `skip: [glob, ...]`, each optional. Throws a ConfigError naming the
 * file and the field for anything else: broken YAML, an unknown setting, a value of the wrong
 * type, an unknown rule ID (with the ID the name probably meant) or the exclusion of a rule that
 * cannot be excluded.
 */
export function parseConfig(text: string, file: string): LintConfig {
  let value: unknown;
  try {
    value = parseYaml(text, { firstLine: 1, maxAliasNodes: MAX_ALIAS_NODES });
  } catch (e) {
    if (e instanceof YamlSyntaxError) {
      throw new ConfigError(`${file}: line ${e.line}, column ${e.column}: not valid YAML: ${e.message}`);
    }
    if (e instanceof YamlAliasError) {
      throw new ConfigError(`${file}: ${e.message}`);
    }
    throw e;
  }
  if (value === null || value === undefined) {
    return { include: [], exclude: [], skip: [] };
  }
  const root = mapping(value, file, '', `the configuration (${SETTINGS})`);
  for (const key of Object.keys(root)) {
    if (!['checks', 'failOn', 'skip'].includes(key)) {
      throw new ConfigError(`${file}: ${key}: not a setting of the lint: ${SETTINGS}`);
    }
  }
  const checks = root.checks === null || root.checks === undefined ? {} : mapping(root.checks, file, 'checks', 'a mapping with include and exclude');
  for (const key of Object.keys(checks)) {
    if (!['include', 'exclude'].includes(key)) {
      const hint = KUBE_LINTER_KEYS[key];
      throw new ConfigError(`${file}: checks.${key}: not a setting of the lint${hint === undefined ? '' : ` (${hint})`}: checks has include and exclude`);
    }
  }
  const include = strings(checks.include, file, 'checks.include', 'rule IDs');
  const exclude = strings(checks.exclude, file, 'checks.exclude', 'rule IDs');
  include.forEach((id, i) => checkRuleId(id, `${file}: checks.include[${i}]`, false));
  exclude.forEach((id, i) => checkRuleId(id, `${file}: checks.exclude[${i}]`, true));
  let failOn: FailOn | undefined;
  if (root.failOn !== null && root.failOn !== undefined) {
    if (root.failOn !== 'error' && root.failOn !== 'warning') {
      throw new ConfigError(`${file}: failOn: ${JSON.stringify(root.failOn)} is not error or warning`);
    }
    failOn = root.failOn;
  }
  const skip = strings(root.skip, file, 'skip', 'globs of paths');
  skip.forEach((glob, i) => {
    if (glob.trim() === '') throw new ConfigError(`${file}: skip[${i}]: an empty glob: give a path pattern such as charts/*/tests/**`);
  });
  return { include, exclude, failOn, skip };
}

/**
 * Refuses (with a ConfigError starting with `where`) an ID that is not in the catalog, with the
 * ID it probably meant, and with `excluding` one that cannot be excluded.
 */
export function checkRuleId(id: string, where: string, excluding: boolean): void {
  const entry = RULES.get(id);
  if (entry === undefined) {
    const meant = nearestRule(id);
    throw new ConfigError(`${where}: unknown rule ${JSON.stringify(id)}${meant === undefined ? '' : ` (did you mean ${JSON.stringify(meant)}?)`}: cdk8s-hostprocess rules lists the rules`);
  }
  if (excluding && entry.cannotSuppress !== undefined) {
    throw new ConfigError(`${where}: rule ${id} cannot be excluded: ${entry.cannotSuppress}`);
  }
}

/**
 * Whether a rule is reported under `include` and `exclude`: a rule that cannot be excluded always
 * is; otherwise an excluded rule never is (exclude wins, as in kube-linter), and with an include
 * list only its rules are.
 */
export function ruleFilter(include: readonly string[], exclude: readonly string[]): (id: string) => boolean {
  const included = new Set(include);
  const excluded = new Set(exclude);
  return id => RULES.get(id)?.cannotSuppress !== undefined || (!excluded.has(id) && (included.size === 0 || included.has(id)));
}

/** `a,b` and `a` `b` alike: the values of a repeated, comma-separated flag, empty parts dropped. */
export function listValues(value: string): string[] {
  return value.split(',').map(v => v.trim()).filter(v => v !== '');
}

/** A path as skip globs match it: `/` separators, no leading `./`. */
export function normalizePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/**
 * Whether an input path matches one of `globs` (`*` and `?` within a path segment, `**` across
 * segments). A glob with a `/` matches the path from its start, and a folder it matches skips
 * everything under it (`charts/vendor` and `charts/vendor/**` alike); a glob without one matches
 * any segment of the path (`*.tmpl.yaml`, `tests`). Paths are matched as given (relative to the
 * current folder when given so), with `\` read as `/` and a leading `./` ignored.
 */
export function skipMatcher(globs: readonly string[]): (file: string) => boolean {
  if (globs.length === 0) return () => false;
  const anywhere: RegExp[] = [];
  const fromStart: RegExp[] = [];
  for (const glob of globs) {
    const g = normalizePath(glob).replace(/\/+$/, '');
    (g.includes('/') ? fromStart : anywhere).push(new RegExp(`^${globSource(g)}$`));
  }
  return file => {
    const p = normalizePath(file);
    const segments = p.split('/');
    if (anywhere.some(r => segments.some(s => r.test(s)))) return true;
    // The path itself and each folder above it.
    for (let i = segments.length; i > 0; i--) {
      const prefix = segments.slice(0, i).join('/');
      if (fromStart.some(r => r.test(prefix))) return true;
    }
    return false;
  };
}

function globSource(glob: string): string {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') {
      source += '[^/]*';
    } else if (ch === '?') {
      source += '[^/]';
    } else {
      source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return source;
}

function mapping(value: unknown, file: string, field: string, what: string): { [key: string]: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${file}: ${field === '' ? '' : `${field}: `}${describe(value)}, not ${what}`);
  }
  return value as { [key: string]: unknown };
}

function strings(value: unknown, file: string, field: string, what: string): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new ConfigError(`${file}: ${field}: ${describe(value)}, not a list of ${what}`);
  }
  value.forEach((v, i) => {
    if (typeof v !== 'string') throw new ConfigError(`${file}: ${field}[${i}]: ${describe(v)}, not a string`);
  });
  return value as string[];
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a mapping';
  return `${JSON.stringify(value)}`;
}
