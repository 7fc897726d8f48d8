// A stream of signed transfers and contract calls from several clients against a ledger in its own
// process, for the fault tests: it records every acknowledged transaction id, and how every request
// ended, so a test can require that each got an answer and that nothing acknowledged was lost.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadEngine, signTransaction } from '@tana/engine';
import { callContract, LedgerClient, LedgerRequestError, transferTransaction, type ChainInfo } from '../../ledger/src/client/index.ts';
import { createUser, deploy, type TestUser } from './ledger.ts';
import { startTana, TANA_BIN } from './tana-process.ts';

export interface Load {
  acknowledged: string[];
  /** The acknowledged contract calls among them. */
  acknowledgedCalls: string[];
  /** How many accounts it registered (each got the chain's faucet grant). */
  accounts: number;
  /** How requests ended that got no HTTP answer, by cause ('ECONNREFUSED', 'UND_ERR_SOCKET', …). */
  unanswered: Map<string, number>;
  /** Named refusals seen (code → count). */
  refusals: Map<string, number>;
  /** Stops the clients and waits for them. */
  stop(): Promise<void>;
}

const counter = `import { data } from 'tana:data'\nconst n = ((await data.get('n')) ?? 0) + 1\nawait data.set('n', n)\nawait data.commit()\nexport default n`;

/**
 * Registers four users and a counter, then runs transfer loops and call loops until `stop()` or the
 * ledger is gone. With several nodes' URLs, the users' transfer loops are spread over them and each
 * node gets a call loop on the same counter: calls that conflict across nodes. Each call loop has a
 * sender of its own, so that its nonces do not race a transfer loop's (every call would lose).
 */
export async function startLoad(urls: string | string[]): Promise<Load> {
  const nodes = (Array.isArray(urls) ? urls : [urls]).map((url) => new LedgerClient(url));
  const client = nodes[0]!;
  const chain: ChainInfo = await client.chain();
  const ledger = { client, chain };
  const users: TestUser[] = [];
  for (const id of ['u0', 'u1', 'u2', 'u3']) users.push(await createUser(ledger, id));
  const callers: TestUser[] = [];
  for (let i = 0; i < nodes.length; i++) callers.push(await createUser(ledger, `caller${i}`));
  await deploy(ledger, users[0]!, 'counter', counter);
  const engine = await loadEngine();

  const load: Load = { acknowledged: [], acknowledgedCalls: [], accounts: users.length + callers.length, unanswered: new Map(), refusals: new Map(), stop: async () => {} };
  let stopping = false;
  /** Records how a request ended; false when the client should stop (the ledger no longer answers). */
  const ended = async (error: unknown): Promise<boolean> => {
    if (error instanceof LedgerRequestError && error.code !== 'Unreachable') {
      load.refusals.set(error.code, (load.refusals.get(error.code) ?? 0) + 1);
      // A client's backoff while the service says to retry later (the database or the disk is away).
      if (error.status === 503 && error.code !== 'ShuttingDown') await new Promise((resolve) => setTimeout(resolve, 50));
      return error.code !== 'ShuttingDown';
    }
    const cause = (error as { message?: string }).message?.match(/ECONNREFUSED|ECONNRESET|UND_ERR_\w+|other side closed|socket/)?.[0] ?? String(error);
    load.unanswered.set(cause, (load.unanswered.get(cause) ?? 0) + 1);
    return false;
  };
  const transfers = users.map(async (user, i) => {
    const client = nodes[i % nodes.length]!;
    while (!stopping) {
      try {
        const { nextNonce } = await client.user(user.id);
        const done = await client.submit(await signTransaction(transferTransaction(chain, user.id, nextNonce, users[(i + 1) % 4]!.id, '1', 'USD'), user.privateKey));
        load.acknowledged.push(done.id);
      } catch (error) {
        if (!(await ended(error))) return;
      }
    }
  });
  const calls = nodes.map(async (client, i) => {
    const sender = callers[i]!;
    while (!stopping) {
      try {
        const result = await callContract(client, engine, { contractId: 'counter', sender: sender.id, privateKey: sender.privateKey, retries: 10 });
        if (result.submitted) {
          load.acknowledged.push(result.submitted.id);
          load.acknowledgedCalls.push(result.submitted.id);
        }
      } catch (error) {
        if (!(await ended(error))) return;
      }
    }
  });
  load.stop = async () => {
    stopping = true;
    await Promise.all([...transfers, ...calls]);
  };
  return load;
}

/**
 * Starts the ledger again on the same data, finds every acknowledged transaction, stops it, and runs
 * `tana verify`. `databaseArgs`: `--db <url>` when the chain is on PostgreSQL.
 */
export async function checkAfterRestart(home: string, acknowledged: string[], databaseArgs: string[] = []): Promise<{ missing: string[]; verify: string }> {
  const again = await startTana(home, ['--workers', '1', ...databaseArgs], { stderr: 'inherit' });
  const missing: string[] = [];
  try {
    const client = new LedgerClient(again.url);
    for (const id of acknowledged) {
      try {
        await client.transaction(id);
      } catch {
        missing.push(id);
      }
    }
  } finally {
    await again.stop();
  }
  const where = databaseArgs.length ? databaseArgs : ['--data', join(home, 'ledger')];
  const { stdout } = await promisify(execFile)(process.execPath, [TANA_BIN, 'verify', ...where], { env: { ...process.env, TANA_HOME: home } });
  return { missing, verify: stdout };
}
