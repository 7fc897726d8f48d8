// Runs inside the sandbox's worker (Node worker_threads or a Web Worker).
import { loadInstance, type EngineInstance } from './instance.ts';
import { isNode } from './platform.ts';
import { failedOutcome } from './outcome.ts';
import type { ExecuteRequest } from './protocol.ts';
import { engineUrlFromWorkerName } from './worker-name.ts';

type Message = { id: number; request: ExecuteRequest; engine?: string | WebAssembly.Module };

let enginePromise: ReturnType<typeof loadInstance> | undefined;

async function handle({ id, request, engine: source }: Message, reply: (m: unknown) => void) {
  enginePromise ??= loadInstance(source, { hash: false });
  let engine: EngineInstance;
  try {
    engine = await enginePromise;
  } catch (error) {
    // The .wasm could not be loaded (offline, wrong URL): say so now rather than time out; try again next run.
    enginePromise = undefined;
    reply({ id, outcome: failedOutcome('EngineFailure', `could not load the engine: ${(error as Error).message}`) });
    return;
  }
  // The host's wall clock counts from here: loading the engine is not the contract's time.
  reply({ id, started: true });
  const outcome = engine.execute(request);
  try {
    reply({ id, outcome });
  } catch (error) {
    // The outcome could not be sent (it cannot be cloned): answer at once, never leave the host waiting.
    reply({ id, outcome: failedOutcome('EngineFailure', `the outcome could not be sent: ${(error as Error).message}`, outcome.gasUsed) });
  }
}

if (isNode) {
  const { parentPort } = await import('node:worker_threads');
  parentPort?.on('message', (m: Message) => void handle(m, (r) => parentPort.postMessage(r)));
} else {
  // Named after the engine's URL (a page started it early): load the engine now, before any run.
  const preload = engineUrlFromWorkerName(self.name, self.location.href);
  if (preload) {
    enginePromise = loadInstance(preload, { hash: false });
    // A failure is reported to the first run, which loads again (see `handle`).
    enginePromise.catch(() => {});
  }
  self.addEventListener('message', (e) => void handle((e as MessageEvent<Message>).data, (r) => self.postMessage(r)));
}
