// tana start: the ledger (on an embedded SQLite file, or with --db on a PostgreSQL database shared with
// other nodes), in the foreground, until Ctrl+C / SIGTERM / tana stop. --node <name> takes the options
// from $TANA_HOME/nodes/<name>.json (nodes.ts); flags given on the command line win.
import { Command, Option } from '@commander-js/extra-typings';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeOnSignals, startLedgerServer } from '@tana/ledger';
import { defaultDataDir } from '../config.ts';
import { describeSchedule } from '../fee-notice.ts';
import { loadNode, type NODE_KEYS, type NodeOptions } from '../nodes.ts';
import { dataOption, dbOption, examples, parseDatabaseUrl } from '../options.ts';
import { UsageError } from '../output.ts';
import { servePlayground } from '../playground.ts';
import { startProgress } from '../progress.ts';
import { parsePositiveInteger } from './inputs.ts';
import { isLoopback, parseFaucet, parseFees, parseList } from './start-options.ts';

export const startCommand = () =>
  new Command('start')
    .summary('start the ledger (and the playground, when built)')
    .description('Start a verifying ledger (and the playground, when built) in the foreground, until Ctrl+C or tana stop.')
    .addOption(new Option('--port <port>', 'the port to listen on (0: any free one)').default(process.env.PORT ?? '8080', '$PORT or 8080'))
    .option('--host <address>', 'the address to listen on', '127.0.0.1')
    .addOption(dataOption())
    .addOption(dbOption())
    .option('--workers <n>', 'worker threads that re-execute calls (default: one per core)')
    .option('--cors <origins>', 'comma-separated origins allowed to call the API from a browser')
    .option('--faucet <amount[:CURRENCY]|off>', 'money granted to each new user (default: 100000 USD on loopback, off otherwise)')
    .option('--trust-proxy <addresses>', 'comma-separated proxy addresses/CIDRs whose Forwarded headers name the client')
    .option('--max-gas <n>', 'the highest gas limit a call may ask for here')
    .option('--rate-limit <n>', 'requests a minute one client address may make (default: 6000)')
    .option('--gas-price <price[:CURRENCY]>', 'a new chain’s fee per gas, in the smallest unit (default: 0 on loopback, else 1:TANA)')
    .option('--deposit-per-byte <amount>', 'a new chain’s storage deposit per byte of contract state (default: 0 on loopback, else 100)')
    .option('--node <name>', 'take these options from $TANA_HOME/nodes/<name>.json (flags given here win)')
    .addHelpText(
      'after',
      examples(
        'tana start',
        'tana start --port 9000 --data /tmp/ledger --faucet off',
        'tana start --host 0.0.0.0 --cors https://play.example.com --trust-proxy 10.0.0.0/8',
        'tana start --node node-xyz   # reads ~/.config/tana/nodes/node-xyz.json, e.g. {"port": 9000, "workers": 2, "cors": ["https://my.site"]}',
        'tana start --db postgres://tana@db.internal:5432/tana --host 0.0.0.0 --port 8081   # one of several nodes (ledger/README.md, Running a hosted ledger)',
      ),
    )
    .action(async (given, command) => {
      const options = withNodeOptions(given, given.node ? loadNode(given.node) : {}, (key) => command.getOptionValueSource(key));
      const port = Number(options.port);
      if (!/^[0-9]+$/.test(options.port) || port > 65535) throw new UsageError(`--port must be a port number (0–65535), not '${options.port}'`);
      const workers = parsePositiveInteger(options.workers, '--workers');
      const maxCallGas = parsePositiveInteger(options.maxGas, '--max-gas');
      const rateLimitPerMinute = parsePositiveInteger(options.rateLimit, '--rate-limit');
      const faucet = parseFaucet(options.faucet, options.host);
      const fees = parseFees(options.gasPrice, options.depositPerByte, options.host);
      const db = options.db === undefined ? undefined : parseDatabaseUrlOrUsage(options.db);
      const dataDir = options.data ?? defaultDataDir();

      const progress = startProgress();
      progress.update(db ? 'connecting to PostgreSQL' : `opening the ledger in ${dataDir}`);
      const running = await startLedgerServer({
        dataDir,
        database: db,
        chain: { fees },
        port,
        host: options.host,
        workers,
        maxCallGas,
        rateLimitPerMinute,
        faucet,
        trustProxy: parseList(options.trustProxy),
        corsOrigins: parseList(options.cors),
        onProgress: (message) => progress.update(message),
        extend: servePlayground,
      })
        .catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'EADDRINUSE') throw new Error(`port ${port} is in use (is a ledger already running? tana status) — or pass --port`);
          if (/^(--trust-proxy|faucet|fees)/.test(error.message)) throw new UsageError(error.message);
          throw error;
        })
        .finally(() => progress.done());
      const pidFile = join(dataDir, 'tana.pid.json');
      writeFileSync(pidFile, JSON.stringify({ pid: process.pid, url: running.url }));
      process.once('exit', () => existsSync(pidFile) && rmSync(pidFile));

      const { ledger } = running;
      const head = (await ledger.store.head())!;
      console.log(`Tana ledger running at ${running.url}`);
      console.log(`  chain ${ledger.params.chainId} · block ${head.height} · engine ${ledger.engineHash.slice(0, 12)}… · ${ledger.pool.size} worker(s) · max gas ${ledger.maxCallGas}`);
      console.log(`  faucet ${ledger.faucet ? `${ledger.faucet.amount} ${ledger.faucet.currency} per new user (--faucet off to stop)` : 'off'}`);
      console.log(`  fees ${describeSchedule(ledger.params.fees, await ledger.store.currencies())}${ledger.params.fees?.gasPrice === '0' ? ' (a new chain takes --gas-price)' : ''}`);
      const chainFees = ledger.params.fees;
      if (chainFees && chainFees.gasPrice !== '0' && ledger.faucet && ledger.faucet.currency !== chainFees.currency) {
        console.log(
          `  note: new users get ${ledger.faucet.currency} from the faucet but fees are paid in ${chainFees.currency}: mint some (POST /balances) or start a new chain with --gas-price ${chainFees.gasPrice}:${ledger.faucet.currency}`,
        );
      }
      if (head.height > 0 && (options.gasPrice !== undefined || options.depositPerByte !== undefined)) {
        console.log('  (--gas-price and --deposit-per-byte shape a new chain only: this chain keeps the fees it was made with)');
      }
      if (!isLoopback(options.host)) console.log('  listening beyond this machine: set --cors and, behind a proxy, --trust-proxy (see ledger/README.md, Security)');
      console.log(`  data ${ledger.store.backend === 'postgres' ? `${ledger.store.location} (PostgreSQL; keys in ${dataDir})` : dataDir}`);
      console.log(`  playground ${running.url}/   API docs ${running.url}/docs   (Ctrl+C or tana stop to stop)`);
      closeOnSignals(running);
      await new Promise<never>(() => {}); // runs until a signal
    });

type StartOptions = { [K in (typeof NODE_KEYS)[number]]?: string } & { port: string; host: string };

/** The command line's options over the node file's, over the defaults: a flag given on the command line always wins. */
function withNodeOptions<T extends StartOptions>(given: T, node: NodeOptions, sourceOf: (key: string) => string | undefined): T {
  const merged: Record<string, unknown> = { ...given };
  for (const [key, value] of Object.entries(node)) if (sourceOf(key) !== 'cli') merged[key] = value;
  return merged as T;
}

function parseDatabaseUrlOrUsage(value: string): string {
  try {
    return parseDatabaseUrl(value);
  } catch (error) {
    throw new UsageError(`db: ${(error as Error).message}`);
  }
}
