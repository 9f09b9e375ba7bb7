// The imports of a program jsii-rosetta translated, put right: rosetta writes a Python import for
// every use of a struct it turns into a class (`from cdk8s import ApiObjectMetadata,
// ApiObjectMetadata`, once per use) on the program's first line, above its header comment, and no
// Java import for a struct built with `X.builder()` outside the packages the program imports whole;
// and a Java program's statements at the top level, which javac does not compile (`javaClass`).

/** The helper of a Java program that builds a map in order (a name convert never gives a variable: code.ts RESERVED). */
export const JAVA_ORDERED_MAP = 'orderedMap';

/** The structs (jsii datatypes) of cdk8s (its .jsii, 2.70), which Java builds with `X.builder()`. */
export const CDK8S_STRUCTS = [
  'ApiObjectMetadata', 'ApiObjectMetadataDefinitionOptions', 'ApiObjectProps', 'AppProps', 'ChartProps', 'CronOptions',
  'GroupVersionKind', 'HelmProps', 'IncludeProps', 'NameOptions', 'OwnerReference', 'SizeConversionOptions', 'TimeConversionOptions',
];

/** The structs of the library (its .jsii). */
export const LIBRARY_STRUCTS = [
  'CmdOptions', 'DaemonSetRollingUpdateOptions', 'Finding', 'HostProcessAdmissionPolicyProps', 'HostProcessCronJobProps',
  'HostProcessDaemonSetProps', 'HostProcessDeploymentProps', 'HostProcessJobProps', 'HostProcessNamespaceProps', 'HostProcessPodProps', 'HostProcessValidationProps',
  'HostProcessWorkloadProps', 'PowerShellOptions', 'TerminationMessageOptions', 'WindowsPathOptions',
];

/**
 * `program` (as rosetta translated it into `language`) with its imports deduplicated, complete and in
 * place; for Java, its statements in a class to compile and run.
 */
export function tidyImports(program: string, language: string): string {
  if (language === 'python') return pythonImports(program);
  if (language === 'java') return javaClass(javaImports(program));
  return program;
}

/**
 * Java: rosetta writes a snippet's statements at the top level, which javac does not compile: the
 * statements in `public static void main` of a class `Main` (the file is Main.java), with the
 * imports of java.util's List, Map and LinkedHashMap it uses (rosetta writes `List.of` and `Map.of`
 * and imports neither), each import once, the header comment above them, and the `orderedMap`
 * helper translate.ts writes ordered maps with, when the program uses it.
 */
function javaClass(program: string): string {
  const lines = program.replace(/\n+$/, '').split('\n');
  let end = 0;
  while (end < lines.length && (lines[end].startsWith('import ') || lines[end].startsWith('//') || lines[end] === '')) end++;
  // Back to the last import: the comments just before the first statement belong to it.
  while (end > 0 && !lines[end - 1].startsWith('import ')) end--;
  const head = lines.slice(0, end);
  const body = lines.slice(end);
  const comments = head.filter(l => l.startsWith('//'));
  const imports = [...new Set(head.filter(l => l.startsWith('import ')))];
  const text = body.join('\n');
  const ordered = text.includes(`${JAVA_ORDERED_MAP}(`);
  const util = [
    ...ordered ? ['LinkedHashMap'] : [],
    ...new RegExp('\\bList\\.of\\(').test(text) ? ['List'] : [],
    ...ordered || /\bMap\.(of|entry)\(/.test(text) ? ['Map'] : [],
  ].map(t => `import java.util.${t};`).filter(i => !imports.includes(i));
  return [
    ...comments,
    ...util,
    ...imports,
    '',
    'public class Main {',
    '    public static void main(final String[] args) {',
    ...body.map(l => (l === '' ? l : `        ${l}`)).join('\n').replace(/^\n+|\n+$/g, '').split('\n'),
    '    }',
    ...ordered ? [
      '',
      '    /** A map in the order its entries are written (Map.of keeps none): kplus writes env in this order. */',
      '    @SafeVarargs',
      `    private static <V> Map<String, V> ${JAVA_ORDERED_MAP}(final Map.Entry<String, V>... entries) {`,
      '        final Map<String, V> map = new LinkedHashMap<>();',
      '        for (final Map.Entry<String, V> entry : entries) {',
      '            map.put(entry.getKey(), entry.getValue());',
      '        }',
      '        return map;',
      '    }',
    ] : [],
    '}',
    '',
  ].join('\n');
}

/**
 * Python: the leading block of imports and comments, each module's names once, in one `from`
 * line, below the header comment, in the order the modules first appear under it.
 */
function pythonImports(program: string): string {
  const lines = program.split('\n');
  let end = 0;
  while (end < lines.length && (/^(from \S+ import |import \S+)/.test(lines[end]) || lines[end].startsWith('#'))) end++;
  const block = lines.slice(0, end);
  const comments = block.filter(l => l.startsWith('#'));
  const firstComment = block.findIndex(l => l.startsWith('#'));
  // Modules in the order of the lines under the header, then those only above it.
  const ordered = firstComment < 0 ? block : [...block.slice(firstComment), ...block.slice(0, firstComment)];
  const from = new Map<string, Set<string>>();
  const plain: string[] = [];
  for (const line of ordered) {
    const m = /^from (\S+) import (.+)$/.exec(line);
    if (m) {
      const names = from.get(m[1]) ?? new Set<string>();
      for (const n of m[2].split(',').map(s => s.trim()).filter(s => s !== '')) names.add(n);
      from.set(m[1], names);
    } else if (line.startsWith('import ') && !plain.includes(line)) {
      plain.push(line);
    }
  }
  const imports = [...from].map(([module, names]) => `from ${module} import ${[...names].sort().join(', ')}`);
  return [...comments, ...imports, ...plain, ...lines.slice(end)].join('\n');
}

/** Java: an import for each cdk8s or library struct the program builds and does not import. */
function javaImports(program: string): string {
  const lines = program.split('\n');
  const imported = new Set(lines.map(l => /^import [\w.]+\.(\w+);$/.exec(l)?.[1]).filter(n => n !== undefined));
  const libraryPackage = lines.map(l => /^import ([\w.]+)\.(?:HostProcess\w+|PowerShell|Cmd|DaemonSetUpdateStrategy|WindowsBuild);$/.exec(l)?.[1])
    .find(p => p !== undefined);
  const used = new Set([...program.matchAll(/\b([A-Z]\w*)\.builder\(\)/g)].map(m => m[1]));
  const missing: string[] = [];
  for (const name of [...used].sort()) {
    if (imported.has(name)) continue;
    if (CDK8S_STRUCTS.includes(name)) missing.push(`import org.cdk8s.${name};`);
    else if (LIBRARY_STRUCTS.includes(name) && libraryPackage !== undefined) missing.push(`import ${libraryPackage}.${name};`);
  }
  if (missing.length === 0) return program;
  const last = lines.reduce((at, l, i) => (l.startsWith('import ') ? i : at), -1);
  lines.splice(last + 1, 0, ...missing);
  return lines.join('\n');
}
