// tana status: is the configured ledger up, where is its head, and which local users exist; with
// --watch, then every new head as it is committed (GET /events), until Ctrl+C.
import { Command } from '@commander-js/extra-typings';
import { watchHeads } from '../watch-heads.ts';
import { listUsers } from '../config.ts';
import { describeSchedule } from '../fee-notice.ts';
import { chainOption, examples, jsonOption, ledgerOption } from '../options.ts';
import { printJson } from '../output.ts';
import { checkChain, connect } from '../target.ts';

export const statusCommand = () =>
  new Command('status')
    .summary('is the ledger running; head, engine, local users')
    .description(
      'Is the ledger running: its chain, head block and engine, and the local users. Exits 1 when it is not reachable. With --watch, then prints each new block as it is committed (any node of the chain), until Ctrl+C.',
    )
    .addOption(ledgerOption())
    .addOption(chainOption())
    .addOption(jsonOption())
    .option('--watch', 'then follow new blocks as they are committed (one line each; with --json, one JSON object each)')
    .addHelpText('after', examples('tana status', 'tana status --ledger http://127.0.0.1:9000 --json', 'tana status --chain mainnet', 'tana status --watch'))
    .action(async (options) => {
      const { client, target } = connect(options, { timeoutMs: 10_000 });
      const url = target.url;
      const users = listUsers().map((user) => user.id);
      let health: Awaited<ReturnType<typeof client.health>>;
      let chain: Awaited<ReturnType<typeof client.chain>>;
      try {
        [health, chain] = await Promise.all([client.health(), client.chain()]);
      } catch (error) {
        if (options.json) printJson({ url, running: false, users });
        else console.log(`ledger ${url}: not reachable (${(error as Error).message}); start one with: tana start`);
        process.exitCode = 1;
        return;
      }
      checkChain(target, chain);
      if (options.json) {
        if (options.watch) console.log(JSON.stringify({ url, running: true, health, chain: chain.chainId, users }));
        else printJson({ url, running: true, health, chain: chain.chainId, users });
      } else {
        console.log(`ledger ${url}${target.chain ? ` (chain '${target.chain.name}')` : ''}: running`);
        console.log(`  chain ${health.chainId} · block ${health.head.height} (${health.head.hash.slice(0, 12)}…) · engine ${health.engineHash.slice(0, 12)}… · ${health.database}`);
        console.log(`  ${health.workers} worker(s) · up ${Math.round(health.uptimeMs / 1000)} s · currencies ${chain.currencies.map((c) => c.code).join(', ')}`);
        console.log(`  fees: ${describeSchedule(chain.fees, chain.currencies)}`);
        console.log(`  local users: ${users.length ? users.join(', ') : 'none (tana user create <id>)'}`);
      }
      if (options.watch) await watchHeads(url, health.head.height, Boolean(options.json));
    });
