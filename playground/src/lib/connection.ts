// Is the ledger there? The browser's own online/offline, and what the last request to the ledger
// found: a visible indicator, and errors that clear once their cause is gone.
import { writable, type Readable } from 'svelte/store';
import { LedgerRequestError } from '@tana/ledger/client';
import type { PlaygroundDb } from './db.ts';
import { ledgerClient } from './ledger.ts';

export type ConnectionState = 'checking' | 'online' | 'offline' | 'unreachable';

export interface Connection {
  state: ConnectionState;
  /** Why the ledger is unreachable, in the client's words. */
  detail?: string;
}

const store = writable<Connection>({ state: typeof navigator !== 'undefined' && !navigator.onLine ? 'offline' : 'checking' });
export const connection: Readable<Connection> = store;

/** A request reached the ledger. */
export function reportReachable(): void {
  store.set({ state: 'online' });
}

/** A request could not reach the ledger (or the browser is offline). */
export function reportUnreachable(detail?: string): void {
  store.set({ state: typeof navigator !== 'undefined' && !navigator.onLine ? 'offline' : 'unreachable', detail });
}

/** Files the outcome of a ledger request: Unreachable marks the connection down; any answer, up. */
export function noteLedgerResult(error?: unknown): void {
  if (error instanceof LedgerRequestError && error.code === 'Unreachable') reportUnreachable(error.message);
  else reportReachable();
}

export function isUnreachable(error: unknown): boolean {
  return error instanceof LedgerRequestError && error.code === 'Unreachable';
}

/** Asks the ledger's /health now; true when it answered. */
export async function checkLedger(db: PlaygroundDb): Promise<boolean> {
  try {
    await (await ledgerClient(db)).health();
    reportReachable();
    return true;
  } catch (error) {
    reportUnreachable((error as Error).message);
    return false;
  }
}

/**
 * Follows the browser's online/offline events and, while the ledger is not known to be up, asks it
 * every few seconds; `onBack` runs each time it comes back.
 */
export function watchConnection(db: PlaygroundDb, onBack: () => void, everyMs = 4000): () => void {
  let last: ConnectionState = 'checking';
  const unsubscribe = store.subscribe(({ state }) => {
    if (state === 'online' && last !== 'online' && last !== 'checking') onBack();
    last = state;
  });
  const offline = () => reportUnreachable('the browser is offline');
  const online = () => void checkLedger(db);
  addEventListener('offline', offline);
  addEventListener('online', online);
  const timer = setInterval(() => {
    if (last !== 'online') void checkLedger(db);
  }, everyMs);
  void checkLedger(db);
  return () => {
    unsubscribe();
    removeEventListener('offline', offline);
    removeEventListener('online', online);
    clearInterval(timer);
  };
}
