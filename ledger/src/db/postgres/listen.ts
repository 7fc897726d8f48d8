// LISTEN on a connection of its own, kept open: after the server closes it (a restart, a failover),
// it connects again with backoff and LISTENs again, and `onListen` runs each time, so a node catches
// up on whatever it missed meanwhile.
import pg from 'pg';
import { clientConfig } from './connect.ts';

export interface Listener {
  close(): Promise<void>;
}

export async function listen(url: string, channel: string, onNotify: () => void, onListen: () => void): Promise<Listener> {
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = 250;
  let timer: NodeJS.Timeout | undefined;

  const open = async (): Promise<void> => {
    const next = new pg.Client(clientConfig(url));
    next.on('error', () => {}); // followed by 'end', which reconnects
    next.on('notification', (message) => message.channel === channel && onNotify());
    next.on('end', () => {
      if (client === next) client = undefined;
      if (!closed) retry();
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    client = next;
    retryMs = 250;
    if (closed) await next.end();
    else onListen();
  };
  const retry = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void open().catch(() => retry()), retryMs);
    retryMs = Math.min(retryMs * 2, 5000);
  };

  await open();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
