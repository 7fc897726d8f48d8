// scripts/provision.sh, which `npm test` and .ci/run call first: a missing prerequisite is named in
// one line with the command that installs it (here with --check, which never installs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/provision.sh', import.meta.url));

function provision(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync('bash', [script, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

test('a missing prerequisite stops it with one line naming the package and the install command', () => {
  const { code, stderr, stdout } = provision(['--check', 'test'], { CHROMIUM_PATH: '/nonexistent/chromium' });
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.deepEqual(stderr.trim().split('\n'), ['missing: chromium — install with: sudo apt-get install -y chromium']);
});

test('with everything present it says so in one line and succeeds', () => {
  const { code, stderr } = provision(['--check', 'test']);
  assert.equal(code, 0, stderr);
  assert.match(stderr, /^prerequisites present: chromium postgresql cargo\n$/);
});

test('an unknown argument is named', () => {
  const { code, stderr } = provision(['--frobnicate']);
  assert.equal(code, 2);
  assert.match(stderr, /unknown argument '--frobnicate'/);
});
