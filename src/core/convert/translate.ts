// `convert --language`: the program in another jsii language, translated by jsii-rosetta with the
// library's own types (so props become Python keyword arguments and Java builders, and names come
// from the packages' jsii targets). jsii-rosetta is not a dependency of this package: it is loaded
// only for this flag, from the folder the command runs in.

/** The languages `--language` takes, and rosetta's visitor for each. */
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

/**
 * Translates `program` (TypeScript) into `language`, resolving its imports (the library package,
 * cdk8s, cdk8s-plus) from `directory`, as an app there would. `load` loads jsii-rosetta (tests
 * substitute a failing one).
 */
export function translate(program: string, language: string, directory: string, packages: string[],
  load: () => any = () => loadRosetta(directory)): Translation {
  let rosetta: any;
  try {
    rosetta = load();
  } catch {
    return {
      error: '--language needs jsii-rosetta, which translates the program with the library\'s types: ' +
        'npm install --save-dev jsii-rosetta (in the app folder), then run the command there',
    };
  }
  const snippet = rosetta.typeScriptSnippetFromVisibleSource(program, { api: { api: 'file', fileName: 'main.ts' } }, true,
    { [rosetta.SnippetParameters.$COMPILATION_DIRECTORY]: directory });
  const translator = new rosetta.Translator(false).translatorFor(snippet);
  // Without the packages' types rosetta still writes something, but not the right calls: refuse.
  const diagnostics: string[] = translator.compileDiagnostics.map((d: any) => flatten(d.messageText));
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
  return { program: translator.renderUsing(new rosetta[LANGUAGES[language]]()) + '\n' };
}

function loadRosetta(directory: string): any {
  // Loaded on demand from the app folder (or beside this package): not a dependency of it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve('jsii-rosetta', { paths: [directory, __dirname] }));
}

function flatten(message: string | { messageText: string; next?: unknown[] }): string {
  return typeof message === 'string' ? message : message.messageText;
}
