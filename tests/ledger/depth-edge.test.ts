// A call that works exactly at the engine's depth limits is committed by a real ledger (which
// re-executes it in a worker) and re-verified by `verify` (which re-executes on the main thread):
// where a run stops does not depend on the host's stack. One level deeper is refused everywhere.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox, loadEngine } from '@tana/engine';
import { callContract } from '../../ledger/src/client/index.ts';
import { verifyChain } from '../../ledger/src/index.ts';
import { createUser, deploy, startTestLedger, type TestLedger, type TestUser } from '../support/ledger.ts';

// Stores a value nested `depth` levels and returns String() of nested arrays `text` levels deep.
const CONTRACT = `import { data } from 'tana:data'
export async function nest(depth: number, text: number) {
  let v: unknown = 1
  for (let i = 0; i < depth; i++) v = [v]
  let a: unknown = [1]
  for (let i = 0; i < text; i++) a = [a]
  await data.set('deep', v)
  await data.commit()
  return String(a).length
}`;

/** The deepest working depth of `probe(n)` on the main-thread engine. */
async function deepest(probe: (n: number) => Promise<boolean>): Promise<number> {
  let works = 1;
  let fails = 1024;
  while (fails - works > 1) {
    const mid = (works + fails) >> 1;
    if (await probe(mid)) works = mid;
    else fails = mid;
  }
  return works;
}

describe('calls at the depth edge', () => {
  let ledger: TestLedger;
  let alice: TestUser;
  let valueDepth: number;
  let textDepth: number;
  before(async () => {
    ledger = await startTestLedger();
    alice = await createUser(ledger, 'alice');
    await deploy(ledger, alice, 'nest', CONTRACT);
    const engine = await loadEngine();
    const run = (depth: number, text: number) => engine.run(CONTRACT, { call: { function: 'nest', args: [depth, text] }, gasLimit: 50_000_000 }).ok;
    valueDepth = await deepest(async (n) => run(n, 1));
    textDepth = await deepest(async (n) => run(1, n));
  });
  after(() => ledger.dispose());

  test('a call at the limit commits, run by the client in a worker and by the ledger in its workers', async () => {
    const sandbox = await createSandbox();
    try {
      const call = await callContract(ledger.client, sandbox, {
        contractId: 'nest',
        sender: alice.id,
        privateKey: alice.privateKey,
        function: 'nest',
        args: [valueDepth, textDepth],
        gasLimit: 50_000_000,
      });
      assert.equal(call.outcome.ok, true, JSON.stringify(call.outcome.error));
      assert.ok(call.submitted, 'committed');
    } finally {
      await sandbox.close();
    }
  });

  test('one level deeper fails for the client (NotSerializable, DepthLimit) and is never submitted', async () => {
    const engine = await loadEngine();
    for (const [args, code] of [
      [[valueDepth + 1, 1], 'NotSerializable'],
      [[1, textDepth + 1], 'DepthLimit'],
    ] as const) {
      const call = await callContract(ledger.client, engine, { contractId: 'nest', sender: alice.id, privateKey: alice.privateKey, function: 'nest', args: [...args], gasLimit: 50_000_000 });
      assert.equal(call.outcome.error?.code, code, JSON.stringify(args));
      assert.equal(call.submitted, undefined, 'a failed run is not submitted');
    }
  });

  test('verify re-executes the chain on the main thread and finds every block as committed', async () => {
    const report = await verifyChain(ledger.database ?? `${ledger.dataDir}/ledger.sqlite`);
    assert.deepEqual(report.problems, []);
    assert.ok(report.reexecuted >= 1);
  });
});
