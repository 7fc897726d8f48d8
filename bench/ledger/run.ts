// bench/ledger: signed transfer-contract calls per second end to end (HTTP, signature, the ledger's
// re-execution, durable commit), against the ceiling without re-execution (signed plain transfers:
// HTTP, signature, durable commit), in the same run, for several worker counts — or, with
// --db postgres, for one node on SQLite, one node on PostgreSQL and two nodes on one PostgreSQL
// database (a private server with fsync on), with the CPU each part used per transaction.
//   npm run bench:ledger [-- --seconds 8 --clients 8 --workers 1,2]
//   npm run bench:ledger -- --db postgres [--seconds 8 --clients 8]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEngine, sha256Hex, signTransaction, transpile, type Engine, type JsonValue, type State } from '@tana/engine';
import { deployTransaction, generateKeyPair, LedgerClient, LedgerRequestError, prepareCall, transferTransaction, userTransaction, type ChainInfo, type KeyPair } from '@tana/ledger/client';
import { closedLoop, type LoadResult, type Measured, postgresPids } from './load.ts';
import { sqlOn } from '../../tests/support/database.ts';
import { startNodes } from '../../tests/support/nodes.ts';
import { type PostgresCluster, startPostgresCluster } from '../../tests/support/postgres-cluster.ts';
import { startTana } from '../../tests/support/tana-process.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '8' }, clients: { type: 'string', default: '8' }, workers: { type: 'string', default: '1,2' }, db: { type: 'string', default: 'sqlite' } },
});
if (!['sqlite', 'postgres'].includes(values.db)) throw new Error(`--db is sqlite or postgres, not '${values.db}'`);
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const workerCounts = values.workers.split(',').map(Number);
/** Every client of the load runs on 127.0.0.1: one address, which the per-address rate limit would throttle. */
const UNLIMITED = ['--rate-limit', '100000000'];
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
function transfersStep(nodes: LedgerClient[], chain: ChainInfo, accounts: Account[]) {
  return async (i: number) => {
    const client = nodes[i % nodes.length]!;
    const from = accounts[i]!;
    const to = accounts[(i + 1) % accounts.length]!.id;
    await client.submit(await signTransaction(transferTransaction(chain, from.id, from.nonce, to, '1', 'USD'), from.privateKey));
    from.nonce++;
    return { retries: 0 };
  };
}

/** Calls: each client runs its own token contract locally, signs the claimed outcome, submits. */
function callsStep(nodes: LedgerClient[], chain: ChainInfo, accounts: Account[], engine: Engine, codeHash: string) {
  const states = accounts.map((): State => ({}));
  let head = 0;
  return async (i: number) => {
    const client = nodes[i % nodes.length]!;
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
  const database = result.databaseCores > 0 ? `, PostgreSQL ${result.databaseCores.toFixed(2)}` : '';
  return `${label.padEnd(34)} ${result.perSecond.toFixed(1).padStart(8)}/s   p50 ${result.p50.toFixed(1).padStart(6)} ms   p99 ${result.p99.toFixed(1).padStart(6)} ms   (${result.completed} in ${result.seconds.toFixed(1)} s${result.retried ? `, ${result.retried} conflict re-runs` : ''}; CPU cores: load ${result.clientCores.toFixed(2)}, ledger ${result.ledgerCores.toFixed(2)}${database})`;
}

/** Transfers, then calls, against already running nodes (clients spread over them). */
async function measure(urls: string[], measured: Measured): Promise<{ ceiling: LoadResult; calls: LoadResult }> {
  const nodes = urls.map((url) => new LedgerClient(url));
  const chain = await nodes[0]!.chain();
  const accounts = await setup(nodes[0]!, chain);
  await closedLoop(clients, 1, measured, transfersStep(nodes, chain, accounts)); // warm-up
  const ceiling = await closedLoop(clients, seconds, measured, transfersStep(nodes, chain, accounts));
  const callStep = callsStep(nodes, chain, accounts, engine, await sha256Hex(tokenCode));
  await closedLoop(clients, 1, measured, callStep); // warm-up
  const calls = await closedLoop(clients, seconds, measured, callStep);
  return { ceiling, calls };
}

const engine = await loadEngine();
console.log(`bench/ledger · ${availableParallelism()} cores · ${clients} closed-loop clients · ${seconds} s per measurement · ledger in its own process(es)\n`);
const summary: string[] = [];
if (values.db === 'sqlite') {
  for (const workers of workerCounts) {
    const home = mkdtempSync(join(tmpdir(), 'tana-bench-'));
    const ledger = await startTana(home, ['--workers', String(workers), ...UNLIMITED], { stderr: 'inherit' });
    try {
      const { ceiling, calls } = await measure([ledger.url], { ledgerPids: [ledger.child.pid!] });
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
} else {
  // One worker per node: this machine's two cores are shared by the nodes, PostgreSQL and the load.
  const server: PostgresCluster = await startPostgresCluster({ fsync: true });
  const databasePids = () => postgresPids(server.dataDir);
  const results: [string, { ceiling: LoadResult; calls: LoadResult }][] = [];
  try {
    const sqliteHome = mkdtempSync(join(tmpdir(), 'tana-bench-'));
    const single = await startTana(sqliteHome, ['--workers', '1', ...UNLIMITED], { stderr: 'inherit' });
    try {
      results.push(['1 node, SQLite', await measure([single.url], { ledgerPids: [single.child.pid!] })]);
    } finally {
      await single.stop();
      rmSync(sqliteHome, { recursive: true, force: true });
    }
    for (const count of [1, 2]) {
      await sqlOn(server.adminUrl, [`CREATE DATABASE bench${count}`]);
      const cluster = await startNodes(count, server.urlFor(`bench${count}`), ['--workers', '1', ...UNLIMITED]);
      try {
        const pids = cluster.nodes.map((node) => node.process.child.pid!);
        results.push([`${count} node${count === 1 ? '' : 's'}, PostgreSQL`, await measure(cluster.urls(), { ledgerPids: pids, databasePids })]);
      } finally {
        await cluster.dispose();
      }
    }
  } finally {
    server.dispose();
  }
  for (const [label, { ceiling, calls }] of results) {
    console.log(label);
    console.log(row('  signed transfers', ceiling));
    console.log(row('  signed token-contract calls', calls));
  }
  const perTx = (result: LoadResult, cores: number) => ((cores / result.perSecond) * 1000).toFixed(2);
  console.log('\n| setup | transfers/s | calls/s | calls p50 / p99 ms | node CPU ms per call | PostgreSQL CPU ms per transfer / call |\n|---|---|---|---|---|---|');
  for (const [label, { ceiling, calls }] of results) {
    const database = calls.databaseCores > 0 ? `${perTx(ceiling, ceiling.databaseCores)} / ${perTx(calls, calls.databaseCores)}` : '—';
    console.log(
      `| ${label} | ${ceiling.perSecond.toFixed(0)} | ${calls.perSecond.toFixed(0)} | ${calls.p50.toFixed(1)} / ${calls.p99.toFixed(1)} | ${perTx(calls, calls.ledgerCores)} | ${database} |`,
    );
  }
  const [, one] = results[1]!;
  const nodeMs = (one.calls.ledgerCores / one.calls.perSecond) * 1000;
  const databaseMs = (one.calls.databaseCores / one.calls.perSecond) * 1000;
  const hostCalls = (16 * 1000) / databaseMs;
  const perNode = (16 * 1000) / nodeMs;
  console.log(
    `\nEstimate: a call costs a node ${nodeMs.toFixed(2)} ms of CPU and PostgreSQL ${databaseMs.toFixed(2)} ms. A 16-core database host saturates near ${hostCalls.toFixed(0)} calls/s; a 16-core node re-executes ${perNode.toFixed(0)} calls/s, so one such host feeds about ${(hostCalls / perNode).toFixed(1)} nodes of 16 cores (${((hostCalls / perNode) * 8).toFixed(0)} of 2 cores) before commits (one at a time, under the advisory lock) or the host's disk become the bound.`,
  );
}
