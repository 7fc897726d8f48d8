// The first second after load, in its own process: how many runs of the counter example each
// engine completes in each 100 ms, from the moment it is loaded — what V8's tier-up (Liftoff,
// then TurboFan in the background) does to the first runs. Prints the ten counts as JSON.
import { readFileSync } from 'node:fs';
import { buildRequest, transpile } from '@tana/engine';

const which = process.argv[2];
const examples = new URL('../../examples/', import.meta.url);
const spec = JSON.parse(readFileSync(new URL('counter.expect.json', examples), 'utf8'));
const request = buildRequest(transpile(readFileSync(new URL('counter.ts', examples), 'utf8')), { state: spec.state, context: spec.context });

const engine = which === 'tana' ? await (await import('@tana/engine')).loadEngine() : await (await import('./quickjs-peer.ts')).loadQuickJS();
const windows = new Array(10).fill(0);
const start = performance.now();
for (let elapsed = 0; elapsed < 1000; elapsed = performance.now() - start) {
  engine.execute(request);
  const window = Math.floor((performance.now() - start) / 100);
  if (window < 10) windows[window]++;
}
console.log(JSON.stringify(windows));
