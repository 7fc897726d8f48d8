// Test helpers: a real ledger on the suite's database (a SQLite file in a temp directory, or a new
// PostgreSQL database: see database.ts), served on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signTransaction, transpile, type CallTransaction } from '@tana/engine';
import { testDatabase } from './database.ts';
import { startLedgerServer, type RunningLedger, type ServerOptions } from '../../ledger/src/index.ts';
import { deployTransaction, generateKeyPair, LedgerClient, userTransaction, type ChainInfo, type KeyPair } from '../../ledger/src/client/index.ts';

export interface TestLedger extends RunningLedger {
  client: LedgerClient;
  dataDir: string;
  /** The PostgreSQL database's URL when the suite runs on PostgreSQL. */
  database: string | undefined;
  chain: ChainInfo;
  /** Closes the server and deletes the data directory (and the database). */
  dispose(): Promise<void>;
}

export async function startTestLedger(options: Partial<ServerOptions> = {}): Promise<TestLedger> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tana-ledger-test-'));
  const db = options.database === undefined ? await testDatabase() : { url: options.database, drop: async () => {} };
  // The faucet funds test users; a short keep-alive lets the graceful close finish soon after the test's last request.
  const running = await startLedgerServer({
    workers: 2,
    port: 0,
    rateLimitPerMinute: 1_000_000,
    faucet: { amount: '100000', currency: 'USD' },
    keepAliveTimeoutMs: 1000,
    ...options,
    database: db.url,
    dataDir,
  });
  const client = new LedgerClient(running.url);
  return {
    ...running,
    client,
    dataDir,
    database: db.url,
    chain: await client.chain(),
    async dispose() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
      await db.drop();
    },
  };
}

export interface TestUser extends KeyPair {
  id: string;
}

export async function createUser(ledger: { client: LedgerClient; chain: ChainInfo }, id: string): Promise<TestUser> {
  const keys = await generateKeyPair();
  await ledger.client.submit(await signTransaction(userTransaction(ledger.chain, id, keys.publicKey), keys.privateKey));
  return { id, ...keys };
}

/** Deploys TypeScript source (transpiled, as the playground and CLI do) as `contractId`. */
export async function deploy(ledger: { client: LedgerClient; chain: ChainInfo }, owner: TestUser, contractId: string, source: string) {
  const { nextNonce } = await ledger.client.user(owner.id);
  const tx = await deployTransaction(ledger.chain, owner.id, nextNonce, contractId, transpile(source));
  return ledger.client.submit(await signTransaction(tx, owner.privateKey));
}

/**
 * A call claiming success with an empty diff, built without running the contract (so a hostile
 * contract costs the client nothing): what an attacker sends to make the ledger re-execute for free.
 */
export async function unrunCall(ledger: { client: LedgerClient; chain: ChainInfo }, sender: TestUser, contractId: string, gasLimit: number, nonce?: number): Promise<CallTransaction> {
  const [contract, head, info] = await Promise.all([ledger.client.contract(contractId), ledger.client.head(), ledger.client.user(sender.id)]);
  const now = Date.now();
  return {
    chainId: ledger.chain.chainId,
    sender: sender.id,
    nonce: nonce ?? info.nextNonce,
    engineHash: ledger.chain.engineHash,
    timestamp: now,
    kind: 'call',
    contractId,
    codeHash: contract.codeHash,
    input: null,
    gasLimit,
    block: { height: head.height + 1, timestamp: now, executor: ledger.chain.producer },
    fetches: [],
    outcome: { ok: true, value: null, diff: { set: {}, deleted: [], transfers: [] }, gasUsed: 0 },
  };
}
