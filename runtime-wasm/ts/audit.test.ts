import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine } from './engine.ts';
import { auditTransaction } from './audit.ts';
import { sha256Hex, toHex } from './bytes.ts';
import { callRequest, signTransaction, transactionId, type CallTransaction } from './transaction.ts';
import { transpile } from './transpiler.ts';

const code = transpile(
  "import { data } from 'tana:data'\nimport { tx } from 'tana:tx'\nconst n = ((await data.get<number>('n')) ?? 0) + (tx.input as number)\nawait data.set('n', n)\nawait data.commit()\nexport default n",
);

async function keyPair() {
  const pair = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
  return { privateKey: pair.privateKey, publicKey: toHex(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))) };
}

/** A call signed by an honest client: it ran the contract and claims what it got. */
async function honestCall(state: Record<string, number>) {
  const engine = await loadEngine();
  const draft: CallTransaction = {
    kind: 'call',
    chainId: 'test',
    sender: 'alice',
    nonce: 3,
    engineHash: engine.hash,
    timestamp: 1_700_000_000_000,
    contractId: 'adder',
    codeHash: await sha256Hex(code),
    input: 5,
    gasLimit: 1_000_000,
    block: { height: 7, timestamp: 1_700_000_000_000, executor: 'ledger' },
    fetches: [],
    outcome: { ok: true, value: null, diff: { set: {}, deleted: [], transfers: [] }, gasUsed: 0 },
  };
  const outcome = engine.execute(await callRequest(draft, code, state));
  assert.equal(outcome.ok, true);
  return { ...draft, outcome: { ok: true as const, value: outcome.value, diff: outcome.diff, gasUsed: outcome.gasUsed } };
}

test('an honest transaction passes every check', async () => {
  const keys = await keyPair();
  const signed = await signTransaction(await honestCall({ n: 1 }), keys.privateKey);
  const report = await auditTransaction(await loadEngine(), { signed, publicKey: keys.publicKey, code, state: { n: 1 } });
  assert.deepEqual(report.problems, []);
  assert.equal(report.valid, true);
  assert.deepEqual(report.outcome.diff.set, { n: 6 });
});

test('a forged diff, a wrong key, other code or another pre-state are each caught', async () => {
  const keys = await keyPair();
  const other = await keyPair();
  const call = await honestCall({ n: 1 });
  const forged = await signTransaction({ ...call, outcome: { ...call.outcome, diff: { set: { n: 1000 }, deleted: [], transfers: [] } } }, keys.privateKey);
  const engine = await loadEngine();
  const base = { publicKey: keys.publicKey, code, state: { n: 1 } };

  const forgedReport = await auditTransaction(engine, { ...base, signed: forged });
  assert.deepEqual([forgedReport.valid, forgedReport.signatureValid, forgedReport.outcomeMatches], [false, true, false]);

  const signed = await signTransaction(call, keys.privateKey);
  assert.equal((await auditTransaction(engine, { ...base, signed, publicKey: other.publicKey })).signatureValid, false);
  assert.equal((await auditTransaction(engine, { ...base, signed, code: `${code}\n` })).codeHashValid, false);
  assert.equal((await auditTransaction(engine, { ...base, signed, state: { n: 2 } })).outcomeMatches, false);
});

test('ids are canonical: key order does not change them, content does', async () => {
  const call = await honestCall({});
  const reordered = Object.fromEntries(Object.entries(call).reverse()) as unknown as CallTransaction;
  assert.equal(await transactionId(reordered), await transactionId(call));
  assert.notEqual(await transactionId({ ...call, nonce: 4 }), await transactionId(call));
});
