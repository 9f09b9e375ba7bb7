// One list of lines: src/core/kplus-lines.ts (what the code reads) and projenrc/kplus-lines.json
// (what the line build reads) are both written by .projenrc.ts from KPLUS_LINES.
import * as fs from 'fs';
import * as path from 'path';
import { CONVERT_USAGE, parseConvertArgs } from '../../src/core/convert/convert';
import { KPLUS_LINES, ROOT_LINE } from '../../src/core/kplus-lines';

const build = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'projenrc', 'kplus-lines.json'), 'utf8')).lines;

test('the code\'s line table is the build\'s', () => {
  expect(KPLUS_LINES).toEqual(build.map((l: any) => l.line));
  expect(ROOT_LINE).toBe(build.find((l: any) => l.root).line);
});

test('convert takes the package of every line, and its usage text names each', () => {
  for (const l of build) {
    const args = parseConvertArgs(['--package', l.npmName, 'a.yaml']);
    expect([args.usageError, args.packageName, args.line]).toEqual([undefined, l.npmName, l.line]);
  }
  expect(CONVERT_USAGE).toContain(`cdk8s-hostprocess-NN for cdk8s-plus-NN (${KPLUS_LINES.filter(l => l !== ROOT_LINE).join(', ')})`);
});
