// The lint command's YAML path before streaming (git d66c100, src/core/cli/lint.ts), kept so that
// the bench measures the old and the new implementation in the same run: the whole input parsed
// at once with the `yaml` package (parseAllDocuments, YAML 1.1), every document turned into plain
// JS, then the same rules. Text output only; problems are counted, not rendered.
// eslint-disable-next-line import/no-unresolved
import { ENGINE, MAX_ALIAS_NODES, formatLintFinding } from 'cdk8s-hostprocess/lib/core/cli/lint';
import * as YAML from 'yaml';

interface Finding {
  file: string;
  document: number;
  line: number;
  kind: string;
  name: string;
  rule: string;
  field: string;
  message: string;
  severity: 'error' | 'warning';
  remediation: string;
}

/** The old `lint()` for one input given whole: the findings' text lines, and how many problems. */
export function oldLint(file: string, text: string): { stdout: string[]; problems: number } {
  const findings: Finding[] = [];
  let problems = 0;
  const lineCounter = new YAML.LineCounter();
  const documents = YAML.parseAllDocuments(text, { version: '1.1', lineCounter }) as YAML.Document.Parsed[];
  documents.forEach((doc, index) => {
    const start = YAML.isNode(doc.contents) && doc.contents.range ? doc.contents.range[0] : doc.range[0];
    const line = lineCounter.linePos(start).line;
    if (doc.errors.length > 0) {
      problems++;
      return;
    }
    const value: any = doc.toJS({ maxAliasCount: MAX_ALIAS_NODES });
    if (value === null || value === undefined) return;
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems++;
      return;
    }
    for (const item of objectsOf(value, doc.contents, lineCounter, line)) {
      const kind = typeof item.object.kind === 'string' ? item.object.kind : '<no kind>';
      const name = item.object.metadata?.name ?? '<no name>';
      const decodeErrors = ENGINE.decodeFindings?.(item.object) ?? [];
      const pods = ENGINE.podSpecsOf(item.object).filter(p => ENGINE.isWindowsOrHostProcess(p.spec));
      const raw = decodeErrors.length > 0 ? decodeErrors : pods.flatMap(p => ENGINE.validatePodSpec(p.spec, p.prefix));
      for (const f of raw) {
        findings.push({
          file,
          document: index + 1,
          line: item.line,
          kind,
          name,
          rule: f.rule,
          field: f.field,
          message: f.message,
          severity: f.severity === 'warning' ? 'warning' : 'error',
          remediation: f.remediation,
        });
      }
    }
  });
  return { stdout: findings.map(formatLintFinding), problems };
}

function objectsOf(value: any, node: unknown, lineCounter: YAML.LineCounter, line: number): { object: any; line: number }[] {
  if (!(typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items))) {
    return [{ object: value, line }];
  }
  const itemsNode = YAML.isMap(node) ? node.get('items', true) : undefined;
  const itemNodes = YAML.isSeq(itemsNode) ? itemsNode.items : [];
  const result: { object: any; line: number }[] = [];
  (value.items as unknown[]).forEach((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return;
    const itemNode = itemNodes[i];
    const itemLine = YAML.isNode(itemNode) && itemNode.range ? lineCounter.linePos(itemNode.range[0]).line : line;
    result.push(...objectsOf(item, itemNode, lineCounter, itemLine));
  });
  return result;
}
