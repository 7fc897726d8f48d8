// One cold start, in its own process: import the engine's package, load and
// instantiate its wasm, run the counter example once. Prints milliseconds.
// The contract is transpiled before the clock starts, for both engines.
import { readFileSync } from 'node:fs';
import { transform } from 'sucrase';

const which = process.argv[2];
const source = readFileSync(new URL('../../examples/counter.ts', import.meta.url), 'utf8');
const code = transform(source, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code;
const request = {
  code,
  state: { counter: 1 },
  context: {
    chainId: 'local',
    contractId: 'contract',
    caller: 'anonymous',
    fetches: [],
    allowedHosts: [],
    block: { height: 1, timestamp: 0, executor: 'local' },
    tx: { id: 'local', sender: 'anonymous', nonce: 0, input: null },
  },
};

const start = performance.now();
if (which === 'tana') {
  const { loadEngine } = await import('@tana/engine');
  const outcome = (await loadEngine()).execute(request);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
} else {
  const { loadQuickJS } = await import('./quickjs-peer.ts');
  const outcome = (await loadQuickJS()).execute(request);
  if (!outcome.ok) throw new Error(String(outcome.error));
}
console.log(performance.now() - start);
