// New heads as they are committed, by this process or (on PostgreSQL) by any node: wake() is called
// after every local commit and on every NOTIFY (and reconnect) from the database; each wake reads the
// blocks after the last one seen, in height order, so none is skipped or repeated. The most recent
// blocks stay in memory for the event streams (http/routes/events.ts); older ones are read from the store.
import type { BlockRow } from '../db/rows.ts';
import type { LedgerStore } from '../db/store.ts';

/** Blocks kept in memory for streams that are a little behind. */
const RECENT = 256;
const PAGE = 100;

export class HeadEvents {
  private readonly store: LedgerStore;
  private last: number;
  private recent: BlockRow[] = [];
  private reading = false;
  private readAgain = false;
  private closed = false;
  private next = signal();

  /** `head`: the height already committed when the ledger opened (no event is made for it). */
  constructor(store: LedgerStore, head: number) {
    this.store = store;
    this.last = head;
  }

  /** The highest height announced. */
  get height(): number {
    return this.last;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Something may have been committed: read what is new (coalesced: one read at a time, again if woken meanwhile). */
  wake(): void {
    if (this.closed) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    void this.readNew().finally(() => {
      this.reading = false;
    });
  }

  /** The blocks after `height` if they are all still in memory (possibly none), else undefined. */
  after(height: number): BlockRow[] | undefined {
    if (height >= this.last) return [];
    const first = this.recent[0];
    if (!first || first.height > height + 1) return undefined;
    return this.recent.slice(height + 1 - first.height);
  }

  /** Resolves at the next announced block, or at close. */
  changed(): Promise<void> {
    return this.next.promise;
  }

  /** Ends every stream waiting on changed(). */
  close(): void {
    this.closed = true;
    this.next.resolve();
  }

  private async readNew(): Promise<void> {
    do {
      this.readAgain = false;
      try {
        for (let blocks = await this.store.blocks(this.last + 1, PAGE); blocks.length; blocks = await this.store.blocks(this.last + 1, PAGE)) {
          for (const block of blocks) this.announce(block);
        }
      } catch {
        // The database is away: the next wake (a local commit, or PostgreSQL's reconnect) reads again.
        return;
      }
    } while (this.readAgain && !this.closed);
  }

  private announce(block: BlockRow): void {
    if (block.height !== this.last + 1) return;
    this.last = block.height;
    if (this.recent.length && this.recent.at(-1)!.height !== block.height - 1) this.recent = [];
    this.recent.push(block);
    if (this.recent.length > RECENT) this.recent.shift();
    const current = this.next;
    this.next = signal();
    current.resolve();
  }
}

function signal(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
