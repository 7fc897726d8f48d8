import { failedOutcome } from './outcome.ts';
import type { ExecuteRequest, Outcome } from './protocol.ts';
import { buildRequest, type RunOptions } from './request.ts';
import { isNode } from './platform.ts';
import { transpileOrFail } from './transpile.ts';

export interface SandboxOptions {
  /** Wall-clock limit of one run; past it the worker is terminated and the run is `Timeout`. Default 5000 ms. */
  timeoutMs?: number;
  /**
   * For bundlers (browsers only): makes the worker, e.g. with Vite
   * `import EngineWorker from '@tana/engine/sandbox-worker?worker'` → `createWorker: () => new EngineWorker()`.
   */
  createWorker?: () => Worker;
  /** Where the worker loads the `.wasm` from (default: beside the package), e.g. `@tana/engine/engine.wasm?url`. */
  engineUrl?: string | URL;
}

/** The engine in a worker the host can terminate: the page or server never blocks on a contract. */
export interface Sandbox {
  execute(request: ExecuteRequest): Promise<Outcome>;
  run(source: string, options?: RunOptions): Promise<Outcome>;
  /** Stops the run in progress now (its outcome is `Timeout`); the next run starts a fresh worker. */
  stop(): void;
  close(): Promise<void>;
}

interface Port {
  post(message: unknown): void;
  onMessage(handler: (message: { id: number; outcome: Outcome }) => void): void;
  terminate(): Promise<void>;
}

const workerUrl = new URL(`./sandbox-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

async function spawn(createWorker?: () => Worker): Promise<Port> {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(workerUrl);
    worker.unref();
    return {
      post: (m) => worker.postMessage(m),
      onMessage: (h) => worker.on('message', h),
      terminate: async () => void (await worker.terminate()),
    };
  }
  const worker = createWorker?.() ?? new Worker(workerUrl, { type: 'module' });
  return {
    post: (m) => worker.postMessage(m),
    onMessage: (h) => worker.addEventListener('message', (e) => h((e as MessageEvent).data)),
    terminate: async () => worker.terminate(),
  };
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const timeoutMs = options.timeoutMs ?? 5000;
  let port: Port | undefined;
  let nextId = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const waiting = new Map<number, (outcome: Outcome) => void>();
  const engine = options.engineUrl === undefined ? undefined : String(options.engineUrl);

  async function ensurePort(): Promise<Port> {
    if (port) return port;
    const fresh = await spawn(options.createWorker);
    fresh.onMessage(({ id, outcome }) => waiting.get(id)?.(outcome));
    port = fresh;
    return fresh;
  }

  function once(request: ExecuteRequest): Promise<Outcome> {
    return ensurePort().then(
      (current) =>
        new Promise<Outcome>((resolve) => {
          const id = nextId++;
          const timer = setTimeout(() => {
            waiting.delete(id);
            port = undefined;
            void current.terminate();
            resolve(failedOutcome('Timeout', `the run took longer than ${timeoutMs} ms and was stopped`, request.gasLimit ?? 0));
          }, timeoutMs);
          waiting.set(id, (outcome) => {
            clearTimeout(timer);
            waiting.delete(id);
            resolve(outcome);
          });
          current.post({ id, request, engine });
        }),
    );
  }

  const execute = (request: ExecuteRequest): Promise<Outcome> => {
    // One run at a time per worker, in order.
    const result = queue.then(() => once(request));
    queue = result.catch(() => undefined);
    return result;
  };

  function stop(): void {
    const current = port;
    port = undefined;
    void current?.terminate();
    for (const [id, resolve] of waiting) {
      waiting.delete(id);
      resolve(failedOutcome('Timeout', 'the run was stopped'));
    }
  }

  return {
    execute,
    stop,
    run: (source, runOptions) => {
      const code = transpileOrFail(source);
      return typeof code === 'string' ? execute(buildRequest(code, runOptions)) : Promise.resolve(code);
    },
    close: async () => {
      await port?.terminate();
      port = undefined;
    },
  };
}
