import { loadEngine, buildRequest } from '@tana/engine';
const engine = await loadEngine();
const r = buildRequest('export default 1');
for (let k = 0; k < 3; k++) { const s = performance.now(); for (let i = 0; i < 200; i++) engine.execute(r); console.log('trivial run', ((performance.now() - s) / 200).toFixed(2), 'ms'); }
