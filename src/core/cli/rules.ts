// The `rules` command: every rule of the catalog, as text, JSON or the Markdown of docs/rules.md.
import { rulesJson, rulesMarkdown, rulesText } from '../rules/docs';

export const RULES_COMMAND = 'cdk8s-hostprocess rules';

export const RULES_USAGE = `Usage: cdk8s-hostprocess rules [--format text|json|markdown]

Lists every rule the lint, synth and the admission policy's warnings report: its ID (the same for
every workload kind), severity, who enforces it (api-server, kubelet, container-runtime or library),
what it checks and how to fix a finding of it. The same list, with each rule's sources, is
docs/rules.md.

  --format F    text (default): two lines per rule; json: an array of the rules as the catalog
                holds them; markdown: docs/rules.md
  -h, --help    show this help`;

/** What the command prints and its exit status (2 for a usage error). */
export interface RulesResult {
  readonly exitCode: number;
  readonly stdout: string[];
  readonly stderr: string[];
}

/** Runs `rules` with its arguments (after the command name). */
export function rulesCommand(argv: readonly string[]): RulesResult {
  let format = 'text';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      return { exitCode: 0, stdout: [RULES_USAGE], stderr: [] };
    }
    const value = arg === '--format' ? argv[++i] : arg.startsWith('--format=') ? arg.slice('--format='.length) : undefined;
    if (value === undefined) {
      return usage(arg === '--format' ? '--format needs a value: text, json or markdown' : `unknown argument ${JSON.stringify(arg)}`);
    }
    if (!['text', 'json', 'markdown'].includes(value)) {
      return usage(`unknown format ${JSON.stringify(value)}: text, json or markdown`);
    }
    format = value;
  }
  const out = format === 'json' ? JSON.stringify(rulesJson(), undefined, 2) : format === 'markdown' ? rulesMarkdown().replace(/\n$/, '') : rulesText();
  return { exitCode: 0, stdout: [out], stderr: [] };
}

function usage(message: string): RulesResult {
  return { exitCode: 2, stdout: [], stderr: [`${RULES_COMMAND}: ${message} (see cdk8s-hostprocess rules --help)`] };
}
