// Opens a ledger: its data directory (SQLite file, producer key, admin token), its chain, its
// engine and worker pool, and the transaction processor that ties them together.
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { canonicalBytes, type MintTransaction, type SignedTransaction } from '@tana/engine';
import { createGenesis } from './chain/genesis.ts';
import { defaultChainParams, type ChainParams } from './chain/params.ts';
import { StateTree } from './chain/state-tree.ts';
import { openDatabase } from './db/open.ts';
import { Store } from './db/store.ts';
import { createExecutionPool, type ExecutionPool } from './execution/pool.ts';
import { TransactionProcessor, type Submitted } from './tx/processor.ts';
import { rawPublicKeyOf } from './tx/signature.ts';

export interface LedgerOptions {
  /** Directory for ledger.sqlite, the producer key and the admin token (created if missing). */
  dataDir: string;
  /** Chain parameters for a new chain; an existing chain keeps the ones it was created with. */
  chain?: Partial<Omit<ChainParams, 'producerPublicKey'>>;
  /** Re-execution workers; default: one per core. */
  workers?: number;
  /** Wall-clock limit of one re-execution. */
  executionTimeoutMs?: number;
  clock?: () => number;
  /** Progress for long steps (starting workers), for CLIs. */
  onProgress?: (message: string) => void;
}

export interface Ledger {
  readonly store: Store;
  readonly tree: StateTree;
  readonly params: ChainParams;
  readonly engineHash: string;
  readonly processor: TransactionProcessor;
  readonly pool: ExecutionPool;
  readonly adminToken: string;
  readonly dataDir: string;
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
  const store = new Store(openDatabase(join(options.dataDir, 'ledger.sqlite')));
  const tree = new StateTree(store);
  const engineHash = engineHashOf();
  const clock = options.clock ?? Date.now;

  let params = store.meta<ChainParams>('chain');
  if (!params) {
    params = defaultChainParams({ ...options.chain, producerPublicKey: rawPublicKeyOf(producerKey) });
    createGenesis(store, tree, params, clock(), engineHash);
  }

  const workers = options.workers ?? availableParallelism();
  progress(`starting ${workers} re-execution worker${workers === 1 ? '' : 's'} (one per core unless --workers)…`);
  const pool = await createExecutionPool({ size: workers, timeoutMs: options.executionTimeoutMs });
  const processor = new TransactionProcessor({ store, tree, params, engineHash, pool, clock });
  const chain = params;

  // Mints from this process are serialised so each takes the producer's next nonce.
  let mints: Promise<unknown> = Promise.resolve();
  const mint = (to: string, amount: string, currency: string, decimals?: number) => {
    const next = mints.then(() => {
      const transaction: MintTransaction = {
        kind: 'mint',
        chainId: chain.chainId,
        sender: chain.producer,
        nonce: store.user(chain.producer)!.nextNonce,
        engineHash,
        timestamp: clock(),
        to,
        amount,
        currency,
        ...(decimals === undefined ? {} : { decimals }),
      };
      const signed: SignedTransaction = { transaction, signature: sign(null, canonicalBytes(transaction), producerKey).toString('hex') };
      return processor.submit(signed);
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
    pool,
    adminToken,
    dataDir: options.dataDir,
    mint,
    async close() {
      await processor.drain();
      await pool.close();
      store.db.close();
    },
  };
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
