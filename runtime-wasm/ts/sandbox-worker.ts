// Runs inside the sandbox's worker (Node worker_threads or a Web Worker).
import { loadInstance } from './instance.ts';
import { isNode } from './platform.ts';
import type { ExecuteRequest } from './protocol.ts';

type Message = { id: number; request: ExecuteRequest };

const enginePromise = loadInstance();

async function handle({ id, request }: Message, reply: (m: unknown) => void) {
  const engine = await enginePromise;
  reply({ id, outcome: engine.execute(request) });
}

if (isNode) {
  const { parentPort } = await import('node:worker_threads');
  parentPort?.on('message', (m: Message) => void handle(m, (r) => parentPort.postMessage(r)));
} else {
  self.addEventListener('message', (e) => void handle((e as MessageEvent<Message>).data, (r) => self.postMessage(r)));
}
