// The typed client against real sockets: a ledger that never answers is Unreachable after the
// request timeout (not a hang), and path parameters are encoded (an id cannot reach another route).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LedgerClient, LedgerRequestError } from './http.ts';

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test('a ledger that never answers is Unreachable once the request timeout passes', async () => {
  const { url, server } = await serve(() => {}); // accepts, never answers
  try {
    const client = new LedgerClient(url, { timeoutMs: 50 });
    await assert.rejects(client.health(), (error: unknown) => {
      assert.ok(error instanceof LedgerRequestError);
      assert.equal(error.code, 'Unreachable');
      assert.match(error.message, new RegExp(`no answer from the ledger at ${url} within 0.05 s \\(timeout\\)`));
      return true;
    });
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('path parameters are encoded; query parameters left out when undefined; a refusal keeps its name', async () => {
  const seen: string[] = [];
  const { url, server } = await serve((req, res) => {
    seen.push(req.url!);
    res.writeHead(req.url!.startsWith('/users/') ? 404 : 200, { 'Content-Type': 'application/json' });
    res.end(req.url!.startsWith('/users/') ? JSON.stringify({ error: { code: 'NotFound', message: 'no user' } }) : '{"transactions":[]}');
  });
  try {
    const client = new LedgerClient(`${url}/`);
    await assert.rejects(client.user('../chain'), { name: 'NotFound', code: 'NotFound', status: 404 });
    await client.transactions({ contract: 'token', fromHeight: 3 });
    assert.deepEqual(seen, ['/users/..%2Fchain', '/transactions?contract=token&fromHeight=3']);
  } finally {
    server.close();
  }
});
