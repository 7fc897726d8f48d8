// Runs inside the sandbox's worker (Node worker_threads or a Web Worker).
import { loadInstance, type EngineInstance } from './instance.ts';
import { isNode } from './platform.ts';
import { failedOutcome } from './outcome.ts';
import type { ExecuteRequest } from './protocol.ts';

type Message = { id: number; request: ExecuteRequest; engine?: string | WebAssembly.Module };
/** Load the engine now, before any run: sent by a page that starts the worker early (see `SandboxOptions.createWorker`). */
type Preload = { preload: string };

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

function preload(source: string) {
  enginePromise ??= loadInstance(source, { hash: false });
  // A failure is reported to the first run, which loads again (see `handle`).
  enginePromise.catch(() => {});
}

if (isNode) {
  const { parentPort } = await import('node:worker_threads');
  parentPort?.on('message', (m: Message) => void handle(m, (r) => parentPort.postMessage(r)));
} else {
  self.addEventListener('message', (e) => {
    const message = (e as MessageEvent<Message | Preload>).data;
    if ('preload' in message) preload(message.preload);
    else void handle(message, (r) => self.postMessage(r));
  });
}
