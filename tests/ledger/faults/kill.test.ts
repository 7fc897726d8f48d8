// kill -9 in the middle of a stream of transfers and calls: after a restart on the same database,
// every acknowledged transaction is there, and `tana verify` passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabase } from '../../support/database.ts';
import { checkAfterRestart, startLoad } from '../../support/load.ts';
import { startTana } from '../../support/tana-process.ts';
import { waitFor } from '../../support/wait.ts';

test('kill -9 mid-stream: every acknowledged transaction survives, and verify passes', { timeout: 20_000 }, async () => {
  const home = mkdtempSync(join(tmpdir(), 'tana-kill-'));
  const database = await testDatabase();
  try {
    const ledger = await startTana(home, ['--workers', '2', ...database.args], { stderr: 'inherit' });
    const load = await startLoad(ledger.url);
    await waitFor(() => load.acknowledged.length >= 60, '60 acknowledged transactions');
    await ledger.stop('SIGKILL');
    await load.stop();

    const { missing, verify } = await checkAfterRestart(home, load.acknowledged, database.args);
    assert.deepEqual(missing, [], `every one of ${load.acknowledged.length} acknowledged transactions is present`);
    assert.match(verify, /^ok: /);
  } finally {
    rmSync(home, { recursive: true, force: true });
    await database.drop();
  }
});
