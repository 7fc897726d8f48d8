// `tana status --watch`: each new block as the ledger announces it (GET /events), one line each, until
// Ctrl+C. EventSource reconnects by itself and resumes after the last block printed (Last-Event-ID),
// so a ledger restart or a switch to another node behind the same address skips nothing.
import { type Block, followHeads } from '@tana/ledger/client';
import { EventSource } from 'eventsource';

export function formatHead(block: Block): string {
  const count = block.txIds.length;
  return `block ${block.height} (${block.hash.slice(0, 12)}…) · ${count} transaction${count === 1 ? '' : 's'} · state root ${block.stateRoot.slice(0, 12)}… · ${new Date(block.timestamp).toISOString()}`;
}

/** Prints heads after `since` until SIGINT/SIGTERM. */
export function watchHeads(url: string, since: number, json: boolean): Promise<void> {
  return new Promise((resolve) => {
    let away = false;
    const follower = followHeads(url, {
      since,
      EventSource,
      onHead: (block) => console.log(json ? JSON.stringify(block) : formatHead(block)),
      onState: (state) => {
        if (state === 'reconnecting' && !away) console.error(`ledger ${url}: connection lost, reconnecting…`);
        if (state === 'open' && away) console.error(`ledger ${url}: connected again`);
        away = state === 'reconnecting';
      },
    });
    if (!json) console.log('  following new blocks (Ctrl+C to stop)…');
    // The eventsource package unrefs its reconnection timer: without this, a ledger that went away would end the watch.
    const alive = setInterval(() => {}, 1 << 30);
    const stop = () => {
      clearInterval(alive);
      follower.close();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
