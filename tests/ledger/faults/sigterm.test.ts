// SIGTERM under load, with keep-alive clients: every request that reached the ledger gets an HTTP
// answer (committed, or 503 ShuttingDown with Connection: close); afterwards new connections are
// refused, which a client can tell apart from a lost answer. Then: all acknowledged present, verify ok.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabase } from '../../support/database.ts';
import { checkAfterRestart, startLoad } from '../../support/load.ts';
import { startTana } from '../../support/tana-process.ts';
import { waitFor } from '../../support/wait.ts';

test('SIGTERM under load: every request in flight is answered, the ledger exits 0, nothing acknowledged is lost', { timeout: 20_000 }, async () => {
  const home = mkdtempSync(join(tmpdir(), 'tana-sigterm-'));
  const database = await testDatabase();
  try {
    const ledger = await startTana(home, ['--workers', '2', ...database.args], { stderr: 'inherit' });
    const load = await startLoad(ledger.url);
    await waitFor(() => load.acknowledged.length >= 60, '60 acknowledged transactions');
    const exitCode = await ledger.stop('SIGTERM');
    await load.stop();
    assert.equal(exitCode, 0);
    const lost = [...load.unanswered].filter(([cause]) => cause !== 'ECONNREFUSED');
    assert.deepEqual(lost, [], `requests without an answer: ${JSON.stringify([...load.unanswered])}; refusals: ${JSON.stringify([...load.refusals])}`);

    const { missing, verify } = await checkAfterRestart(home, load.acknowledged, database.args);
    assert.deepEqual(missing, []);
    assert.match(verify, /^ok: /);
  } finally {
    rmSync(home, { recursive: true, force: true });
    await database.drop();
  }
});
