// New heads pushed by the ledger (GET /events, Server-Sent Events) instead of polling: each new
// block runs `onHead` (a sync), at most one at a time, once more if blocks arrived meanwhile. The
// browser's EventSource reconnects by itself and resumes after the last block it saw (Last-Event-ID);
// a refused reconnection starts a new stream after it (followHeads in @tana/ledger/client).
import { followHeads, type HeadFollower } from '@tana/ledger/client';
import type { PlaygroundDb } from './db.ts';
import { ledgerUrl } from './ledger.ts';

/** Starts following the ledger's heads after the last block this page holds; returns a stop function. */
export function followLedger(db: PlaygroundDb, onHead: () => Promise<void>): () => void {
  let follower: HeadFollower | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = onHead()
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          run();
        }
      });
  };
  void (async () => {
    const [url, last] = await Promise.all([ledgerUrl(db), db.blocks.orderBy('height').last()]);
    if (stopped || typeof EventSource === 'undefined') return;
    follower = followHeads(url, { since: last?.height, onHead: run });
  })();
  return () => {
    stopped = true;
    follower?.close();
  };
}
