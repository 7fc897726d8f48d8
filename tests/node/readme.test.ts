// The root README's commands, run as a reader would run them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeBlocks } from '../support/readme-blocks.ts';
import { startTana } from '../support/tana-process.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(new URL('README.md', `file://${repo}`), 'utf8');

test('npm start serves the playground and the ledger on one port on 127.0.0.1, and stops on SIGTERM', async () => {
  const home = mkdtempSync(join(tmpdir(), 'tana-start-'));
  const child = spawn(process.execPath, ['scripts/start.ts'], { cwd: repo, env: { ...process.env, PORT: '0', TANA_HOME: home } });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const page = await fetch(`${url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>Tana playground<\/title>/);
    const health = (await (await fetch(`${url}/health`)).json()) as { ok: boolean };
    assert.equal(health.ok, true);
    assert.equal((await fetch(`${url}/../../etc/passwd`)).status, 404);
  } finally {
    child.kill('SIGTERM');
  }
  const code = await new Promise((resolve) => child.once('exit', resolve));
  assert.equal(code, 0);
  rmSync(home, { recursive: true, force: true });
});

test('every `tana` command in the README runs', () => {
  const commands = readmeBlocks(readme, 'readme-run').flatMap((block) => block.split('\n').filter((l) => l.startsWith('npx tana ')));
  assert.ok(commands.length >= 2);
  for (const command of commands) {
    const args = command
      .replace(/\s+#.*$/, '')
      .split(/\s+/)
      .slice(2);
    const run = spawnSync(process.execPath, ['cli/bin/tana.mjs', ...args], { cwd: repo, encoding: 'utf8' });
    assert.equal(run.status, 0, `${command}\n${run.stderr}${run.stdout}`);
  }
});

test('the README’s ledger walkthrough runs against a ledger started as the README says', async () => {
  const home = mkdtempSync(join(tmpdir(), 'tana-readme-ledger-'));
  const env = { ...process.env, TANA_HOME: home };
  const ledger = await startTana(home, ['--workers', '1']);
  const url = ledger.url;
  try {
    const commands = readmeBlocks(readme, 'readme-ledger').flatMap((block) => block.split('\n').filter((l) => l.startsWith('npx tana ')));
    assert.ok(commands.length >= 4);
    for (const command of commands) {
      const args = command
        .replace(/\s+#.*$/, '')
        .split(/\s+/)
        .slice(2);
      // In a scratch directory, as a reader's own project would be.
      const run = spawnSync(process.execPath, [join(repo, 'cli/bin/tana.mjs'), ...args], { cwd: home, env: { ...env, TANA_LEDGER: url }, encoding: 'utf8' });
      assert.equal(run.status, 0, `${command}\n${run.stderr}${run.stdout}`);
    }
  } finally {
    await ledger.stop();
    rmSync(home, { recursive: true, force: true });
  }
});
