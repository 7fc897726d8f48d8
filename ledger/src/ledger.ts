// Opens a ledger: its data directory (producer key, admin token, and the SQLite file unless the
// chain is on PostgreSQL), its store and chain, its engine and worker pool, and the transaction
// processor that ties them together.
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { canonicalBytes, type MintTransaction, type SignedTransaction } from '@tana/engine';
import { createGenesis } from './chain/genesis.ts';
import { defaultChainParams, type ChainParams } from './chain/params.ts';
import { TreeCache } from './chain/state-tree.ts';
import { openStore } from './db/open-store.ts';
import type { LedgerStore } from './db/store.ts';
import { LedgerError } from './errors.ts';
import { HeadEvents } from './events/heads.ts';
import { createExecutionPool, type ExecutionPool } from './execution/pool.ts';
import { defaultSchedulerLimits, FairScheduler, type SchedulerLimits } from './execution/scheduler.ts';
import { TransactionProcessor, type Origin, type Submitted } from './tx/processor.ts';
import { rawPublicKeyOf } from './tx/signature.ts';

export interface LedgerOptions {
  /** Directory for the producer key, the admin token and (without `database`) ledger.sqlite; created if missing. */
  dataDir: string;
  /**
   * A postgres:// URL: the chain lives in that PostgreSQL database, shared by every node started
   * with it (each with the chain's producer key and admin token in its data directory). Default: SQLite.
   */
  database?: string;
  /** Chain parameters for a new chain; an existing chain keeps the ones it was created with. */
  chain?: Partial<Omit<ChainParams, 'producerPublicKey'>>;
  /** Re-execution workers; default: one per core. */
  workers?: number;
  /** Wall-clock limit of one re-execution. */
  executionTimeoutMs?: number;
  /** The highest gasLimit a call may ask for on this ledger; default (and at most) the chain's maxGas. */
  maxCallGas?: number;
  /** Who may occupy the re-execution workers (see execution/scheduler.ts); defaults scale with `workers`. */
  scheduling?: Partial<Omit<SchedulerLimits, 'workers'>>;
  /**
   * Money granted to every newly registered user, as a signed mint in a block (so it is on the
   * chain for anyone to audit). A development convenience: off unless given.
   */
  faucet?: Faucet;
  clock?: () => number;
  /** Progress for long steps (starting workers), for CLIs. */
  onProgress?: (message: string) => void;
}

export interface Faucet {
  amount: string;
  currency: string;
}

export interface Ledger {
  readonly store: LedgerStore;
  readonly tree: TreeCache;
  readonly params: ChainParams;
  readonly engineHash: string;
  readonly processor: TransactionProcessor;
  /** New heads, from this node's commits and (on PostgreSQL) every other node's: what GET /events streams. */
  readonly events: HeadEvents;
  readonly pool: ExecutionPool;
  readonly scheduler: FairScheduler;
  readonly maxCallGas: number;
  readonly faucet: Faucet | null;
  readonly adminToken: string;
  readonly dataDir: string;
  /** Submits a signed transaction; a newly registered user then gets the faucet's grant, if there is one. */
  submit(signed: SignedTransaction, origin?: Origin): Promise<Submitted>;
  /** Issues money from the producer account (a signed `mint` transaction in a block). */
  mint(to: string, amount: string, currency: string, decimals?: number): Promise<Submitted>;
  /** Finishes in-flight work, stops the workers and closes the database. */
  close(): Promise<void>;
}

export const ENGINE_WASM = new URL(import.meta.resolve('@tana/engine/engine.wasm'));

export function engineHashOf(path: URL = ENGINE_WASM): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export async function openLedger(options: LedgerOptions): Promise<Ledger> {
  const progress = options.onProgress ?? (() => {});
  mkdirSync(options.dataDir, { recursive: true });
  const producerKey = loadOrCreateProducerKey(join(options.dataDir, 'producer-key.pem'));
  const adminToken = loadOrCreateSecret(join(options.dataDir, 'admin-token'));
  const store = await openStore(options.database ?? join(options.dataDir, 'ledger.sqlite'));
  const tree = new TreeCache();
  const engineHash = engineHashOf();
  const clock = options.clock ?? Date.now;

  let params: ChainParams;
  try {
    params = await chainParams(store, options, rawPublicKeyOf(producerKey), clock(), engineHash);
  } catch (error) {
    await store.close();
    throw error;
  }

  const workers = options.workers ?? availableParallelism();
  progress(`starting ${workers} re-execution worker${workers === 1 ? '' : 's'} (one per core unless --workers)…`);
  const pool = await createExecutionPool({ size: workers, timeoutMs: options.executionTimeoutMs });
  const defaults = defaultSchedulerLimits(pool.size);
  const scheduler = new FairScheduler({ ...defaults, ...options.scheduling, workers: pool.size });
  const maxCallGas = Math.min(options.maxCallGas ?? params.maxGas, params.maxGas);
  const events = new HeadEvents(store, (await store.head())!.height);
  const processor = new TransactionProcessor({ store, tree, params, engineHash, pool, scheduler, maxCallGas, clock, onCommitted: () => events.wake() });
  await store.onForeignCommit(() => events.wake());
  const chain = params;
  const faucet = options.faucet ?? null;
  const currencies = await store.currencies();
  if (faucet && !currencies.some((c) => c.code === faucet.currency)) {
    await Promise.all([pool.close(), store.close()]);
    throw new Error(`faucet: this chain has no currency '${faucet.currency}' (it has ${currencies.map((c) => c.code).join(', ')})`);
  }

  // Mints from this process are serialised so each takes the producer's next nonce; another node
  // minting at the same moment takes it first at most a few times (StaleNonce): sign again with the next.
  let mints: Promise<unknown> = Promise.resolve();
  const mintOnce = async (to: string, amount: string, currency: string, decimals?: number) => {
    const transaction: MintTransaction = {
      kind: 'mint',
      chainId: chain.chainId,
      sender: chain.producer,
      nonce: (await store.user(chain.producer))!.nextNonce,
      engineHash,
      timestamp: clock(),
      to,
      amount,
      currency,
      ...(decimals === undefined ? {} : { decimals }),
    };
    const signed: SignedTransaction = { transaction, signature: sign(null, canonicalBytes(transaction), producerKey).toString('hex') };
    return processor.submit(signed);
  };
  const mint = (to: string, amount: string, currency: string, decimals?: number) => {
    const next = mints.then(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await mintOnce(to, amount, currency, decimals);
        } catch (error) {
          const raced = error instanceof LedgerError && (error.code === 'StaleNonce' || error.code === 'NonceGap');
          if (!raced || attempt >= MINT_ATTEMPTS) throw error;
        }
      }
    });
    mints = next.catch(() => undefined);
    return next;
  };

  return {
    store,
    tree,
    params,
    engineHash,
    processor,
    events,
    pool,
    scheduler,
    maxCallGas,
    faucet,
    adminToken,
    dataDir: options.dataDir,
    mint,
    async submit(signed, origin) {
      const submitted = await processor.submit(signed, origin);
      const tx = signed.transaction;
      if (faucet && tx.kind === 'user' && !submitted.replayed) {
        // The user exists whatever happens to the grant; a failed grant is logged, not turned into a failed registration.
        await mint(tx.sender, faucet.amount, faucet.currency).catch((error: Error) => console.error(`ledger: faucet grant to '${tx.sender}' failed: ${error.message}`));
      }
      return submitted;
    },
    async close() {
      events.close();
      await processor.drain();
      await pool.close();
      await store.close();
    },
  };
}

const MINT_ATTEMPTS = 20;

/** The stored chain's parameters, or a new chain's (made now). A node whose producer key is not the chain's cannot serve it. */
async function chainParams(store: LedgerStore, options: LedgerOptions, producerPublicKey: string, now: number, engineHash: string): Promise<ChainParams> {
  let params = await store.meta<ChainParams>('chain');
  if (!params) {
    const fresh = defaultChainParams({ ...options.chain, producerPublicKey });
    const fees = fresh.fees;
    if (fees && !fresh.currencies.some((c) => c.code === fees.currency)) {
      throw new Error(`fees: the chain would have no currency '${fees.currency}' (it has ${fresh.currencies.map((c) => c.code).join(', ')})`);
    }
    await createGenesis(store, fresh, now, engineHash);
    params = (await store.meta<ChainParams>('chain'))!;
  }
  if (params.producerPublicKey !== producerPublicKey) {
    throw new Error(
      `${join(options.dataDir, 'producer-key.pem')} is not the producer key of the chain in ${store.location}: every node of a chain needs the same producer-key.pem and admin-token — copy them from the data directory of the node that created it`,
    );
  }
  return params;
}

function loadOrCreateProducerKey(path: string): KeyObject {
  if (existsSync(path)) return createPrivateKey(readFileSync(path));
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return privateKey;
}

function loadOrCreateSecret(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(24).toString('hex');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}
