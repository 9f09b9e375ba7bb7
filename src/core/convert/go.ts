// `convert --language go`: the program in Go, written from the TypeScript program convert writes
// with the TypeScript compiler's types (the library's, cdk8s' and cdk8s-plus' declarations, resolved
// where the command runs), not by jsii-rosetta: rosetta's Go (jsii-rosetta 1.x GoVisitor) does not
// compile against the jsii Go modules (statements without `package main` and `func main()`, import
// paths without the modules' major version, unqualified struct types, slices and maps as values where
// jsii Go takes pointers, `*` before static calls, no `nil` for omitted optional arguments), and the
// programs convert writes use a small part of TypeScript: imports, `const` declarations, `new`,
// calls, property reads, and literals. The Go names are jsii-pacmak's (jsii-pacmak 1.x lib/targets/go):
// `pkg.NewClass(...)`, `pkg.Class_StaticMethod(...)`, `pkg.Class_STATIC_PROPERTY()`, `pkg.Enum_MEMBER`,
// methods and properties (as getters) with the first letter upper-cased, structs as `&pkg.Struct{...}`,
// arrays as `*[]T`, maps as `*map[string]T`, strings, numbers and booleans as pointers
// (`jsii.String`, `jsii.Number`, `jsii.Bool`); a value of type `any` (a JSON patch's) as plain Go
// values (`map[string]interface{}`, `[]interface{}`, "text", 1, true).
//
// Env order: kplus writes a container's env in the order of its `envVariables` (cdk8s-plus-27
// lib/container.js `Env.renderEnv`, `Object.entries`), and jsii-runtime-go passes a Go map to
// JavaScript in Go's map order, which is unspecified (jsii-runtime-go 1.140.0
// internal/kernel/conversions.go, `data.MapKeys()`): a container's `envVariables` is not written
// in its props; each variable is added after the workload is made, in the input's order, with
// `(*workload.Containers())[i].Env().AddVariable(name, value)` (`InitContainers()` for init
// containers), which appends to the same env (lib/container.js `Env.addVariable`).
import * as fs from 'fs';
import * as path from 'path';
import { LITERALS } from './translate';

/** The Go module of jsii-runtime-go, whose `jsii.String` and the like every program uses. */
const JSII_RUNTIME = 'github.com/aws/jsii-runtime-go';

/** Go's keywords and predeclared identifiers, which a variable is not named. */
const GO_RESERVED = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto', 'if',
  'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var',
  'any', 'bool', 'byte', 'cap', 'close', 'complex', 'copy', 'delete', 'error', 'false', 'float64', 'imag', 'int', 'iota', 'len',
  'make', 'new', 'nil', 'panic', 'print', 'println', 'real', 'recover', 'string', 'true', 'uint', 'main', 'jsii',
]);

/** A Go package of a jsii module: its import path and its name. */
interface GoPackage {
  readonly importPath: string;
  readonly name: string;
}

/** The Go package jsii-pacmak makes of the jsii assembly in `dir` (its .jsii `targets.go`). */
function goPackageOf(dir: string): GoPackage {
  const assembly = JSON.parse(fs.readFileSync(path.join(dir, '.jsii'), 'utf-8'));
  const go = assembly.targets?.go;
  if (!go?.moduleName) throw new Error(`${assembly.name} has no Go target (its .jsii targets.go)`);
  // jsii-pacmak 1.x lib/targets/go/package.js: the package name is the npm name without its
  // punctuation; the module path is moduleName/packageName, with /vN from version 2 on.
  const name: string = go.packageName ?? assembly.name.replace(/[^a-z0-9.]/gi, '').toLowerCase();
  const major = Number(String(assembly.version).split('.')[0]);
  return { importPath: `${go.moduleName}/${name}${major >= 2 ? `/v${major}` : ''}`, name };
}

/** Whether `flags` has a bit of `mask` (the compiler's TypeFlags and SymbolFlags). */
// eslint-disable-next-line no-bitwise
const has = (flags: number, mask: number): boolean => (flags & mask) !== 0;

const upper = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * `source` (a TypeScript program convert wrote for a jsii language) in Go, typed with the
 * declarations `ts` resolves from `directory`. Throws when the program has something it does not
 * write (convert writes none).
 */
class GoWriter {
  private readonly checker: any;
  private readonly file: any;
  private readonly packages = new Map<string, GoPackage | undefined>();
  private readonly imports = new Set<string>();
  /** Variables renamed because Go reserves their names or a package has it. */
  private readonly renamed = new Map<any, string>();
  private readonly uses = new Map<any, number>();
  /** Property assignments not written in their object (env variables, added after). */
  private readonly skipped = new Set<any>();

  constructor(private readonly ts: any, program: any, fileName: string) {
    this.checker = program.getTypeChecker();
    this.file = program.getSourceFile(fileName);
  }

  public write(): string {
    const ts = this.ts;
    this.countUses(this.file);
    // The packages the program imports first, so that no variable takes a package's name.
    for (const statement of this.file.statements) {
      const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
      const names = !bindings ? [] : ts.isNamespaceImport(bindings) ? [bindings.name] : bindings.elements.map((e: any) => e.name);
      for (const name of names) this.locate(this.resolve(this.checker.getSymbolAtLocation(name)));
    }
    const header: string[] = [];
    const body: string[] = [];
    let first = true;
    for (const statement of this.file.statements) {
      const comments = this.comments(statement);
      if (ts.isImportDeclaration(statement)) {
        if (first) header.push(...comments);
        continue;
      }
      const blank = first ? false : /\n[ \t]*\n/.test(this.file.text.slice(statement.pos, statement.getStart(this.file)).split('//')[0]);
      if (blank && body.length > 0) body.push('');
      body.push(...comments, ...this.statement(statement));
      first = false;
    }
    body.push(...this.comments(this.file.endOfFileToken));
    // The header is the comments above the first statement (before the imports).
    const imports = [...this.imports].sort().map(p => `import ${JSON.stringify(p)}`);
    return [
      ...header,
      'package main',
      '',
      ...imports,
      '',
      'func main() {',
      ...body.map(l => (l === '' ? l : `\t${l.replace(/\n/g, '\n\t')}`)),
      '}',
      '',
    ].join('\n');
  }

  /** The `//` comments on their own lines above `node`, as they are. */
  private comments(node: any): string[] {
    const ranges = this.ts.getLeadingCommentRanges(this.file.text, node.pos) ?? [];
    return ranges.map((r: any) => this.file.text.slice(r.pos, r.end)).filter((c: string) => c.startsWith('//'));
  }

  private countUses(node: any): void {
    const ts = this.ts;
    if (ts.isIdentifier(node) && !(node.parent && ts.isVariableDeclaration(node.parent) && node.parent.name === node)) {
      const symbol = this.checker.getSymbolAtLocation(node);
      if (symbol) this.uses.set(symbol, (this.uses.get(symbol) ?? 0) + 1);
    }
    ts.forEachChild(node, (child: any) => this.countUses(child));
  }

  private statement(node: any): string[] {
    const ts = this.ts;
    if (ts.isExpressionStatement(node)) {
      return [this.expression(node.expression, '')];
    }
    if (ts.isVariableStatement(node)) {
      const lines: string[] = [];
      for (const d of node.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer) throw this.unsupported(d);
        const symbol = this.checker.getSymbolAtLocation(d.name);
        const env = ts.isNewExpression(d.initializer) ? this.envOf(d.initializer) : [];
        const used = (this.uses.get(symbol) ?? 0) > 0 || env.length > 0;
        const value = this.expression(d.initializer, '');
        if (!used) {
          lines.push(value);
          continue;
        }
        const name = this.variable(symbol, d.name.text);
        lines.push(`${name} := ${value}`);
        lines.push(...env.map(e => `(*${name}.${e.list}())[${e.index}].Env().AddVariable(${this.jsii('String', LITERALS.go(e.name))}, ${this.expression(e.value, '')})`));
      }
      return lines;
    }
    throw this.unsupported(node);
  }

  private variable(symbol: any, name: string): string {
    let go = this.renamed.get(symbol);
    if (go === undefined) {
      go = GO_RESERVED.has(name) || [...this.packages.values()].some(p => p?.name === name) ? `${name}Var` : name;
      this.renamed.set(symbol, go);
    }
    return go;
  }

  /**
   * The env variables of the containers of `new Workload(scope, id, { containers: [...] })`, in
   * order, each taken out of its container's props (see the file's comment).
   */
  private envOf(node: any): { list: string; index: number; name: string; value: any }[] {
    const ts = this.ts;
    const props = node.arguments?.[2];
    if (!props || !ts.isObjectLiteralExpression(props)) return [];
    const out: { list: string; index: number; name: string; value: any }[] = [];
    for (const p of props.properties) {
      const list = ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) ? { containers: 'Containers', initContainers: 'InitContainers' }[p.name.text as string] : undefined;
      if (!list || !ts.isArrayLiteralExpression(p.initializer)) continue;
      p.initializer.elements.forEach((c: any, index: number) => {
        if (!ts.isObjectLiteralExpression(c)) return;
        const env = c.properties.find((q: any) => ts.isPropertyAssignment(q) && this.propertyName(q) === 'envVariables');
        if (!env || !ts.isObjectLiteralExpression(env.initializer)) return;
        for (const v of env.initializer.properties) {
          if (!ts.isPropertyAssignment(v)) throw this.unsupported(v);
          out.push({ list, index, name: this.propertyName(v), value: v.initializer });
        }
        this.skipped.add(env);
      });
    }
    return out;
  }

  private propertyName(p: any): string {
    const ts = this.ts;
    if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name)) return p.name.text;
    throw this.unsupported(p);
  }

  private unsupported(node: any): Error {
    const { line } = this.file.getLineAndCharacterOfPosition(node.getStart(this.file));
    return new Error(`convert cannot write this in Go (line ${line + 1}: ${this.ts.SyntaxKind[node.kind]})`);
  }

  private typeAt(node: any): any {
    const type = this.checker.getContextualType(node);
    return type === undefined ? undefined : this.checker.getNonNullableType(type);
  }

  private isAny(type: any): boolean {
    return type === undefined || has(type.flags, this.ts.TypeFlags.Any) || has(type.flags, this.ts.TypeFlags.Unknown);
  }

  /** The Go package of the module that declares `symbol` (its folder's .jsii), imported. */
  private packageOf(symbol: any): GoPackage {
    const pkg = this.locate(symbol);
    this.imports.add(pkg.importPath);
    return pkg;
  }

  /** The Go package of the module that declares `symbol`. */
  private locate(symbol: any): GoPackage {
    const decl = symbol.declarations?.[0];
    if (!decl) throw new Error(`convert cannot write ${symbol.name} in Go: no declaration`);
    let dir = path.dirname(decl.getSourceFile().fileName);
    for (; ;) {
      if (this.packages.has(dir)) break;
      if (fs.existsSync(path.join(dir, '.jsii'))) {
        this.packages.set(dir, goPackageOf(dir));
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir) throw new Error(`convert cannot write ${symbol.name} in Go: it is not from a jsii module`);
      dir = parent;
    }
    return this.packages.get(dir)!;
  }

  private resolve(symbol: any): any {
    return symbol && has(symbol.flags, this.ts.SymbolFlags.Alias) ? this.checker.getAliasedSymbol(symbol) : symbol;
  }

  /** `pkg.Name` of a class, struct, interface or enum. */
  private qualified(symbol: any): string {
    return `${this.packageOf(symbol).name}.${symbol.name}`;
  }

  private jsii(fn: string, value: string): string {
    this.imports.add(JSII_RUNTIME);
    return `jsii.${fn}(${value})`;
  }

  /** The Go type of a value of TypeScript type `type` in a slice or map. */
  private goType(type: any): string {
    const ts = this.ts;
    type = this.checker.getNonNullableType(type);
    if (this.isAny(type)) return 'interface{}';
    if (has(type.flags, ts.TypeFlags.StringLike)) return '*string';
    if (has(type.flags, ts.TypeFlags.NumberLike) && !has(type.flags, ts.TypeFlags.EnumLike)) return '*float64';
    if (has(type.flags, ts.TypeFlags.BooleanLike)) return '*bool';
    if (this.checker.isArrayType(type)) return `*[]${this.goType(this.checker.getTypeArguments(type)[0])}`;
    let symbol = type.aliasSymbol ?? type.symbol;
    const index = this.checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (index && !(symbol && this.isStruct(symbol))) return `*map[string]${this.goType(index.type)}`;
    if (has(type.flags, ts.TypeFlags.EnumLiteral) && symbol?.parent) symbol = symbol.parent;
    if (!symbol) throw new Error(`convert cannot write the type ${this.checker.typeToString(type)} in Go`);
    return `${this.isStruct(symbol) ? '*' : ''}${this.qualified(symbol)}`;
  }

  /** Whether `symbol` is a jsii struct (an interface of properties only that is not an `I...` interface). */
  private isStruct(symbol: any): boolean {
    const ts = this.ts;
    if (!has(symbol.flags, ts.SymbolFlags.Interface) || /^I[A-Z]/.test(symbol.name)) return false;
    // An index signature is the struct's too (cdk8s ApiObjectMetadata has one; jsii drops it).
    return (symbol.declarations ?? []).every((d: any) => ts.isInterfaceDeclaration(d)
      && d.members.every((m: any) => ts.isPropertySignature(m) || ts.isIndexSignatureDeclaration(m)));
  }

  /** Go for the expression `node`, its lines after the first at `indent` (tabs). */
  private expression(node: any, indent: string): string {
    const ts = this.ts;
    const type = this.typeAt(node);
    // A literal where the type is `any` (a JSON patch's value) is a plain Go value.
    const plain = this.isAny(type);
    if (ts.isParenthesizedExpression(node)) return this.expression(node.expression, indent);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      return plain ? LITERALS.go(node.text) : this.jsii('String', LITERALS.go(node.text));
    }
    const negative = ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand);
    if (ts.isNumericLiteral(node) || negative) {
      const n = negative ? -Number(node.operand.text) : Number(node.text);
      // An integer past 2^53 as a float constant: as an int it would overflow Go's int.
      const text = Number.isInteger(n) && !Number.isSafeInteger(n) ? n.toExponential() : String(n);
      return plain ? text : this.jsii('Number', text);
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
      const b = node.kind === ts.SyntaxKind.TrueKeyword ? 'true' : 'false';
      return plain ? b : this.jsii('Bool', b);
    }
    if (node.kind === ts.SyntaxKind.NullKeyword) return 'nil';
    if (ts.isArrayLiteralExpression(node)) return this.array(node, type, indent);
    if (ts.isObjectLiteralExpression(node)) return this.object(node, type, indent);
    if (ts.isIdentifier(node)) {
      const symbol = this.checker.getSymbolAtLocation(node);
      return this.variable(symbol, node.text);
    }
    if (ts.isPropertyAccessExpression(node)) return this.property(node, indent);
    if (ts.isNewExpression(node)) {
      const symbol = this.resolve(this.checker.getSymbolAtLocation(node.expression.name ?? node.expression));
      const pkg = this.packageOf(symbol);
      return `${pkg.name}.New${symbol.name}(${this.arguments(node, indent)})`;
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const callee = node.expression;
      const target = this.resolve(this.checker.getSymbolAtLocation(callee.expression.name ?? callee.expression));
      const method = upper(callee.name.text);
      const isType = target && (has(target.flags, ts.SymbolFlags.Class) || has(target.flags, ts.SymbolFlags.Enum));
      if (isType && !has(target.flags, ts.SymbolFlags.Variable)) {
        return `${this.qualified(target)}_${method}(${this.arguments(node, indent)})`;
      }
      return `${this.expression(callee.expression, indent)}.${method}(${this.arguments(node, indent)})`;
    }
    throw this.unsupported(node);
  }

  /** `a.b`: an enum member, a static property (a function in Go) or a property's getter. */
  private property(node: any, indent: string): string {
    const ts = this.ts;
    const symbol = this.checker.getSymbolAtLocation(node);
    if (symbol && has(symbol.flags, ts.SymbolFlags.EnumMember)) {
      return `${this.qualified(symbol.parent)}_${symbol.name}`;
    }
    const owner = this.resolve(this.checker.getSymbolAtLocation(node.expression.name ?? node.expression));
    if (owner && has(owner.flags, ts.SymbolFlags.Class) && !has(owner.flags, ts.SymbolFlags.Variable)) {
      return `${this.qualified(owner)}_${node.name.text}()`;
    }
    return `${this.expression(node.expression, indent)}.${upper(node.name.text)}()`;
  }

  /** A call's arguments, with `nil` for each optional parameter it leaves out (Go has no optional arguments). */
  private arguments(node: any, indent: string): string {
    const signature = this.checker.getResolvedSignature(node);
    const args = (node.arguments ?? []).map((a: any) => this.expression(a, indent));
    const params = signature?.getParameters() ?? [];
    for (let i = args.length; i < params.length; i++) {
      const decl = params[i].valueDeclaration;
      if (decl?.dotDotDotToken) break;
      args.push('nil');
    }
    return args.join(', ');
  }

  private array(node: any, type: any, indent: string): string {
    const ts = this.ts;
    const inner = `${indent}\t`;
    const elements = node.elements.map((e: any) => this.expression(e, inner));
    if (this.isAny(type)) return this.composite('[]interface{}', elements, indent);
    if (!this.checker.isArrayType(type)) throw this.unsupported(node);
    const element = this.checker.getTypeArguments(type)[0];
    if (node.elements.length > 0 && node.elements.every((e: any) => ts.isStringLiteral(e)) && has(element.flags, ts.TypeFlags.StringLike)) {
      const line = `jsii.Strings(${node.elements.map((e: any) => LITERALS.go(e.text)).join(', ')})`;
      if (line.length + indent.length * 4 <= 100) return line;
    }
    return `&${this.composite(`[]${this.goType(element)}`, elements, indent)}`;
  }

  private object(node: any, type: any, indent: string): string {
    const ts = this.ts;
    const inner = `${indent}\t`;
    const properties = node.properties.filter((p: any) => !this.skipped.has(p));
    for (const p of properties) if (!ts.isPropertyAssignment(p)) throw this.unsupported(p);
    const keyed = (key: (p: any) => string) => properties.map((p: any) => `${key(p)}: ${this.expression(p.initializer, inner)}`);
    if (this.isAny(type)) {
      return this.composite('map[string]interface{}', keyed((p: any) => LITERALS.go(this.propertyName(p))), indent);
    }
    const symbol = type.aliasSymbol ?? type.symbol;
    const index = this.checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (index && !(symbol && this.isStruct(symbol))) {
      return `&${this.composite(`map[string]${this.goType(index.type)}`, keyed((p: any) => LITERALS.go(this.propertyName(p))), indent)}`;
    }
    if (!symbol || !this.isStruct(symbol)) throw this.unsupported(node);
    // A key the struct does not declare (allowed by its index signature) has no Go field.
    const declared = (p: any) => this.checker.getPropertyOfType(type, this.propertyName(p));
    const extra = properties.find((p: any) => declared(p) === undefined || has(declared(p).flags, ts.SymbolFlags.Transient));
    if (extra) throw new Error(`convert cannot write ${symbol.name}'s field ${this.propertyName(extra)} in Go: the Go struct has no such field`);
    return `&${this.composite(this.qualified(symbol), keyed((p: any) => upper(this.propertyName(p))), indent)}`;
  }

  /** `T{...}`, one element a line. */
  private composite(type: string, elements: string[], indent: string): string {
    if (elements.length === 0) return `${type}{}`;
    return `${type}{\n${elements.map(e => `${indent}\t${e},\n`).join('')}${indent}}`;
  }
}

/**
 * `source` in Go (see the file's comment), typed from `directory`; or the compiler's first
 * diagnostic (`missing`: a module it cannot find) when it does not compile.
 */
export function goProgram(ts: any, source: string, directory: string): { program?: string; diagnostics?: string[] } {
  const fileName = path.join(directory, '__cdk8s_hostprocess_convert__.ts');
  const options = {
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10 ?? ts.ModuleResolutionKind.NodeJs,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    ignoreDeprecations: '6.0',
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name: string, ...rest: any[]) =>
    (name === fileName ? ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2020, true) : getSourceFile(name, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name: string) => name === fileName || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name: string) => (name === fileName ? source : readFile(name));
  const program = ts.createProgram([fileName], options, host);
  const file = program.getSourceFile(fileName);
  const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]
    .map((d: any) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (diagnostics.length > 0) return { diagnostics };
  return { program: new GoWriter(ts, program, fileName).write() };
}
