// `tana start` as its own process (as a user runs it), for tests and benchmarks that need a
// separate ledger process: waits for its "running at <url>" line.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const TANA_BIN = fileURLToPath(new URL('../../cli/bin/tana.mjs', import.meta.url));

export interface TanaProcess {
  child: ChildProcess;
  url: string;
  /** What it has printed on stdout so far. */
  output(): string;
  /** Sends a signal and resolves with the exit code once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startTana(home: string, args: string[] = [], options: { stderr?: 'inherit' | 'ignore' } = {}): Promise<TanaProcess> {
  const child = spawn(process.execPath, [TANA_BIN, 'start', '--port', '0', ...args], {
    env: { ...process.env, TANA_HOME: home },
    stdio: ['ignore', 'pipe', options.stderr ?? 'ignore'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`tana start exited with ${code}: ${out}`)));
    setTimeout(() => reject(new Error('tana start did not come up within 60 s')), 60_000).unref();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    url,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
