import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createSandbox, type JsonValue, type Outcome, type State } from '@tana/engine';
import { formatOutcome } from './format.ts';

export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      state: { type: 'string' },
      json: { type: 'boolean', default: false },
      gas: { type: 'string' },
      input: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file) return usageError('tana run needs a contract file: tana run <file.ts>');

  let source: string;
  let state: State = {};
  let input: unknown = null;
  try {
    source = await readFile(file, 'utf8');
    if (values.state) state = await readState(values.state);
    if (values.input) input = JSON.parse(values.input);
  } catch (error) {
    return usageError((error as Error).message);
  }
  const gasLimit = values.gas === undefined ? undefined : Number(values.gas);
  if (gasLimit !== undefined && !(Number.isSafeInteger(gasLimit) && gasLimit > 0)) {
    return usageError(`--gas must be a positive whole number, not '${values.gas}'`);
  }

  const sandbox = await createSandbox({ timeoutMs: 10_000 });
  let outcome: Outcome;
  try {
    outcome = await sandbox.run(source, { state, gasLimit, context: { tx: { input: input as JsonValue } } });
  } finally {
    await sandbox.close();
  }

  if (outcome.ok && values.state) {
    await writeFile(values.state, JSON.stringify(applyDiff(state, outcome), null, 2) + '\n');
  }
  if (values.json) {
    const { ok, value, error, diff, logs, gasUsed } = outcome;
    process.stdout.write(JSON.stringify({ ok, value, error: error ?? null, diff, logs, gasUsed }) + '\n');
  } else {
    process.stdout.write(formatOutcome(outcome, { color: process.stdout.isTTY }));
  }
  return outcome.ok ? 0 : 1;
}

async function readState(path: string): Promise<State> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`cannot read the state file ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${path} must hold a JSON object of key → value`);
  }
  return parsed as State;
}

export function applyDiff(state: State, outcome: Outcome): State {
  const next: State = { ...state };
  for (const key of outcome.diff.deleted) delete next[key];
  Object.assign(next, outcome.diff.set);
  return next;
}

function usageError(message: string): number {
  process.stderr.write(`tana run: ${message}\n`);
  return 2;
}
