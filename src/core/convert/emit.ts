// What converting one object produces: the statements of the program, and what it had to say about
// the fields it could not write as typed code.
import { Code, Imports, Names, Ids, call, code, comment, literal, statement, str } from './code';

/** How a field that has no typed prop was handled. */
export type Handling =
  /** written through an escape hatch (a JSON patch), exactly as in the input */
  | 'kept'
  /** left out of the program: a HostProcess pod cannot honour it */
  | 'left-out'
  /** not in the input; the program writes the library's value (exit code unchanged) */
  | 'added';

/** One field that did not become typed code. */
export interface FieldNote {
  /** The manifest field, dotted, with `[i]` for list indexes (`spec.template.spec.affinity`). */
  readonly field: string;
  readonly handling: Handling;
  /** Why, in a few words. */
  readonly message: string;
}

/** A JSON patch the program applies to an object's synthesized manifest. */
export interface Patch {
  readonly op: 'add' | 'remove';
  /** JSON pointer (RFC 6901) into the manifest. */
  readonly pointer: string;
  readonly value?: unknown;
  /** The comment above the patch (one line; written by `comment`, which makes input text safe). */
  readonly comment: string;
}

/** The state shared by every object of one program. */
export class Program {
  public readonly imports = new Imports();
  public readonly names = new Names();
  public readonly ids = new Ids();
  /** Statements to write before the next construct (the volumes it mounts). */
  public readonly declarations: string[] = [];
  private readonly refs = new Map<string, string>();

  /** The cdk8s-plus package that goes with the library package (`cdk8s-plus-27`). */
  public readonly kplus: string;

  constructor(
    /** The library package the program imports (`cdk8s-hostprocess`, `cdk8s-hostprocess-33`). */
    public readonly library: string,
    /** Its cdk8s-plus line, whose typed classes write the program's constructs (27). */
    public readonly line: number,
    /**
     * Whether the program is for a jsii language (`--language`): written so that jsii-rosetta's
     * translation writes what the TypeScript does (an ApiObject's fields other than apiVersion, kind
     * and metadata as JSON patches: the jsii struct ApiObjectProps has no others).
     */
    public readonly jsii: boolean = false,
  ) {
    this.kplus = `cdk8s-plus-${line}`;
  }

  /**
   * The variable of a reference to an existing object (`kplus.ConfigMap.fromConfigMapName(...)`),
   * declared before the next construct the first time it is needed, and shared after that.
   */
  public ref(kind: 'ConfigMap' | 'Secret' | 'ServiceAccount', name: string): Code {
    const key = `${kind}/${name}`;
    let variable = this.refs.get(key);
    if (variable === undefined) {
      variable = this.names.variable(name, kind);
      const factory = { ConfigMap: 'fromConfigMapName', Secret: 'fromSecretName', ServiceAccount: 'fromServiceAccountName' }[kind];
      const suffix = { ConfigMap: 'config-map', Secret: 'secret', ServiceAccount: 'service-account' }[kind];
      this.declarations.push(declaration(variable, call(this.kp(`${kind}.${factory}`), code('chart'), this.ids.id(`${name}-${suffix}`), name)));
      this.refs.set(key, variable);
    }
    return code(variable);
  }

  /** `name` imported from the library. */
  public lib(name: string): string {
    return this.imports.use(this.library, name);
  }

  /** `name` imported from cdk8s. */
  public cdk8s(name: string): string {
    return this.imports.use('cdk8s', name);
  }

  /** `kplus.<name>`, importing cdk8s-plus as `kplus`. */
  public kp(name: string): string {
    return `${this.imports.namespace(this.kplus, 'kplus')}.${name}`;
  }
}

/** JSON pointer of a path of keys and indexes. */
export function pointer(path: (string | number)[]): string {
  return path.map(p => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** The dotted field name of a path (`spec.template.spec.containers[0].stdin`). */
export function fieldName(path: (string | number)[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') {
      out += `[${p}]`;
    } else if (/^[A-Za-z0-9_-]+$/.test(p)) {
      out += out === '' ? p : `.${p}`;
    } else {
      out += `[${JSON.stringify(p)}]`;
    }
  }
  return out;
}

/** The statements that apply `patches` to the construct in variable `target`. */
export function patchStatements(program: Program, target: string, patches: Patch[]): string[] {
  if (patches.length === 0) {
    return [];
  }
  const apiObject = program.cdk8s('ApiObject');
  const jsonPatch = program.cdk8s('JsonPatch');
  const lines: string[] = [];
  for (const p of patches) {
    lines.push(comment(p.comment));
    const patch = p.op === 'remove' ? call(`${jsonPatch}.remove`, p.pointer) : call(`${jsonPatch}.add`, p.pointer, p.value);
    lines.push(statement(`${apiObject}.of(${target}).addJsonPatch(`, patch, ');'));
  }
  return lines;
}

/** `new <cls>(chart, '<id>', <props>)`, as a statement, with `const <variable> =` when given. */
export function construct(cls: string, id: string, props: unknown, variable?: string): string {
  const prefix = variable ? `const ${variable} = ` : '';
  return `${prefix}new ${cls}(chart, ${str(id)}, ${literal(props, '')});`;
}

/** `const <variable> = <value>;` */
export function declaration(variable: string, value: unknown): string {
  return statement(`const ${variable} = `, value);
}

