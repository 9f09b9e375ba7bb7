// Where a field is written: the line scanner (block YAML) and the parser's node events must give
// the same answer wherever the scanner answers; the parser answers the rest.
import * as fs from 'fs';
import * as path from 'path';
import { CANNOT_TELL, FieldLocator, fieldPath, scanBlock } from '../../../src/core/input/positions';

const SEED = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'aks-hostprocess.yaml'), 'utf8');
const EXPORTER = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'rendered', 'exporter.yaml'), 'utf8');

const LIST = `# a comment
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: a}
  spec:
    containers:
      - name: c
        image: i
        command:
          - powershell.exe
          - |
            Write-Host "key: value"
            - not an item
        workingDir: scripts
`;

const locate = (text: string, base: (string | number)[], field: string, scan: boolean) =>
  new FieldLocator(text, 1, 1000, scan).locate(base, field);

describe('FieldLocator: the scanner and the parser agree', () => {
  test.each<[string, string, (string | number)[], string, [number, number]]>([
    ['a key', SEED, [], 'spec.template.spec.hostNetwork', [23, 7]],
    ['a missing key: the deepest written field above it', SEED, [], 'spec.template.spec.hostPID', [16, 5]],
    ['a list item and a key in it', SEED, [], 'spec.template.spec.containers[0].image', [26, 11]],
    ['a key of a flow mapping (the parser)', EXPORTER, [], 'spec.template.spec.containers[0].ports[0].hostPort', [24, 41]],
    ['the object itself', SEED, [], '', [1, 1]],
    ['a List item\'s field, a sequence at its key\'s indent', LIST, ['items', 0], 'spec.containers[0].workingDir', [17, 9]],
    ['a block scalar\'s lines are not keys or items', LIST, ['items', 0], 'spec.containers[0].command[1]', [14, 13]],
    ['an item past the end: the sequence\'s key', LIST, ['items', 0], 'spec.containers[3].name', [9, 5]],
  ])('%s', (_, text, base, field, [line, column]) => {
    expect(locate(text, base, field, false)).toEqual({ line, column });
    expect(locate(text, base, field, true)).toEqual({ line, column });
  });

  test('CRLF lines and a later document\'s first line', () => {
    const crlf = SEED.replace(/\n/g, '\r\n');
    expect(new FieldLocator(crlf, 40, 1000).locate([], 'spec.template.spec.hostNetwork')).toEqual({ line: 62, column: 7 });
    expect(new FieldLocator(crlf, 40, 1000, false).locate([], 'spec.template.spec.hostNetwork')).toEqual({ line: 62, column: 7 });
  });

  test.each<[string, string, string[]]>([
    ['a flow mapping on the path', 'metadata: {name: a}\n', ['metadata', 'name']],
    ['an anchor', 'spec: &s\n  a: 1\n', ['spec', 'a']],
    ['a quoted key', '"spec":\n  a: 1\n', ['spec', 'a']],
    ['content on the --- line', '--- a: 1\n', ['a']],
  ])('the scanner leaves %s to the parser', (_, text, steps) => {
    expect(scanBlock(text.split('\n'), 1, steps)).toBe(CANNOT_TELL);
    expect(new FieldLocator(text, 1, 1000).locate([], steps.join('.'))).toBeDefined();
  });
});

test.each<[string, string[]]>([
  ['spec.template.spec.containers[0].workingDir', ['spec', 'template', 'spec', 'containers', '0', 'workingDir']],
  ['metadata.annotations[ignore-check.hostprocess.cdk8s.io/a-rule]', ['metadata', 'annotations', 'ignore-check.hostprocess.cdk8s.io/a-rule']],
  ['spec.nodeSelector[kubernetes.io/os].x', ['spec', 'nodeSelector', 'kubernetes.io/os', 'x']],
  ['', []],
])('fieldPath(%j)', (field, steps) => {
  expect(fieldPath(field)).toEqual(steps);
});
