// Every public type and prop is documented, in the assembly (`.jsii`, written by `npx projen compile`)
// and in API.md: a summary everywhere, a `@default` on every optional prop of a props struct, and an
// `@example` on every construct. The assembly is what the docs of every language are generated from.
import * as fs from 'fs';
import * as path from 'path';
import { Type, loadAssembly, publicTypes } from '../projenrc/assembly';

const assembly = loadAssembly();
const types = publicTypes(assembly);
const apiMd = fs.readFileSync(path.join(__dirname, '..', 'API.md'), 'utf-8');

/** A construct takes `(scope: Construct, id: string, ...)`. */
function isConstruct(type: Type): boolean {
  const [scope, id] = type.initializer?.parameters ?? [];
  return type.kind === 'class' && scope?.type?.fqn === 'constructs.Construct' && id?.name === 'id';
}

/** The text of API.md from the anchor `id="<id>"` to the next anchor of a heading. */
function apiMdSection(id: string): string | undefined {
  const start = apiMd.indexOf(`id="${id}"`);
  if (start < 0) return undefined;
  const next = apiMd.slice(start + 1).search(/\n#+ .*<a name="[^"]*" id="/);
  return next < 0 ? apiMd.slice(start) : apiMd.slice(start, start + 1 + next);
}

const hasText = (s: string | undefined) => s !== undefined && s.trim().length > 0;

function problems(type: Type): string[] {
  const found: string[] = [];
  if (!hasText(type.docs?.summary)) found.push(`${type.fqn}: no summary`);
  const section = apiMdSection(type.fqn);
  if (section === undefined) found.push(`${type.fqn}: not in API.md`);

  if (isConstruct(type)) {
    if (!hasText(type.docs?.example)) {
      found.push(`${type.fqn}: a construct without an @example`);
    } else if (!section?.includes('*Example*') || !section.includes(type.docs!.example!.split('\n')[0])) {
      found.push(`${type.fqn}: API.md does not show its @example`);
    }
  }

  for (const prop of type.properties ?? []) {
    const where = `${type.fqn}.${prop.name}`;
    if (!hasText(prop.docs?.summary)) found.push(`${where}: no summary`);
    if (type.datatype && prop.optional) {
      if (!hasText(prop.docs?.default)) {
        found.push(`${where}: optional prop without @default`);
      } else if (!apiMdSection(`${type.fqn}.property.${prop.name}`)?.includes('- *Default:* ')) {
        found.push(`${where}: API.md does not show its default`);
      }
    }
  }
  for (const method of type.methods ?? []) {
    if (!hasText(method.docs?.summary)) found.push(`${type.fqn}.${method.name}(): no summary`);
  }
  for (const member of type.members ?? []) {
    if (!hasText(member.docs?.summary)) found.push(`${type.fqn}.${member.name}: no summary`);
  }
  return found;
}

test('the assembly has public types and constructs', () => {
  expect(types.length).toBeGreaterThan(0);
  expect(types.filter(isConstruct).map((t) => t.name)).toEqual(
    expect.arrayContaining(['HostProcessDaemonSet', 'HostProcessPod']),
  );
});

test.each(types.map((t) => [t.fqn, t] as const))('%s is documented', (_fqn, type) => {
  expect(problems(type)).toEqual([]);
});
