/**
 * Writes docs/rules.md from the rules catalog (src/core/rules/docs.ts); test/core/rules/docs.test.ts
 * fails when the checked-in file is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { rulesMarkdown } from '../src/core/rules/docs';

const file = path.join(__dirname, '..', 'docs', 'rules.md');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, rulesMarkdown());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
