// tana stop: asks the local ledger to shut down gracefully (SIGTERM) and waits until it has.
import { Command } from '@commander-js/extra-typings';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../config.ts';
import { dataOption, examples } from '../options.ts';
import { withProgress } from '../progress.ts';

const STOP_TIMEOUT_MS = 15_000;

export const stopCommand = () =>
  new Command('stop')
    .summary('stop the local ledger gracefully')
    .description('Stop the local ledger gracefully: it answers every request in flight, then exits.')
    .addOption(dataOption())
    .addHelpText('after', examples('tana stop', 'tana stop --data /tmp/ledger'))
    .action(async (options) => {
      const dataDir = options.data ?? defaultDataDir();
      const pidFile = join(dataDir, 'tana.pid.json');
      if (!existsSync(pidFile)) {
        console.log(`no ledger is running from ${dataDir}`);
        return;
      }
      let running: { pid: number; url: string };
      try {
        running = JSON.parse(readFileSync(pidFile, 'utf8'));
      } catch (error) {
        throw new Error(`${pidFile} is not valid JSON (${(error as Error).message}); if no ledger runs from ${dataDir}, delete it`);
      }
      const { pid, url } = running;
      if (!alive(pid)) {
        console.log(`the ledger that was at ${url} is not running (stale pid file)`);
        return;
      }
      process.kill(pid, 'SIGTERM');
      const stopped = await withProgress(`stopping the ledger at ${url} (pid ${pid})`, () => exited(pid, STOP_TIMEOUT_MS));
      if (!stopped) throw new Error(`the ledger (pid ${pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s`);
      console.log(`stopped the ledger at ${url}`);
    });

/** Polls until the process is gone (there is no portable way to wait for a process that is not our child). */
async function exited(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
