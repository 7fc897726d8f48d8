// Run in a child process by host-memory.test.ts, under a V8 flag that lets wasm memories grow
// less far than the engine's maximum: a contract that needs memory, then a small one. Prints both
// outcomes as JSON.
import { loadEngine } from '../../../runtime-wasm/ts/engine.ts';

const engine = await loadEngine();
const hungry = engine.run("const a = []; for (;;) a.push('x'.repeat(1000) + a.length)", { gasLimit: 5e7 });
const after = engine.run('export default 6 * 7');
process.stdout.write(JSON.stringify({ hungry, after }));
