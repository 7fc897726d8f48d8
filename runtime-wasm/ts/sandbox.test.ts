import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox } from './sandbox.ts';

test('runs a contract in a worker', async () => {
  const sandbox = await createSandbox();
  try {
    const outcome = await sandbox.run("import { console } from 'tana:core'; console.log('hi'); export default 1 + 1");
    assert.equal(outcome.value, 2);
    assert.deepEqual(outcome.logs, [{ level: 'log', message: 'hi' }]);
  } finally {
    await sandbox.close();
  }
});

test('a catastrophic regex is stopped by the wall clock as Timeout, and the sandbox recovers', async () => {
  const sandbox = await createSandbox({ timeoutMs: 1500 });
  try {
    const code = `import { data } from 'tana:data'
await data.set('trace', 1); await data.commit()
export default /^(a+)+$/.test('a'.repeat(40) + 'b')`;
    const started = Date.now();
    const outcome = await sandbox.run(code);
    assert.equal(outcome.ok, false);
    assert.equal(outcome.error?.code, 'Timeout');
    assert.deepEqual(outcome.diff, { set: {}, deleted: [], transfers: [] });
    assert.ok(Date.now() - started < 5000, 'stopped near the limit');
    const next = await sandbox.run('export default 7');
    assert.equal(next.value, 7);
  } finally {
    await sandbox.close();
  }
});

test('runs queued in order, one at a time', async () => {
  const sandbox = await createSandbox();
  try {
    const outcomes = await Promise.all([1, 2, 3].map((n) => sandbox.run(`export default ${n}`)));
    assert.deepEqual(outcomes.map((o) => o.value), [1, 2, 3]);
  } finally {
    await sandbox.close();
  }
});

test('stop() ends the run in progress at once, and the next run gets a fresh worker', async () => {
  const sandbox = await createSandbox({ timeoutMs: 60_000 });
  try {
    const started = Date.now();
    const pending = sandbox.run("export default /^(a+)+$/.test('a'.repeat(40) + 'b')");
    setTimeout(() => sandbox.stop(), 300);
    const outcome = await pending;
    assert.equal(outcome.error?.code, 'Timeout');
    assert.match(outcome.error!.message, /stopped/);
    assert.ok(Date.now() - started < 5000);
    assert.equal((await sandbox.run('export default 5')).value, 5);
  } finally {
    await sandbox.close();
  }
});
