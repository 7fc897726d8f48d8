// `tana <command> …`: parses with the command table (program.ts) and turns the outcome into an exit
// code: 0 done (and for --help), 1 failed, 2 a usage error (unknown option, missing argument, bad value).
import { CommanderError } from '@commander-js/extra-typings';
import { EXIT_USAGE, reportError } from './output.ts';
import { commandPath, createProgram } from './program.ts';

export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  let running = '';
  program.hook('preAction', (_, action) => {
    running = commandPath(action);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed it: the help asked for (exit 0), or a usage error (`tana user` alone shows the help, exit 2).
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    return reportError(running || 'tana', error);
  }
}
