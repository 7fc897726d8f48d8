// tana status: is the configured ledger up, where is its head, and which local users exist.
import { parseArgs } from 'node:util';
import { LedgerClient } from '@tana/ledger/client';
import { listUsers, readConfig } from '../config.ts';

export async function statusCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ledger: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const url = values.ledger ?? readConfig().ledger;
  const client = new LedgerClient(url);
  const users = listUsers().map((user) => user.id);
  try {
    const [health, chain] = await Promise.all([client.health(), client.chain()]);
    if (values.json) {
      console.log(JSON.stringify({ url, running: true, health, chain: chain.chainId, users }));
      return 0;
    }
    console.log(`ledger ${url}: running`);
    console.log(`  chain ${health.chainId} · block ${health.head.height} (${health.head.hash.slice(0, 12)}…) · engine ${health.engineHash.slice(0, 12)}…`);
    console.log(`  ${health.workers} worker(s) · up ${Math.round(health.uptimeMs / 1000)} s · currencies ${chain.currencies.map((c) => c.code).join(', ')}`);
  } catch (error) {
    if (values.json) console.log(JSON.stringify({ url, running: false, users }));
    else console.log(`ledger ${url}: not reachable (${(error as Error).message}); start one with: tana start`);
    return 1;
  }
  console.log(`  local users: ${users.length ? users.join(', ') : 'none (tana user create <id>)'}`);
  return 0;
}
