// `convert --language`: the program in another jsii language, translated by jsii-rosetta with the
// library's own types (so props become Python keyword arguments and Java builders, and names come
// from the packages' jsii targets); Go is written by go.ts from the same types, with the TypeScript
// compiler rosetta uses (rosetta's Go does not compile). jsii-rosetta is not a dependency of this
// package: it is loaded only for this flag, from the folder the command runs in.
import { randomBytes } from 'crypto';
import { utf16 } from './code';
import { goProgram } from './go';
import { JAVA_ORDERED_MAP, tidyImports } from './imports';

/** The languages `--language` takes, and rosetta's visitor for each (Go's is not used: go.ts writes Go). */
export const LANGUAGES: { [language: string]: string } = {
  python: 'PythonVisitor',
  java: 'JavaVisitor',
  csharp: 'CSharpVisitor',
  go: 'GoVisitor',
};

/** The result of a translation: the program, or why there is none. */
export interface Translation {
  readonly program?: string;
  readonly error?: string;
}

/** jsii-rosetta and the TypeScript compiler it parses with. */
export interface Rosetta {
  readonly rosetta: any;
  readonly typescript: any;
}

/**
 * Translates `program` (TypeScript) into `language`, resolving its imports (the library package,
 * cdk8s, cdk8s-plus) from `directory`, as an app there would. `load` loads jsii-rosetta (tests
 * substitute a failing one).
 *
 * Input text reaches the translation only as string literals and comments. Comments are made safe
 * in TypeScript already (`commentText`: printable ASCII only) and rosetta copies them as they are.
 * String literals are not left to rosetta, which writes some as they are (a Python dict key
 * between bare quotes, a C# or Go string with a raw U+2028 or byte order mark): every one but the
 * module names is replaced by a placeholder before translation and written after it by the
 * language's own `LITERALS` function.
 */
export function translate(program: string, language: string, directory: string, packages: string[],
  load: () => Rosetta = () => loadRosetta(directory)): Translation {
  let rosetta: any;
  let typescript: any;
  try {
    ({ rosetta, typescript } = load());
  } catch {
    return {
      error: '--language needs jsii-rosetta, which translates the program with the library\'s types: ' +
        'npm install --save-dev jsii-rosetta (in the app folder), then run the command there',
    };
  }
  if (language === 'go') {
    return goTranslation(typescript, program, directory, packages);
  }
  const placeholders = new Placeholders();
  const masked = maskStrings(typescript, program, placeholders);
  const snippet = rosetta.typeScriptSnippetFromVisibleSource(masked.program, { api: { api: 'file', fileName: 'main.ts' } }, true,
    { [rosetta.SnippetParameters.$COMPILATION_DIRECTORY]: directory });
  const translator = new rosetta.Translator(false).translatorFor(snippet);
  // Without the packages' types rosetta still writes something, but not the right calls: refuse.
  const diagnostics: string[] = translator.compileDiagnostics.map((d: any) => flatten(d.messageText));
  const refused = refusal(diagnostics, directory, packages);
  if (refused !== undefined) return refused;
  const result = unmaskStrings(translator.renderUsing(visitor(rosetta, typescript, language)) + '\n', masked.values, placeholders, LITERALS[language]);
  return result.program === undefined ? result : { program: tidyImports(result.program, language) };
}

/** Why a program with `diagnostics` (the TypeScript compiler's) is not translated, if it is not. */
function refusal(diagnostics: string[], directory: string, packages: string[]): Translation | undefined {
  const missing = diagnostics.filter(d => /Cannot find module/.test(d));
  if (missing.length > 0) {
    return {
      error: `--language translates with the types of ${packages.join(', ')}, which are not installed where the command runs ` +
        `(${directory}): run it in the app folder after npm install (${missing[0]})`,
    };
  }
  if (diagnostics.length > 0) {
    return { error: `the program does not compile, so it cannot be translated: ${diagnostics[0]}` };
  }
  return undefined;
}

/**
 * Go: written by go.ts from the program's types, not by rosetta, whose Go does not compile against
 * the jsii Go modules (go.ts says how). Its string literals are LITERALS.go's.
 */
function goTranslation(typescript: any, program: string, directory: string, packages: string[]): Translation {
  try {
    const result = goProgram(typescript, program, directory);
    return refusal(result.diagnostics ?? [], directory, packages) ?? { program: result.program };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Python's keywords, which jsii-pacmak writes with a trailing `_` (jsii-pacmak 1.x lib/targets/python/util.js). */
const PYTHON_KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def',
  'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

/**
 * rosetta's visitor for `language`, put right where it writes a program that does not write what
 * the TypeScript program writes:
 * - Python: rosetta snake_cases a dict key written as an identifier (`{ preStop: ... }` becomes
 *   `{"pre_stop": ...}`, jsii-rosetta 1.x python.ts `propertyAssignment`), which is right for a
 *   struct's keyword arguments only: in a dict (a map, or the `any` of a JSON patch or an
 *   ApiObject's fields) the key is written as it is. An identifier key is letters, digits, `_` and
 *   `$`, which a Python string holds as they are.
 * - Python: a name that is a Python keyword gets the `_` jsii-pacmak gives it
 *   (`kplus.NodeLabelQuery.in_(...)`; jsii-pacmak 1.x python `toPythonIdentifier`); rosetta writes
 *   it bare, which does not parse.
 * - Java: a property read in front of a call (`ds.scheduling.tolerate(...)`) is the getter
 *   (`ds.getScheduling().tolerate(...)`): rosetta's `regularCallExpression` turns getters off for
 *   the whole callee (jsii-rosetta 1.x java.ts), the property under the method included, and jsii
 *   Java has no public fields.
 * - Java: rosetta writes every map as `Map.of(k1, v1, ...)`, whose order is unspecified (so
 *   `envVariables` would write env in another order than the input's: kplus writes env in the map's
 *   order) and which javac refuses past 10 pairs: a map of two or more entries as
 *   `orderedMap(Map.entry(k, v), ...)`, a helper of the class (imports.ts) that keeps the order.
 */
function visitor(rosetta: any, typescript: any, language: string): any {
  const v = new rosetta[LANGUAGES[language]]();
  if (language === 'python') {
    const propertyAssignment = v.propertyAssignment.bind(v);
    v.propertyAssignment = (node: any, context: any) => {
      if (context.currentContext.renderObjectLiteralAsKeywords || !typescript.isIdentifier(node.name)) {
        return propertyAssignment(node, context);
      }
      // As a string key in a map: quoted and not mangled.
      const name = typescript.factory.createStringLiteral(node.name.text);
      return propertyAssignment({ name, initializer: node.initializer }, context.updateContext({ inMap: true }));
    };
    const identifier = v.identifier.bind(v);
    v.identifier = (node: any, context: any) =>
      identifier(PYTHON_KEYWORDS.has(node.text) ? typescript.factory.createIdentifier(`${node.text}_`) : node, context);
  }
  if (language === 'java') {
    const propertyAccessExpression = v.propertyAccessExpression.bind(v);
    v.propertyAccessExpression = (node: any, renderer: any, submoduleRef: any) => {
      if (!typescript.isPropertyAccessExpression(node.expression)) return propertyAccessExpression(node, renderer, submoduleRef);
      // The receiver of a property access or of a call: its own property through its getter.
      const lhs = Object.create(renderer);
      lhs.convert = (n: any) => (n === node.expression ? renderer.updateContext({ convertPropertyToGetter: true }) : renderer).convert(n);
      return propertyAccessExpression(node, lhs, submoduleRef);
    };
    const keyValueObjectLiteralExpression = v.keyValueObjectLiteralExpression.bind(v);
    v.keyValueObjectLiteralExpression = (node: any, renderer: any) => {
      const tree = keyValueObjectLiteralExpression(node, renderer);
      if (node.properties.length < 2) return tree;
      const OTree = tree.constructor;
      // Each entry as rosetta writes a pair of Map.of (java.ts singlePropertyInJavaScriptObjectLiteralToJavaMap).
      const entry = (p: any) => new OTree([renderer.mirrorNewlineBefore(p), 'Map.entry(',
        renderer.updateContext({ identifierAsString: !typescript.isComputedPropertyName(p.name) }).convert(p.name), ', ',
        renderer.updateContext({ inKeyValueList: false }).convert(p.initializer), ')'], [], { canBreakLine: true });
      return new OTree([`${JAVA_ORDERED_MAP}(`], node.properties.map(entry), { suffix: ')', separator: ', ', indent: 8 });
    };
  }
  return v;
}

/**
 * The placeholders of one translation: letters, digits and underscores, which every language
 * quotes as they are, with a random part that input text (in a comment) cannot guess.
 */
class Placeholders {
  private readonly prefix = `__cdk8s_hostprocess_${randomBytes(8).toString('hex')}_`;
  public text(i: number): string {
    return `${this.prefix}${i}__`;
  }
  /** A placeholder in double quotes, its number as group 1. */
  public quoted(): RegExp {
    return new RegExp(`"${this.prefix}([0-9]+)__"`, 'g');
  }
  public occursIn(program: string): boolean {
    return program.includes(this.prefix);
  }
}

/**
 * `program` with every string literal but the module names of its imports replaced by a
 * placeholder, found by the TypeScript scanner (so a quote inside a comment is not a string),
 * and the values the placeholders stand for.
 */
function maskStrings(typescript: any, program: string, placeholders: Placeholders): { program: string; values: string[] } {
  const ts = typescript;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, program);
  const values: string[] = [];
  let out = '';
  let last = 0;
  let previous: number | undefined;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.StringLiteral && previous !== ts.SyntaxKind.FromKeyword) {
      out += `${program.slice(last, scanner.getTokenStart())}'${placeholders.text(values.length)}'`;
      values.push(scanner.getTokenValue());
      last = scanner.getTokenEnd();
    } else if (token === ts.SyntaxKind.NoSubstitutionTemplateLiteral || token === ts.SyntaxKind.TemplateHead) {
      // convert writes no template literal (`str` writes quoted strings only).
      throw new Error('convert wrote a template literal; it writes quoted strings only');
    }
    previous = token;
  }
  return { program: out + program.slice(last), values };
}

function unmaskStrings(translated: string, values: string[], placeholders: Placeholders, literal: (value: string) => string): Translation {
  let error: string | undefined;
  const program = translated.replace(placeholders.quoted(), (_, i: string) => {
    try {
      return literal(values[Number(i)]);
    } catch (e) {
      error ??= (e as Error).message;
      return '';
    }
  });
  if (error !== undefined) {
    return { error };
  }
  if (placeholders.occursIn(program)) {
    // rosetta wrote a string other than as a quoted string (as a name, say): nothing to trust.
    return { error: 'the program has a string that cannot be translated safely (jsii-rosetta did not write it as a string literal)' };
  }
  return { program };
}

function hex(n: number, width: number): string {
  return n.toString(16).toUpperCase().padStart(width, '0');
}

/** The code points of `s`, a lone surrogate as one. */
function codePoints(s: string): number[] {
  return [...s].map(c => c.codePointAt(0)!);
}

const SHORT: { readonly [c: string]: string } = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const isPrintableAscii = (cp: number) => cp >= 0x20 && cp < 0x7f;

/**
 * Each language's string literal, in double quotes, in printable ASCII only: quotes and
 * backslashes escaped, everything else outside printable ASCII as the language's escape. Nothing
 * in one can end it early, whatever the value; the languages' lexical rules are cited at each.
 */
export const LITERALS: { readonly [language: string]: (value: string) => string } = {
  // Python: \xhh, \uxxxx and \Uxxxxxxxx in a str literal (The Python Language Reference, 2.4.1
  // "Escape sequences"); a lone surrogate is a valid str element.
  python: value => `"${codePoints(value).map(cp => {
    const c = String.fromCodePoint(cp);
    if (SHORT[c]) return SHORT[c];
    if (isPrintableAscii(cp)) return c;
    return cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
  }).join('')}"`,
  // Java: \uxxxx escapes are translated before the lexer runs (JLS 3.3), so one that stands for
  // ", \, CR or LF would end the literal: those and the other ASCII controls are written as
  // octal escapes (JLS 3.10.7), everything above ASCII as \uxxxx per UTF-16 unit.
  java: value => `"${utf16(value).map(u => {
    const c = String.fromCharCode(u);
    if (SHORT[c]) return SHORT[c];
    if (isPrintableAscii(u)) return c;
    return u < 0x80 ? `\\${u.toString(8).padStart(3, '0')}` : `\\u${hex(u, 4)}`;
  }).join('')}"`,
  // C#: \uxxxx and \Uxxxxxxxx in a regular string literal (C# specification, 6.4.5.5 "String
  // literals"); raw NEL, U+2028 and U+2029 are new-line characters there and would end it.
  csharp: value => `"${utf16(value).map(u => {
    const c = String.fromCharCode(u);
    if (SHORT[c]) return SHORT[c];
    return isPrintableAscii(u) ? c : `\\u${hex(u, 4)}`;
  }).join('')}"`,
  // Go: \xhh, \uxxxx and \Uxxxxxxxx in an interpreted string literal (The Go Programming Language
  // Specification, "Rune literals", "String literals"); a surrogate half is no valid code point
  // there, and a byte order mark is refused anywhere but at the start of a file.
  go: value => `"${codePoints(value).map(cp => {
    const c = String.fromCodePoint(cp);
    if (SHORT[c]) return SHORT[c];
    if (isPrintableAscii(cp)) return c;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      throw new Error(`a string holds a lone UTF-16 surrogate (U+${hex(cp, 4)}), which a Go string cannot hold: ` +
        'translate to another language or fix the input');
    }
    return cp < 0x80 ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
  }).join('')}"`,
};

function loadRosetta(directory: string): Rosetta {
  // Loaded on demand from the app folder (or beside this package): not a dependency of it; the
  // TypeScript compiler is the one rosetta itself uses.
  const main = require.resolve('jsii-rosetta', { paths: [directory, __dirname] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rosetta = require(main);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const typescript = require(require.resolve('typescript', { paths: [main] }));
  return { rosetta, typescript };
}

function flatten(message: string | { messageText: string; next?: unknown[] }): string {
  return typeof message === 'string' ? message : message.messageText;
}
