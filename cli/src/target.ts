// Which ledger a command talks to: --ledger <url>, else --chain <name>, else $TANA_LEDGER, else the
// default chain (config.json), else config.json's ledger, else the local default. A named chain is
// checked against what its ledger says before anything is signed for it.
import { type ChainInfo, LedgerClient } from '@tana/ledger/client';
import { loadChain, type StoredChain } from './chains.ts';
import { DEFAULT_LEDGER_URL, storedConfig } from './config.ts';
import { UsageError } from './output.ts';

export interface TargetOptions {
  ledger?: string;
  chain?: string;
}

export interface LedgerTarget {
  url: string;
  /** The chain config it came from, if any. */
  chain?: StoredChain;
}

export function resolveTarget(options: TargetOptions): LedgerTarget {
  const config = storedConfig(); // read first: a corrupt config.json is named whatever wins below
  if (options.ledger && options.chain) throw new UsageError('give --ledger <url> or --chain <name>, not both');
  if (options.ledger) return { url: options.ledger };
  if (options.chain) return targetOf(loadChain(options.chain));
  if (process.env.TANA_LEDGER) return { url: process.env.TANA_LEDGER };
  if (config.defaultChain) return targetOf(loadChain(config.defaultChain));
  return { url: config.ledger ?? DEFAULT_LEDGER_URL };
}

function targetOf(chain: StoredChain): LedgerTarget {
  return { url: chain.url, chain };
}

export interface Connection {
  target: LedgerTarget;
  client: LedgerClient;
  /** GET /chain, once; for a named chain, refused if the ledger now serves another chain or engine. */
  chain(): Promise<ChainInfo>;
}

export function connect(options: TargetOptions, clientOptions: { timeoutMs?: number } = {}): Connection {
  const target = resolveTarget(options);
  const client = new LedgerClient(target.url, clientOptions);
  let info: Promise<ChainInfo> | undefined;
  return {
    target,
    client,
    chain: () =>
      (info ??= client.chain().then((chain) => {
        checkChain(target, chain);
        return chain;
      })),
  };
}

/** A named chain must still be the chain (and engine) it was added as. */
export function checkChain(target: LedgerTarget, chain: Pick<ChainInfo, 'chainId' | 'engineHash'>): void {
  const stored = target.chain;
  if (!stored) return;
  const changed = [
    stored.chainId !== chain.chainId && `chain id '${chain.chainId}' (added as '${stored.chainId}')`,
    stored.engineHash !== chain.engineHash && `engine ${chain.engineHash.slice(0, 12)}… (added with ${stored.engineHash.slice(0, 12)}…)`,
  ].filter(Boolean);
  if (changed.length) {
    throw new Error(`the ledger at ${stored.url} now answers with ${changed.join(' and ')} for chain '${stored.name}'; if that is expected, add it again: tana chain add ${stored.name} ${stored.url}`);
  }
}
