// tana verify: rebuild all state from the blocks and check every root (see ledger/src/chain/verify.ts).
import { Command } from '@commander-js/extra-typings';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { verifyChain } from '@tana/ledger';
import { defaultDataDir } from '../config.ts';
import { dataOption, dbOption, examples, jsonOption } from '../options.ts';
import { printJson, UsageError } from '../output.ts';
import { startProgress } from '../progress.ts';

export const verifyCommand = () =>
  new Command('verify')
    .summary('rebuild all state from the blocks and check every root')
    .description('Rebuild all state from the blocks, re-execute every call, and check every block hash and state root. Exits 1 on any problem.')
    .addOption(dataOption())
    .addOption(dbOption())
    .option('--no-reexecute', 'check hashes and roots only, without re-running the contract calls')
    .addOption(jsonOption())
    .addHelpText('after', examples('tana verify', 'tana verify --data /tmp/ledger --json', 'tana verify --db postgres://tana@db.internal:5432/tana'))
    .action(async (options) => {
      const database = options.db ?? join(options.data ?? defaultDataDir(), 'ledger.sqlite');
      if (!options.db && !existsSync(database)) throw new UsageError(`no ledger database at ${database} (pass --data <dir>, or --db <postgres url>)`);
      const progress = startProgress();
      progress.update(`verifying ${options.db ? 'the PostgreSQL database' : database}`);
      const report = await verifyChain(database, {
        reexecute: options.reexecute,
        onProgress: (height, head) => progress.update(`verified block ${height} of ${head} (${head ? Math.floor((height / head) * 100) : 100}%)`),
      }).finally(() => progress.done());
      if (options.json) printJson(report);
      else if (report.ok) console.log(`ok: ${report.blocks} blocks, ${report.transactions} transactions (${report.reexecuted} calls re-executed); state root ${report.stateRoot}`);
      else console.log(`FAILED: ${report.problems.length} problem(s)\n${report.problems.map((p) => `  ${p}`).join('\n')}`);
      if (!report.ok) process.exitCode = 1;
    });
