// A disk that fills up under load: the ledger on a small tmpfs, a filler file takes the rest.
// Commits are refused with StorageFull (503, Retry-After) — never 500 — and nothing acknowledged is
// lost; once the filler is gone the ledger commits again without a restart. Needs root (mount);
// skipped with the reason otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBackend } from '../../support/database.ts';
import { checkAfterRestart, startLoad } from '../../support/load.ts';
import { startTana } from '../../support/tana-process.ts';
import { waitFor } from '../../support/wait.ts';

function mountTmpfs(dir: string, size: string): string | undefined {
  if (process.getuid?.() !== 0) return 'not root: cannot mount a small tmpfs to fill';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return `mount -t tmpfs failed: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`;
  }
}

/** Writes zeros until the disk says ENOSPC; returns the file's path. */
function fillDisk(dir: string): string {
  const path = join(dir, 'filler');
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return path;
}

const home = mkdtempSync(join(tmpdir(), 'tana-full-'));
mkdirSync(join(home, 'ledger'));
// On PostgreSQL the ledger's disk is the database server's: one that fills up stops (PANIC on WAL),
// which is the outage tests/postgres/database-down.test.ts covers.
const skip = testBackend === 'postgres' ? 'on PostgreSQL a full disk stops the server: see tests/postgres/database-down.test.ts' : mountTmpfs(join(home, 'ledger'), '24m');
if (skip) console.log(`# disk-full test skipped: ${skip}`);

test('a full disk: StorageFull with Retry-After, nothing acknowledged lost, recovery without restart', { skip, timeout: 20_000 }, async () => {
  try {
    const ledger = await startTana(home, ['--workers', '1'], { stderr: 'inherit' });
    const load = await startLoad(ledger.url);
    await waitFor(() => load.acknowledged.length >= 20, '20 acknowledged transactions');
    const filler = fillDisk(join(home, 'ledger'));
    await waitFor(() => load.refusals.get('StorageFull'), 'a StorageFull refusal');
    const full = await fetch(`${ledger.url}/health`);
    assert.equal(full.status, 200, 'reads still answer');
    rmSync(filler);
    const before = load.acknowledged.length;
    await waitFor(() => load.acknowledged.length >= before + 20, '20 more acknowledged transactions after making room');
    await load.stop();
    assert.equal(await ledger.stop(), 0);
    assert.equal(load.refusals.get('Internal'), undefined, `no 500s: ${JSON.stringify([...load.refusals])}`);
    assert.deepEqual(
      [...load.unanswered].filter(([cause]) => cause !== 'ECONNREFUSED'),
      [],
    );

    const { missing, verify } = await checkAfterRestart(home, load.acknowledged);
    assert.deepEqual(missing, []);
    assert.match(verify, /^ok: /);
  } finally {
    execFileSync('umount', [join(home, 'ledger')]);
  }
});

test.after(() => rmSync(home, { recursive: true, force: true }));
