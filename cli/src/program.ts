// The command table: every tana command and subcommand, with its arguments, options and examples,
// on commander — chosen over a table on util.parseArgs because it gives each (sub)command its own
// --help/-h, names unknown options and commands with a "did you mean", and checks argument counts,
// all from the definitions below; extra-typings infers each action's option types from them.
import { Command, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { callCommand } from './commands/call.ts';
import { chainCommand } from './commands/chain.ts';
import { deployCommand } from './commands/deploy.ts';
import { keyCommand } from './commands/key.ts';
import { newCommand } from './commands/new.ts';
import { runCommand } from './commands/run.ts';
import { startCommand } from './commands/start.ts';
import { statusCommand } from './commands/status.ts';
import { stopCommand } from './commands/stop.ts';
import { teamCommand } from './commands/team.ts';
import { transferCommand } from './commands/transfer.ts';
import { userCommand } from './commands/user.ts';
import { verifyCommand } from './commands/verify.ts';
import { examples } from './options.ts';
import cliPackage from '../package.json' with { type: 'json' };

export const COMMANDS = [
  newCommand,
  runCommand,
  deployCommand,
  callCommand,
  startCommand,
  stopCommand,
  statusCommand,
  verifyCommand,
  userCommand,
  teamCommand,
  keyCommand,
  transferCommand,
  chainCommand,
];

/** `run`, `user create`, …: a command's path below `tana`. */
export function commandPath(command: CommandUnknownOpts): string {
  const names: string[] = [];
  for (let at: CommandUnknownOpts | null = command; at?.parent; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

export function createProgram(): Command {
  const program = new Command('tana')
    .description('Write, run and verify TypeScript contracts.')
    .version(cliPackage.version, '-V, --version', 'print the version of tana')
    .addHelpText(
      'after',
      `${examples('tana new hello && tana run hello/contract.ts', 'tana start', 'tana user create alice', 'tana deploy hello && tana call hello', 'tana chain add mainnet https://ledger.example.com', 'tana run --help')}
Configuration lives in $TANA_HOME (default ~/.config/tana): config.json holds the default chain and
user; chains/<name>.json the chains (tana chain), nodes/<name>.json options for tana start --node,
users/ the keys. Commands talk to --ledger <url>, else --chain <name>, else $TANA_LEDGER, else the
default chain, else http://127.0.0.1:8080.
`,
    );
  for (const make of COMMANDS) program.addCommand(make());
  for (const command of allCommands(program)) {
    const path = commandPath(command) || 'tana';
    command
      .exitOverride()
      .showSuggestionAfterError(true)
      .configureOutput({ outputError: (message, write) => write(message.replace(/^error: /, `tana${path === 'tana' ? '' : ` ${path}`}: `)) });
    if (command !== program) command.showHelpAfterError(`Run 'tana ${path} --help' for usage.`);
  }
  program.showHelpAfterError("Run 'tana --help' for usage.");
  return program;
}

export function allCommands(root: CommandUnknownOpts): CommandUnknownOpts[] {
  return [root, ...root.commands.flatMap((command) => allCommands(command as CommandUnknownOpts))];
}
