import { runCommand } from './run.ts';

const USAGE = `tana — write, run and verify TypeScript contracts

Usage:
  tana run <file.ts> [--state <file.json>] [--json] [--gas <limit>] [--input <json>]
      Runs a contract on the engine in Node. Prints console output, the diff and gas used.
      --state   committed state read from the file, written back after a successful run
      --json    print exactly one JSON object: { ok, value, error, diff, logs, gasUsed }
      --gas     gas limit (default 10000000)
      --input   JSON passed as tx.input

  tana help   this text
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run':
      return runCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`tana: unknown command '${command}'\n\n${USAGE}`);
      return 1;
  }
}
