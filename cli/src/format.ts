import { formatPosition, lineSuffix, type Outcome } from '@tana/engine';

/** The human form of an outcome: console output, then the diff, then gas. A failure names `file:line:column` when known. */
export function formatOutcome(outcome: Outcome, { color = false, file }: { color?: boolean; file?: string } = {}): string {
  const paint = (code: number, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const lines: string[] = [];
  for (const log of outcome.logs) {
    const prefix = log.level === 'log' ? '' : `[${log.level}] `;
    lines.push(log.level === 'error' || log.level === 'warn' ? paint(33, prefix + log.message) : prefix + log.message);
  }
  if (outcome.ok) {
    const { set, deleted, transfers } = outcome.diff;
    const changes = Object.keys(set).length + deleted.length + transfers.length;
    lines.push('', paint(1, changes ? 'diff:' : 'diff: (no changes)'));
    for (const [key, value] of Object.entries(set)) lines.push(paint(32, `  + ${key} = ${JSON.stringify(value)}`));
    for (const key of deleted) lines.push(paint(31, `  - ${key}`));
    for (const t of transfers) lines.push(paint(36, `  ⇄ ${t.amount} ${t.currency} ${t.from} → ${t.to}`));
    if (outcome.value !== null) lines.push(`value: ${JSON.stringify(outcome.value)}`);
  } else if (outcome.error) {
    const { line, column } = outcome.error;
    const text = `${outcome.error.code}: ${outcome.error.message}`;
    const located = file ? `${file}${line ? `:${formatPosition({ line, column: column ?? undefined })}` : ''}: ${text}` : `${text}${lineSuffix(outcome.error)}`;
    lines.push('', paint(31, located), 'nothing was committed');
  }
  lines.push(`gas used: ${outcome.gasUsed}`);
  return `${lines.join('\n')}\n`;
}
