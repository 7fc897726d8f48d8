// The root README's commands, run as a reader would run them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readmeBlocks } from '../support/readme-blocks.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(new URL('README.md', `file://${repo}`), 'utf8');

test('npm start serves Tana on 127.0.0.1 and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, ['scripts/start.ts'], { cwd: repo, env: { ...process.env, PORT: '0' } });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk) => resolve(String(chunk)));
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const url = line.match(/http:\/\/127\.0\.0\.1:\d+\/\S*/)?.[0];
    assert.ok(url, line);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Run a Tana contract/);
    const wasm = await fetch(new URL('/runtime-wasm/pkg/tana_engine_bg.wasm', url));
    assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    assert.equal((await fetch(new URL('/../../etc/passwd', url))).status, 404);
  } finally {
    child.kill('SIGTERM');
  }
  const code = await new Promise((resolve) => child.once('exit', resolve));
  assert.equal(code, 0);
});

test('every `tana` command in the README runs', () => {
  const commands = readmeBlocks(readme, 'readme-run').flatMap((block) => block.split('\n').filter((l) => l.startsWith('npx tana ')));
  assert.ok(commands.length >= 2);
  for (const command of commands) {
    const args = command.replace(/\s+#.*$/, '').split(/\s+/).slice(2);
    const run = spawnSync(process.execPath, ['cli/bin/tana.mjs', ...args], { cwd: repo, encoding: 'utf8' });
    assert.equal(run.status, 0, `${command}\n${run.stderr}${run.stdout}`);
  }
});
