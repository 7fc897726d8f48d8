import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readShareLink, shareLink } from './share.ts';
import { makeBundle, readBundle } from './bundle.ts';

test('a share link round-trips the code (compressed, in the fragment only)', async () => {
  const code = `import { data } from 'tana:data'\n// ünïcødé ✓\n${'await data.set("k", 1)\n'.repeat(50)}`;
  const link = await shareLink('http://127.0.0.1:8080/', 'my contract', code);
  const url = new URL(link);
  assert.equal(url.search, '');
  assert.ok(link.length < code.length, 'compressed');
  assert.deepEqual(await readShareLink(url.hash), { name: 'my contract', code });
  assert.equal(await readShareLink('#nothing=here'), undefined);
});

test('bug bundles round-trip and refuse other JSON', () => {
  const bundle = makeBundle({ name: 'n', code: 'export default 1', contractId: 'c', preState: { a: 1 } });
  assert.deepEqual(readBundle(JSON.stringify(bundle)), bundle);
  assert.throws(() => readBundle('{"format":"other"}'), /not a Tana bug bundle/);
  assert.throws(() => readBundle('nope'), /not JSON/);
});
