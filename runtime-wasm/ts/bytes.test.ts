import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromBase64Url, sha256Hex, toBase64Url } from './bytes.ts';

test('base64url round-trips every byte, without padding or URL-unsafe characters', () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let length = 0; length <= 5; length++) {
    const text = toBase64Url(bytes.subarray(250 - length, 250));
    assert.match(text, /^[A-Za-z0-9_-]*$/);
    assert.deepEqual(fromBase64Url(text), bytes.subarray(250 - length, 250));
  }
  assert.equal(toBase64Url(Uint8Array.of(0xfb, 0xff)), '-_8');
  assert.deepEqual(fromBase64Url(toBase64Url(bytes)), bytes);
  assert.throws(() => fromBase64Url('a+b/'), /not a base64url string/);
});

test('sha256Hex is SHA-256 for small inputs (hashed in JavaScript) and large ones (WebCrypto)', async () => {
  const { createHash } = await import('node:crypto');
  for (const size of [0, 1, 55, 64, 1500, 64 * 1024 - 1, 64 * 1024, 300_000]) {
    const data = Uint8Array.from({ length: size }, (_, i) => (i * 31 + 7) & 0xff);
    assert.equal(await sha256Hex(data), createHash('sha256').update(data).digest('hex'), `${size} bytes`);
  }
  assert.equal(await sha256Hex('tana ✓'), createHash('sha256').update('tana ✓', 'utf8').digest('hex'));
});
