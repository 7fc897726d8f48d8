// tana verify: rebuild all state from the blocks and check every root (see ledger/src/chain/verify.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyChain } from '@tana/ledger';
import { defaultDataDir } from '../config.ts';
import { UsageError } from '../output.ts';

export async function verifyCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, 'no-reexecute': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
  const file = join(values.data ?? defaultDataDir(), 'ledger.sqlite');
  if (!existsSync(file)) throw new UsageError(`no ledger database at ${file} (pass --data <dir>)`);
  let shown = -1;
  const report = await verifyChain(file, {
    reexecute: !values['no-reexecute'],
    onProgress: (height, head) => {
      const percent = Math.floor((height / head) * 10) * 10;
      if (percent !== shown && !values.json) {
        shown = percent;
        process.stderr.write(`… verified block ${height}/${head} (${percent}%)\n`);
      }
    },
  });
  if (values.json) console.log(JSON.stringify(report));
  else if (report.ok) console.log(`ok: ${report.blocks} blocks, ${report.transactions} transactions (${report.reexecuted} calls re-executed); state root ${report.stateRoot}`);
  else console.log(`FAILED: ${report.problems.length} problem(s)\n${report.problems.map((p) => `  ${p}`).join('\n')}`);
  return report.ok ? 0 : 1;
}
