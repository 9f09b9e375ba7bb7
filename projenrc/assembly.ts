import * as fs from 'fs';
import * as path from 'path';

/** The parts of a jsii assembly (`.jsii`) that the checks under projenrc/ read. */
export interface Docs {
  readonly summary?: string;
  readonly default?: string;
  readonly example?: string;
  readonly stability?: string;
}

export interface Parameter {
  readonly name: string;
  readonly optional?: boolean;
  readonly docs?: Docs;
  readonly type?: { readonly fqn?: string };
}

export interface Property {
  readonly name: string;
  readonly optional?: boolean;
  readonly static?: boolean;
  readonly docs?: Docs;
}

export interface Callable {
  readonly name?: string;
  readonly docs?: Docs;
  readonly parameters?: Parameter[];
  readonly protected?: boolean;
}

export interface Type {
  readonly fqn: string;
  readonly name: string;
  readonly namespace?: string;
  readonly kind: 'class' | 'interface' | 'enum';
  readonly datatype?: boolean;
  readonly abstract?: boolean;
  readonly docs?: Docs;
  readonly properties?: Property[];
  readonly methods?: Callable[];
  readonly initializer?: Callable;
  readonly members?: { readonly name: string; readonly docs?: Docs }[];
}

export interface Assembly {
  readonly name: string;
  readonly readme?: { readonly markdown: string };
  readonly types: { [fqn: string]: Type };
  readonly submodules?: { [fqn: string]: unknown };
}

/** The repository root (this file lives in `<root>/projenrc`). */
export const ROOT = path.resolve(__dirname, '..');

/** Reads `<root>/.jsii`, which `npx projen compile` writes. */
export function loadAssembly(root: string = ROOT): Assembly {
  const file = path.join(root, '.jsii');
  if (!fs.existsSync(file)) {
    throw new Error(`${file} does not exist: run "npx projen compile" first`);
  }
  const assembly = JSON.parse(fs.readFileSync(file, 'utf-8'));
  if (assembly.schema === 'jsii/file-redirect') {
    throw new Error(`${file} is a compressed assembly; these checks read the plain one`);
  }
  return assembly as Assembly;
}

/** Every public type of the assembly, sorted by fully-qualified name. */
export function publicTypes(assembly: Assembly): Type[] {
  return Object.values(assembly.types).sort((a, b) => a.fqn.localeCompare(b.fqn));
}

/**
 * The name of a type inside its module: `Name`, or `Outer.Inner` for a type nested in a class,
 * without the assembly and submodule prefix.
 */
export function localName(assembly: Assembly, type: Type): string {
  const submodules = Object.keys(assembly.submodules ?? {}).sort((a, b) => b.length - a.length);
  const prefix = submodules.find((s) => type.fqn.startsWith(`${s}.`)) ?? assembly.name;
  return type.fqn.slice(prefix.length + 1);
}
