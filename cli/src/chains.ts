// The chains this machine talks to, as in the seeds: $TANA_HOME/chains/<name>.json, each the ledger's
// URL with the chain id and engine hash learned from it when added (so a URL that later answers for
// another chain, or with another engine, is noticed before anything is signed for it). config.json's
// defaultChain names the one commands use unless told otherwise.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT_ID_RULE, isAccountId } from '@tana/engine';
import { readJsonFile, tanaHome } from './config.ts';
import { UsageError } from './output.ts';

export interface StoredChain {
  name: string;
  url: string;
  chainId: string;
  engineHash: string;
  addedAt: string;
}

const chainsDir = () => join(tanaHome(), 'chains');

/** A chain's file. Its name follows the id rule, which also keeps it a plain file name. */
export function chainFile(name: string): string {
  if (!isAccountId(name)) throw new UsageError(`'${name}' is not a chain name: ${ACCOUNT_ID_RULE}`);
  return join(chainsDir(), `${name}.json`);
}

export function saveChain(chain: StoredChain): string {
  const path = chainFile(chain.name);
  mkdirSync(chainsDir(), { recursive: true });
  writeFileSync(path, `${JSON.stringify(chain, null, 2)}\n`);
  return path;
}

export function findChain(name: string): StoredChain | undefined {
  const path = chainFile(name);
  return existsSync(path) ? readJsonFile<StoredChain>(path, `the chain '${name}'`) : undefined;
}

export function loadChain(name: string): StoredChain {
  const chain = findChain(name);
  if (chain) return chain;
  const known = listChains().map((c) => c.name);
  throw new UsageError(`no chain '${name}' (${known.length ? `known: ${known.join(', ')}` : 'none added yet'}); add it with: tana chain add ${name} <url>`);
}

export function listChains(): StoredChain[] {
  if (!existsSync(chainsDir())) return [];
  return readdirSync(chainsDir())
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => readJsonFile<StoredChain>(join(chainsDir(), file), 'a chain'));
}

export function removeChain(name: string): boolean {
  const path = chainFile(name);
  if (!existsSync(path)) return false;
  rmSync(path);
  return true;
}
