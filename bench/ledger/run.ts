// bench/ledger: signed transfer-contract calls per second end to end (HTTP, signature, the ledger's
// re-execution, durable commit), against the ceiling without re-execution (signed plain transfers:
// HTTP, signature, durable commit), in the same run, for several worker counts.
//   npm run bench:ledger [-- --seconds 8 --clients 8 --workers 1,2]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEngine, sha256Hex, signTransaction, transpile, type Engine, type JsonValue, type State } from '@tana/engine';
import { deployTransaction, generateKeyPair, LedgerClient, LedgerRequestError, prepareCall, transferTransaction, userTransaction, type ChainInfo, type KeyPair } from '@tana/ledger/client';
import { closedLoop, type LoadResult } from './load.ts';
import { startTana } from '../../tests/support/tana-process.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, clients: { type: 'string', default: '8' }, workers: { type: 'string', default: '1,2' } } });
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const workerCounts = values.workers.split(',').map(Number);
const tokenCode = transpile(readFileSync(new URL('./token.ts', import.meta.url), 'utf8'));

interface Account extends KeyPair {
  id: string;
  nonce: number;
}

async function setup(client: LedgerClient, chain: ChainInfo): Promise<Account[]> {
  const accounts: Account[] = [];
  for (let i = 0; i < clients; i++) {
    const keys = await generateKeyPair();
    const id = `bench${i}`;
    await client.submit(await signTransaction(userTransaction(chain, id, keys.publicKey), keys.privateKey));
    const account = { id, nonce: 1, ...keys };
    await client.submit(await signTransaction(await deployTransaction(chain, id, account.nonce++, `token${i}`, tokenCode), keys.privateKey));
    accounts.push(account);
  }
  return accounts;
}

/** The ceiling: signed plain transfers (no contract, no re-execution). */
function transfersStep(client: LedgerClient, chain: ChainInfo, accounts: Account[]) {
  return async (i: number) => {
    const from = accounts[i]!;
    const to = accounts[(i + 1) % accounts.length]!.id;
    await client.submit(await signTransaction(transferTransaction(chain, from.id, from.nonce, to, '1', 'USD'), from.privateKey));
    from.nonce++;
    return { retries: 0 };
  };
}

/** Calls: each client runs its own token contract locally, signs the claimed outcome, submits. */
function callsStep(client: LedgerClient, chain: ChainInfo, accounts: Account[], engine: Engine, codeHash: string) {
  const states = accounts.map((): State => ({}));
  let head = 0;
  return async (i: number) => {
    const from = accounts[i]!;
    for (let retries = 0; ; retries++) {
      const prepared = await prepareCall(engine, {
        chain,
        sender: from.id,
        nonce: from.nonce,
        contract: { id: `token${i}`, code: tokenCode, codeHash },
        state: states[i]!,
        headHeight: head,
        function: 'transfer',
        args: [accounts[(i + 1) % accounts.length]!.id, 1] as JsonValue[],
      });
      if (!prepared.transaction) throw new Error(`the token contract failed: ${JSON.stringify(prepared.outcome.error)}`);
      try {
        const done = await client.submit(await signTransaction(prepared.transaction, from.privateKey));
        from.nonce++;
        head = Math.max(head, done.height);
        Object.assign(states[i]!, prepared.transaction.outcome.diff.set);
        return { retries };
      } catch (error) {
        if (!(error instanceof LedgerRequestError) || error.code !== 'Conflict' || retries > 50) throw error;
        head = Math.max(head, error.body?.head?.height ?? head);
      }
    }
  };
}

function row(label: string, result: LoadResult): string {
  return `${label.padEnd(34)} ${result.perSecond.toFixed(1).padStart(8)}/s   p50 ${result.p50.toFixed(1).padStart(6)} ms   p99 ${result.p99.toFixed(1).padStart(6)} ms   (${result.completed} in ${result.seconds.toFixed(1)} s${result.retried ? `, ${result.retried} conflict re-runs` : ''}; CPU cores: load ${result.clientCores.toFixed(2)}, ledger ${result.ledgerCores.toFixed(2)})`;
}

const engine = await loadEngine();
console.log(`bench/ledger · ${availableParallelism()} cores · ${clients} closed-loop clients · ${seconds} s per measurement · ledger in its own process\n`);
const summary: string[] = [];
for (const workers of workerCounts) {
  const home = mkdtempSync(join(tmpdir(), 'tana-bench-'));
  const ledger = await startTana(home, ['--workers', String(workers)], { stderr: 'inherit' });
  const { child, url } = ledger;
  try {
    const client = new LedgerClient(url);
    const chain = await client.chain();
    const accounts = await setup(client, chain);
    await closedLoop(clients, 1, child.pid!, transfersStep(client, chain, accounts)); // warm-up
    const ceiling = await closedLoop(clients, seconds, child.pid!, transfersStep(client, chain, accounts));
    const callStep = callsStep(client, chain, accounts, engine, await sha256Hex(tokenCode));
    await closedLoop(clients, 1, child.pid!, callStep); // warm-up
    const calls = await closedLoop(clients, seconds, child.pid!, callStep);
    console.log(`workers: ${workers}`);
    console.log(row('  ceiling: signed transfers', ceiling));
    console.log(row('  signed transfer-contract calls', calls));
    const ratio = calls.perSecond / ceiling.perSecond;
    console.log(`  calls / ceiling: ${(ratio * 100).toFixed(0)}%  (target ≥ 50%: ${ratio >= 0.5 ? 'met' : 'missed'})\n`);
    summary.push(`| ${workers} | ${ceiling.perSecond.toFixed(0)} | ${calls.perSecond.toFixed(0)} | ${calls.p50.toFixed(1)} / ${calls.p99.toFixed(1)} | ${(ratio * 100).toFixed(0)}% |`);
  } finally {
    await ledger.stop();
    rmSync(home, { recursive: true, force: true });
  }
}
console.log('| workers | ceiling tx/s | calls/s | calls p50 / p99 ms | calls / ceiling |\n|---|---|---|---|---|');
console.log(summary.join('\n'));
