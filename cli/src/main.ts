import { runCommand } from './run.ts';
import { startCommand } from './commands/start.ts';
import { stopCommand } from './commands/stop.ts';
import { statusCommand } from './commands/status.ts';
import { newCommand } from './commands/new.ts';
import { keyCommand, userCommand } from './commands/users.ts';
import { callCommand, deployCommand, transferCommand } from './commands/ledger-actions.ts';
import { verifyCommand } from './commands/verify.ts';
import { reportError } from './output.ts';

const USAGE = `tana — write, run and verify TypeScript contracts

Contracts:
  tana new <name>                 scaffold <name>/contract.ts and contract.json
  tana run <file.ts> [--state <file.json>] [--json] [--gas <limit>] [--input <json>]
                                  run a contract on the engine in Node (no ledger needed)
  tana deploy [<file|dir>] [--id <contract-id>] [--as <user>]
                                  deploy (or upgrade) a contract on the ledger
  tana call <contract-id> [--input <json>] [--function <name> --args <json>] [--as <user>]
                                  run a call locally, sign it, and submit it

Ledger:
  tana start [--port 8080] [--host 127.0.0.1] [--data <dir>] [--workers <n>] [--cors <origins>]
             [--faucet <amount>[:<CURRENCY>] | off] [--trust-proxy <addresses/CIDRs>] [--max-gas <n>]
                                  start the ledger (and the playground, when built); the faucet is
                                  on (100000 USD) only when listening on loopback
  tana stop [--data <dir>]        stop it gracefully
  tana status [--ledger <url>]    is it running; head, engine, local users
  tana verify [--data <dir>] [--no-reexecute]
                                  rebuild all state from the blocks and check every root

Users and money:
  tana user create <id> [--name <display name>]    make keys and register the user
  tana user list | show [<id>]
  tana key export <id> | import <id> <pkcs8-hex>
  tana transfer <to> <amount> <currency> [--as <user>]

Configuration lives in ~/.config/tana (or $TANA_HOME); the ledger URL is in config.json
(default http://127.0.0.1:8080) or $TANA_LEDGER; --ledger <url> overrides it per command.
`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  run: runCommand,
  start: startCommand,
  stop: stopCommand,
  status: statusCommand,
  new: newCommand,
  deploy: deployCommand,
  call: callCommand,
  transfer: transferCommand,
  user: userCommand,
  key: keyCommand,
  verify: verifyCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? 1 : 0;
  }
  const handler = commands[command];
  if (!handler) {
    process.stderr.write(`tana: unknown command '${command}'\n\n${USAGE}`);
    return 1;
  }
  try {
    return await handler(rest);
  } catch (error) {
    return reportError(command, error);
  }
}
