// The playground's connection to the ledger: its URL (a setting), a client for it, and the chain
// as last seen (kept for offline use).
import { LedgerClient, type ChainInfo } from '@tana/ledger/client';
import type { PlaygroundDb } from './db.ts';

/** Served by `tana start`, the ledger is the page's own origin; from `astro dev`, the local default. */
export function defaultLedgerUrl(): string {
  return location.port === '4321' ? 'http://127.0.0.1:8080' : location.origin;
}

export async function ledgerUrl(db: PlaygroundDb): Promise<string> {
  return db.setting('ledgerUrl', defaultLedgerUrl());
}

export async function ledgerClient(db: PlaygroundDb): Promise<LedgerClient> {
  return new LedgerClient(await ledgerUrl(db));
}

export async function chainInfo(db: PlaygroundDb): Promise<ChainInfo | undefined> {
  return db.setting<ChainInfo | undefined>('chain', undefined);
}
