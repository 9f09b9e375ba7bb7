// Node selection, tolerations and node affinity of a pod spec as typed code.
import { Code, call, code, enumTable, isObject, literal, statement, str } from './code';
import { Program } from './emit';
import { Json, Leftovers, Path, SELF, isStringList, take } from './leftovers';
import { WindowsBuild } from '../windows/windows-build';

export function nodeSelector(program: Program, selector: unknown, path: Path, props: Json, leftovers: Leftovers): void {
  if (selector === undefined) {
    return;
  }
  if (!isObject(selector)) {
    leftovers.keep(path, selector, 'not a map of labels');
    return;
  }
  const rest: Json = { ...selector };
  const os = take(rest, 'kubernetes.io/os');
  if (os !== undefined && os !== 'windows') {
    leftovers.leaveOut([...path, 'kubernetes.io/os'], `a HostProcess pod runs on Windows nodes; the library selects kubernetes.io/os: windows (was ${JSON.stringify(os)})`);
  }
  const build = rest[WindowsBuild.LABEL];
  if (typeof build === 'string') {
    delete rest[WindowsBuild.LABEL];
    const wb = program.lib('WindowsBuild');
    const named = (['LTSC2019', 'LTSC2022', 'LTSC2025'] as const).find(n => WindowsBuild[n].buildNumber === build);
    props.windowsBuild = code(named ? `${wb}.${named}` : `${wb}.of(${str(build)})`);
  }
  if (Object.keys(rest).length > 0) {
    props.nodeSelector = rest;
  }
}

export function tolerations(program: Program, spec: Json, path: Path, after: string[], leftovers: Leftovers): void {
  const list = spec.tolerations;
  if (list === undefined) {
    return;
  }
  const queries = Array.isArray(list) ? list.map(t => tolerationCode(program, t)) : [undefined];
  delete spec.tolerations;
  if (queries.some(q => q === undefined)) {
    leftovers.keep([...path, 'tolerations'], list, 'a toleration kplus cannot write exactly');
    return;
  }
  if (queries.length > 0) {
    after.push(statement(`${SELF}.scheduling.tolerate(`, call(program.kp('Node.tainted'), ...queries), ');'));
  }
}

const EFFECTS = enumTable({ NoSchedule: 'NO_SCHEDULE', PreferNoSchedule: 'PREFER_NO_SCHEDULE', NoExecute: 'NO_EXECUTE' });

function tolerationCode(program: Program, t: any): Code | undefined {
  if (!isObject(t)) return undefined;
  const { key, operator, value, effect, tolerationSeconds, ...other } = t as Json;
  if (Object.keys(other).length > 0 || (effect !== undefined && !EFFECTS[effect])) return undefined;
  if (tolerationSeconds !== undefined && (!Number.isInteger(tolerationSeconds) || tolerationSeconds < 0 || effect !== 'NoExecute')) return undefined;
  const preset = (name: string) => code(`${program.lib('HostProcessTolerations')}.${name}()`);
  if (tolerationSeconds === undefined && value === undefined && operator === 'Exists') {
    if (key === undefined && effect === undefined) return preset('all');
    if (key === undefined && effect === 'NoSchedule') return preset('noSchedule');
    if (key === undefined && effect === 'NoExecute') return preset('noExecute');
    if (key === 'CriticalAddonsOnly' && effect === undefined) return preset('criticalAddonsOnly');
  }
  if (tolerationSeconds === undefined && operator === 'Equal' && key === 'node.kubernetes.io/os' && value === 'windows' && effect === 'NoSchedule') {
    return preset('windowsOsTaint');
  }
  const options: Json = {};
  if (effect !== undefined) options.effect = code(program.kp(`TaintEffect.${EFFECTS[effect]}`));
  if (tolerationSeconds !== undefined) options.evictAfter = code(`${program.cdk8s('Duration')}.seconds(${tolerationSeconds})`);
  const opts = Object.keys(options).length > 0 ? `, ${literal(options)}` : '';
  const query = program.kp('NodeTaintQuery');
  // kplus writes `operator` always; an input without it (Equal by default) is not reproduced exactly.
  if (operator === 'Exists' && typeof key === 'string' && key !== '' && value === undefined) return code(`${query}.exists(${str(key)}${opts})`);
  if (operator === 'Equal' && typeof key === 'string' && key !== '' && typeof value === 'string') return code(`${query}.is(${str(key)}, ${str(value)}${opts})`);
  return undefined;
}

const NODE_OPERATORS = enumTable({ In: 'in', NotIn: 'notIn', Exists: 'exists', DoesNotExist: 'doesNotExist', Gt: 'gt', Lt: 'lt' });

/** A node selector term's expressions as kplus node label queries, or undefined. */
function termCode(program: Program, term: unknown): Code[] | undefined {
  if (!isObject(term)) return undefined;
  const { matchExpressions, ...other } = term as Json;
  if (Object.keys(other).length > 0 || !Array.isArray(matchExpressions) || matchExpressions.length === 0) return undefined;
  const queries: Code[] = [];
  for (const e of matchExpressions) {
    if (!isObject(e) || typeof e.key !== 'string') return undefined;
    const { key, operator, values, ...more } = e as Json;
    const fn = NODE_OPERATORS[operator];
    if (Object.keys(more).length > 0 || !fn) return undefined;
    const withValues = !['Exists', 'DoesNotExist'].includes(operator);
    if (withValues ? !isStringList(values) : values !== undefined) return undefined;
    queries.push(withValues ? call(program.kp(`NodeLabelQuery.${fn}`), key, values) : call(program.kp(`NodeLabelQuery.${fn}`), key));
  }
  return queries;
}

/**
 * Node affinity as `scheduling.attract` calls: kplus writes one required node selector term per
 * call (and one preferred term with its weight). Any other affinity is kept by the escape hatch.
 */
export function affinityCode(program: Program, affinity: unknown): string[] | undefined {
  if (!isObject(affinity)) return undefined;
  const { nodeAffinity, ...other } = affinity as Json;
  if (Object.keys(other).length > 0 || !isObject(nodeAffinity)) return undefined;
  const {
    requiredDuringSchedulingIgnoredDuringExecution: required, preferredDuringSchedulingIgnoredDuringExecution: preferred, ...more
  } = nodeAffinity as Json;
  if (Object.keys(more).length > 0 || (required === undefined && preferred === undefined)) return undefined;
  const statements: string[] = [];
  const node = program.kp('Node.labeled');
  if (required !== undefined) {
    if (!isObject(required) || Object.keys(required).join() !== 'nodeSelectorTerms' || !Array.isArray(required.nodeSelectorTerms)) return undefined;
    for (const term of required.nodeSelectorTerms) {
      const queries = termCode(program, term);
      if (!queries) return undefined;
      statements.push(statement(`${SELF}.scheduling.attract(`, call(node, ...queries), ');'));
    }
  }
  if (preferred !== undefined) {
    if (!Array.isArray(preferred)) return undefined;
    for (const p of preferred) {
      if (!isObject(p) || Object.keys(p).sort().join() !== 'preference,weight' || !Number.isInteger(p.weight)) return undefined;
      const queries = termCode(program, p.preference);
      if (!queries) return undefined;
      statements.push(statement(`${SELF}.scheduling.attract(`, call(node, ...queries), `, { weight: ${p.weight} });`));
    }
  }
  return statements;
}
