// Run in a child process by host-memory.test.ts, under a V8 flag that lets wasm memories grow
// less far than the engine's maximum: each contract of the JSON array in argv[2], in order, on one
// engine. Prints their outcomes as a JSON array.
import { loadEngine } from '../../../runtime-wasm/ts/engine.ts';

const engine = await loadEngine();
const codes: string[] = JSON.parse(process.argv[2]!);
process.stdout.write(JSON.stringify(codes.map((code) => engine.run(code, { gasLimit: 5e7 }))));
