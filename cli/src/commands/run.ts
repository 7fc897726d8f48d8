// tana run <file.ts>: a contract on the engine in Node, no ledger needed; --state keeps its state in a file.
import { Command, Option } from '@commander-js/extra-typings';
import { readFile, writeFile } from 'node:fs/promises';
import { applyDiff, buildRequest, createSandbox, type JsonValue, type Outcome, parseErrorOutcome, type State, transpile } from '@tana/engine';
import { formatOutcome } from '../format.ts';
import { examples, jsonOption } from '../options.ts';
import { printJson, UsageError } from '../output.ts';
import { parseGas, parseJsonFlag, readContractSource } from './inputs.ts';

export const runCommand = () =>
  new Command('run')
    .summary('run a contract in Node (no ledger needed)')
    .description('Run a contract on the engine in Node (no ledger needed): prints its log, diff and gas.')
    .argument('<file>', 'the contract (.ts)')
    .option('--state <file>', 'a JSON file with the committed state to start from; written back after a successful run')
    .addOption(new Option('--input <json>', 'what the contract sees as tx.input (JSON)'))
    .option('--gas <limit>', 'the gas limit (default: the engine’s)')
    .addOption(jsonOption())
    .addHelpText('after', examples('tana run examples/counter.ts --state /tmp/counter.json', 'tana run examples/storage.ts --json --input \'{"name":"ada"}\''))
    .action(async (file, options) => {
      const source = await readContractSource(file);
      const input = parseJsonFlag(options.input, '--input') ?? null;
      const gasLimit = parseGas(options.gas);
      const state = options.state ? await readState(options.state) : {};

      let outcome: Outcome;
      try {
        const code = transpile(source);
        const sandbox = await createSandbox();
        try {
          outcome = await sandbox.execute(buildRequest(code, { state, gasLimit, context: { tx: { input: input as JsonValue } } }));
        } finally {
          await sandbox.close();
        }
      } catch (error) {
        if ((error as { code?: string }).code !== 'ParseError') throw error;
        outcome = parseErrorOutcome(error);
      }

      if (outcome.ok && options.state) await writeFile(options.state, `${JSON.stringify(applyDiff(state, outcome.diff), null, 2)}\n`);
      if (options.json) {
        const { ok, value, error, diff, logs, gasUsed } = outcome;
        printJson({ ok, value, error: error ?? null, diff, logs, gasUsed });
      } else process.stdout.write(formatOutcome(outcome, { color: process.stdout.isTTY, file }));
      if (!outcome.ok) process.exitCode = 1;
    });

async function readState(path: string): Promise<State> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UsageError(`cannot read the state file ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`the state file ${path} must hold a JSON object of key → value`);
  return parsed as State;
}
