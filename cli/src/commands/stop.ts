// tana stop: asks the local ledger to shut down gracefully (SIGTERM) and waits until it has.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../config.ts';

export async function stopCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' } } });
  const pidFile = join(values.data ?? defaultDataDir(), 'tana.pid.json');
  if (!existsSync(pidFile)) {
    console.log(`no ledger is running from ${values.data ?? defaultDataDir()}`);
    return 0;
  }
  const { pid, url } = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number; url: string };
  if (!alive(pid)) {
    console.log(`the ledger that was at ${url} is not running (stale pid file)`);
    return 0;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      console.error(`the ledger (pid ${pid}) did not stop within 15 s`);
      return 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log(`stopped the ledger at ${url}`);
  return 0;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
