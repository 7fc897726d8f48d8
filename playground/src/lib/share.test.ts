import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readShareLink, shareLink } from './share.ts';
import { makeBundle, readBundle } from './bundle.ts';

test('a share link round-trips the code (compressed, in the fragment only)', async () => {
  const code = `import { data } from 'tana:data'\n// ünïcødé ✓\n${'await data.set("k", 1)\n'.repeat(50)}`;
  const shared = { name: 'my contract', code, contractId: 'my-contract', input: '{"n":1}', fn: 'transfer', args: '["bob",25]' };
  const link = await shareLink('http://127.0.0.1:8080/', shared);
  const url = new URL(link);
  assert.equal(url.search, '');
  assert.ok(link.length < code.length, 'compressed');
  assert.deepEqual(await readShareLink(url.hash), shared);
  assert.equal(await readShareLink('#nothing=here'), undefined);
});

test('a damaged share link says so instead of opening nothing', async () => {
  const link = await shareLink('http://127.0.0.1:8080/', { name: 'n', code: 'export default 1\n'.repeat(20) });
  const hash = new URL(link).hash;
  await assert.rejects(readShareLink(hash.slice(0, hash.length - 12)), /share link is damaged/);
  await assert.rejects(readShareLink(`${hash}&input=%7Bnope`), /input is not JSON/);
});

test('bug bundles round-trip and refuse other JSON', () => {
  const bundle = makeBundle({ name: 'n', code: 'export default 1', contractId: 'c', preState: { a: 1 } });
  assert.deepEqual(readBundle(JSON.stringify(bundle)), bundle);
  assert.throws(() => readBundle('{"format":"other"}'), /not a Tana bug bundle/);
  assert.throws(() => readBundle('nope'), /not JSON/);
});
