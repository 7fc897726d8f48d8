// Memory of one engine instance after many runs, in its own process: the token-transfer example
// run 1,000 times, then until 100,000 (or the count given), with the process's resident memory
// after each. Prints JSON: { runs, rss } pairs in MiB.
import { readFileSync } from 'node:fs';
import { buildRequest, transpile } from '@tana/engine';

const [which, total = '100000'] = process.argv.slice(2);
const examples = new URL('../../examples/', import.meta.url);
const spec = JSON.parse(readFileSync(new URL('token-transfer.expect.json', examples), 'utf8'));
const request = buildRequest(transpile(readFileSync(new URL('token-transfer.ts', examples), 'utf8')), { state: spec.state, context: spec.context });

const engine = which === 'tana' ? await (await import('@tana/engine')).loadEngine() : await (await import('./quickjs-peer.ts')).loadQuickJS({ reuseContext: true });
const rssMiB = () => process.memoryUsage().rss / 2 ** 20;
const samples: Array<{ runs: number; rss: number }> = [];
for (let runs = 1; runs <= Number(total); runs++) {
  const outcome = engine.execute(request);
  if (!outcome.ok) throw new Error(`run ${runs}: ${JSON.stringify(outcome.error)}`);
  if (runs === 1000 || runs === Number(total)) samples.push({ runs, rss: rssMiB() });
}
console.log(JSON.stringify(samples));
