// Options several commands share, and the help text's examples section.
import { Option } from '@commander-js/extra-typings';

export const ledgerOption = () => new Option('--ledger <url>', 'the ledger to talk to (default: $TANA_LEDGER, else config.json, else http://127.0.0.1:8080)');
export const asOption = () => new Option('--as <user>', 'act as this local user (default: the first user you created)');
export const jsonOption = () => new Option('--json', 'print one JSON object on stdout instead of text');
export const dataOption = () => new Option('--data <dir>', 'the ledger data directory (default: $TANA_HOME/ledger)');

/** The "Examples:" block every command's --help ends with. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}
