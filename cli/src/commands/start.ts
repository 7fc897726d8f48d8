// tana start: the ledger on an embedded SQLite file, in the foreground, until Ctrl+C / SIGTERM / tana stop.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeOnSignals, startLedgerServer } from '@tana/ledger';
import { defaultDataDir } from '../config.ts';
import { progress, UsageError } from '../output.ts';
import { servePlayground } from '../playground.ts';
import { isLoopback, parseFaucet, parseList, parsePositiveInteger } from './start-options.ts';

export async function startCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      workers: { type: 'string' },
      cors: { type: 'string' },
      faucet: { type: 'string' },
      'trust-proxy': { type: 'string' },
      'max-gas': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not '${values.port}'`);
  const workers = parsePositiveInteger(values.workers, '--workers');
  const maxCallGas = parsePositiveInteger(values['max-gas'], '--max-gas');
  const faucet = parseFaucet(values.faucet, values.host);
  const dataDir = values.data ?? defaultDataDir();

  progress(`opening the ledger in ${dataDir}`);
  const running = await startLedgerServer({
    dataDir,
    port,
    host: values.host,
    workers,
    maxCallGas,
    faucet,
    trustProxy: parseList(values['trust-proxy']),
    corsOrigins: parseList(values.cors),
    onProgress: progress,
    extend: servePlayground,
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new Error(`port ${port} is in use (is a ledger already running? tana status) — or pass --port`);
    if (error.message.startsWith('--trust-proxy') || error.message.startsWith('faucet')) throw new UsageError(error.message);
    throw error;
  });
  const pidFile = join(dataDir, 'tana.pid.json');
  writeFileSync(pidFile, JSON.stringify({ pid: process.pid, url: running.url }));
  process.once('exit', () => existsSync(pidFile) && rmSync(pidFile));

  const { ledger } = running;
  const head = ledger.store.head()!;
  console.log(`Tana ledger running at ${running.url}`);
  console.log(`  chain ${ledger.params.chainId} · block ${head.height} · engine ${ledger.engineHash.slice(0, 12)}… · ${ledger.pool.size} worker(s) · max gas ${ledger.maxCallGas}`);
  console.log(`  faucet ${ledger.faucet ? `${ledger.faucet.amount} ${ledger.faucet.currency} per new user (--faucet off to stop)` : 'off'}`);
  if (!isLoopback(values.host)) console.log(`  listening beyond this machine: set --cors and, behind a proxy, --trust-proxy (see ledger/README.md, Security)`);
  console.log(`  data ${dataDir}`);
  console.log(`  playground ${running.url}/   API docs ${running.url}/docs   (Ctrl+C or tana stop to stop)`);
  closeOnSignals(running);
  return new Promise<number>(() => {}); // runs until a signal
}
