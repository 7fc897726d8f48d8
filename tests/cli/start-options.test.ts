// Options of `tana start` that shape how the ledger serves: what each does, seen from a client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTana, TANA_BIN } from '../support/tana-process.ts';

test('--rate-limit sets how many requests a minute one client address may make', async () => {
  const home = mkdtempSync(join(tmpdir(), 'tana-rate-'));
  const ledger = await startTana(home, ['--rate-limit', '3']);
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${ledger.url}/chain`)).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
  } finally {
    await ledger.stop();
    rmSync(home, { recursive: true, force: true });
  }
});

test('--rate-limit that is not a positive whole number is a usage error, and nothing starts', () => {
  const home = mkdtempSync(join(tmpdir(), 'tana-rate-'));
  try {
    const run = spawnSync(process.execPath, [TANA_BIN, 'start', '--port', '0', '--rate-limit', 'lots'], { env: { ...process.env, TANA_HOME: home }, encoding: 'utf8' });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /--rate-limit/);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
