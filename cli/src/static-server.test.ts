// The static server on a real socket: serves files with their types, and answers hostile paths
// (malformed escapes, traversal in every spelling) with a 404 instead of crashing or leaking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDirectory } from './static-server.ts';

/** A raw GET: the path goes on the wire exactly as written (fetch would normalise "..", and refuse bad escapes). */
function get(url: string, path: string): Promise<{ status: number; type?: string; body: string }> {
  return new Promise((done, fail) => {
    const req = request(`${url}/`, { path }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode!, type: res.headers['content-type'], body }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('serves files and index.html; hostile paths get 404 and the server stays up', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'tana-static-'));
  const root = join(parent, 'site');
  mkdirSync(join(root, 'sub'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<p>home</p>');
  writeFileSync(join(root, 'sub', 'engine.wasm'), 'wasm');
  writeFileSync(join(root, 'sub', 'code.ts'), 'export {}');
  writeFileSync(join(parent, 'secret.txt'), 'TOP-SECRET-CONTENT');
  const server = await serveDirectory(root);
  try {
    assert.deepEqual(await get(server.url, '/'), { status: 200, type: 'text/html; charset=utf-8', body: '<p>home</p>' });
    assert.equal((await get(server.url, '/sub/engine.wasm')).type, 'application/wasm');
    assert.equal((await get(server.url, '/sub/code.ts')).type, 'text/plain; charset=utf-8');
    for (const path of ['/%E0%A4%A', '/%', '/../secret.txt', '/%2e%2e/secret.txt', '/sub/..%2f..%2fsecret.txt', '/sub/%2e%2e/%2e%2e/secret.txt', '//etc/passwd', '/..\\secret.txt']) {
      const answer = await get(server.url, path);
      assert.ok(answer.status === 404 || answer.status === 400, `${path}: ${answer.status}`);
      assert.doesNotMatch(answer.body, /TOP-SECRET/);
    }
    assert.equal((await get(server.url, '/')).status, 200, 'still serving');
  } finally {
    await server.close();
  }
});
