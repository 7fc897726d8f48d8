// bench/ledger/hostile: honest contract calls while six hostile calls spin to the gas ceiling,
// from another address (127.0.0.2) on the same machine. Prints the honest calls' latency.
//   npm run bench:ledger:hostile [-- --seconds 10 --workers 2]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEngine, signTransaction } from '@tana/engine';
import { LedgerClient, prepareCall } from '@tana/ledger/client';
import { createUser, deploy, unrunCall } from '../../tests/support/ledger.ts';
import { rawRequest } from '../../tests/support/raw-http.ts';
import { startTana } from '../../tests/support/tana-process.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, workers: { type: 'string', default: '2' } } });
const home = mkdtempSync(join(tmpdir(), 'tana-bench-hostile-'));
const ledgerProcess = await startTana(home, ['--workers', values.workers], { stderr: 'inherit' });
try {
  const client = new LedgerClient(ledgerProcess.url);
  const ledger = { client, chain: await client.chain() };
  const honest = await createUser(ledger, 'honest');
  const attackers = await Promise.all(['m0', 'm1'].map((id) => createUser(ledger, id)));
  await deploy(ledger, honest, 'counter', `import { data } from 'tana:data'\nconst n = ((await data.get('n')) ?? 0) + 1\nawait data.set('n', n)\nawait data.commit()`);
  await deploy(ledger, attackers[0]!, 'spinner', `while (true) {}`);
  const deadline = performance.now() + Number(values.seconds) * 1000;
  let hostileAnswers = 0;
  const refused = new Map<string, number>();
  // Six hostile loops, each re-sending a fresh spinning call at the gas ceiling as soon as the last is answered.
  const hostile = Array.from({ length: 6 }, async (_, i) => {
    const attacker = attackers[i % 2]!;
    for (let n = 0; performance.now() < deadline; n++) {
      const signed = await signTransaction({ ...(await unrunCall(ledger, attacker, 'spinner', ledger.chain.maxGas)), timestamp: Date.now() + i * 1000 + n }, attacker.privateKey);
      const answer = await rawRequest(ledgerProcess.url, { method: 'POST', path: '/transactions', body: JSON.stringify(signed), from: '127.0.0.2' });
      hostileAnswers++;
      const code = answer.json().error?.code ?? String(answer.status);
      refused.set(code, (refused.get(code) ?? 0) + 1);
      if (code === 'TooManyInFlight') await new Promise((resolve) => setTimeout(resolve, 1000 * Number(answer.headers['retry-after'] ?? 1)));
    }
  });
  const engine = await loadEngine();
  const latencies: number[] = [];
  while (performance.now() < deadline) {
    const begin = performance.now();
    const [contract, state, info] = await Promise.all([client.contract('counter'), client.state('counter'), client.user('honest')]);
    const prepared = await prepareCall(engine, { chain: ledger.chain, sender: 'honest', nonce: info.nextNonce, contract, state: state.state, headHeight: state.height });
    const answer = await rawRequest(ledgerProcess.url, {
      method: 'POST',
      path: '/transactions',
      body: JSON.stringify(await signTransaction(prepared.transaction!, honest.privateKey)),
      from: '127.0.0.3',
    });
    if (answer.status !== 201) throw new Error(`honest call refused: ${answer.body}`);
    latencies.push(performance.now() - begin);
  }
  await Promise.all(hostile);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(0);
  console.log(`bench/ledger/hostile · ${values.workers} workers · gas ceiling ${ledger.chain.maxGas} · ${values.seconds} s`);
  console.log(`honest calls: ${latencies.length}, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`);
  console.log(`hostile answers: ${hostileAnswers} (${[...refused].map(([code, n]) => `${code} ${n}`).join(', ')})`);
} finally {
  await ledgerProcess.stop();
  rmSync(home, { recursive: true, force: true });
}
