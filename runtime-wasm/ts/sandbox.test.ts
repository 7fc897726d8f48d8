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

test('a catastrophic regex runs out of gas in the sandbox, as on the main thread', async () => {
  const sandbox = await createSandbox();
  try {
    const outcome = await sandbox.run("export default /^(a+)+$/.test('a'.repeat(40) + 'b')");
    assert.equal(outcome.error?.code, 'OutOfGas');
  } finally {
    await sandbox.close();
  }
});

// The wall clock is only a safety net: here it is set far below what the contract needs (50 M gas
// of a bare loop is ≥ 0.6 s of work) and far above what the next run needs in a fresh worker.
test('past its wall clock a run is Timeout, leaves no trace, and the sandbox recovers', async () => {
  const sandbox = await createSandbox({ timeoutMs: 200 });
  try {
    const code = `import { data } from 'tana:data'
await data.set('trace', 1); await data.commit()
for (;;) {}`;
    const outcome = await sandbox.run(code, { gasLimit: 50_000_000 });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.error?.code, 'Timeout');
    assert.deepEqual(outcome.diff, { set: {}, deleted: [], transfers: [] });
    const next = await sandbox.run('export default 7');
    assert.equal(next.value, 7, JSON.stringify(next.error));
  } finally {
    await sandbox.close();
  }
});

test('a value too deep to return answers at once with NotSerializable, as on the main thread', async () => {
  const sandbox = await createSandbox({ timeoutMs: 60_000 });
  try {
    const outcome = await sandbox.run('let a = [1]; for (let i = 0; i < 3300; i++) a = [a]; export default a');
    assert.equal(outcome.error?.code, 'NotSerializable');
  } finally {
    await sandbox.close();
  }
});

test('runs queued in order, one at a time', async () => {
  const sandbox = await createSandbox();
  try {
    const outcomes = await Promise.all([1, 2, 3].map((n) => sandbox.run(`export default ${n}`)));
    assert.deepEqual(
      outcomes.map((o) => o.value),
      [1, 2, 3],
    );
  } finally {
    await sandbox.close();
  }
});

test('stop() ends the run in progress at once as Stopped, and the next run gets a fresh worker', async () => {
  const sandbox = await createSandbox({ timeoutMs: 60_000 });
  try {
    const pending = sandbox.run('for (;;) {}', { gasLimit: 50_000_000 });
    sandbox.stop();
    const outcome = await pending;
    assert.equal(outcome.error?.code, 'Stopped');
    assert.match(outcome.error!.message, /stopped/);
    assert.equal((await sandbox.run('export default 5')).value, 5);
  } finally {
    await sandbox.close();
  }
});
