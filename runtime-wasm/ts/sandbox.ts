import { failedOutcome } from './outcome.ts';
import type { ExecuteRequest, Outcome } from './protocol.ts';
import { buildRequest, type RunOptions } from './request.ts';
import { isNode } from './platform.ts';
import { loadTranspiler, transpileOrFail } from './transpiler.ts';

export interface SandboxOptions {
  /**
   * Wall-clock limit of one run; past it the worker is terminated and the run is `Timeout`. Default
   * 30 s. Gas bounds every contract's work (the largest gas limit is a few seconds of work), so this
   * is a safety net: a run that reaches it is an engine fault, never an outcome a ledger commits.
   */
  timeoutMs?: number;
  /**
   * For bundlers (browsers only): makes the worker, e.g. with Vite
   * `import EngineWorker from '@tana/engine/sandbox-worker?worker'` → `createWorker: () => new EngineWorker()`.
   * It may return a worker started earlier and named `preloadingWorkerName(engineUrl)`: such a worker
   * loads the engine as soon as it starts, before its first run is asked for (a page can start it
   * while it parses).
   */
  createWorker?: () => Worker;
  /** Where the worker loads the `.wasm` from (default: beside the package), e.g. `@tana/engine/engine.wasm?url`. */
  engineUrl?: string | URL;
  /**
   * The engine already compiled (`WebAssembly.compile`): workers receive it instead of compiling
   * their own, so a pool of sandboxes compiles the engine once.
   */
  engineModule?: WebAssembly.Module;
}

/** The engine in a worker the host can terminate: the page or server never blocks on a contract. */
export interface Sandbox {
  /** Runs a request as given (JavaScript). `onStarted` is called when the worker begins it: its engine is loaded by then. */
  execute(request: ExecuteRequest, options?: { onStarted?: () => void }): Promise<Outcome>;
  run(source: string, options?: RunOptions): Promise<Outcome>;
  /** Stops the run in progress and those queued before now (their outcome is `Stopped`); the next run starts a fresh worker. */
  stop(): void;
  close(): Promise<void>;
}

interface Port {
  post(message: unknown): void;
  onMessage(handler: (message: { id: number; started?: true; outcome?: Outcome }) => void): void;
  /** The worker died or could not deliver a message: every run in it is over. */
  onFailure(handler: (reason: string) => void): void;
  terminate(): Promise<void>;
}

/** The sandbox's default wall clock (see `SandboxOptions.timeoutMs`). */
export const DEFAULT_TIMEOUT_MS = 30_000;

// Beside this file; bundled pages pass `createWorker` (a variable base: see `DEFAULT_WASM` in instance.ts).
const here = import.meta.url;
const workerUrl = new URL(`./sandbox-worker.${here.endsWith('.ts') ? 'ts' : 'js'}`, here);

async function spawn(createWorker?: () => Worker): Promise<Port> {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(workerUrl);
    worker.unref();
    let terminating = false;
    return {
      post: (m) => worker.postMessage(m),
      onMessage: (h) => worker.on('message', h),
      onFailure: (h) => {
        worker.on('error', (e) => h(e.message));
        worker.on('messageerror', (e) => h(String(e)));
        worker.on('exit', (code) => terminating || h(`the worker exited (code ${code})`));
      },
      terminate: async () => {
        terminating = true;
        await worker.terminate();
      },
    };
  }
  const worker = createWorker?.() ?? new Worker(workerUrl, { type: 'module' });
  return {
    post: (m) => worker.postMessage(m),
    onMessage: (h) => worker.addEventListener('message', (e) => h((e as MessageEvent).data)),
    onFailure: (h) => {
      // A plain Event, with no message, when the worker's script could not be loaded.
      worker.addEventListener('error', (e) => h((e as ErrorEvent).message || 'its script could not be loaded or did not start'));
      worker.addEventListener('messageerror', () => h('a message from the worker could not be read'));
    },
    terminate: async () => worker.terminate(),
  };
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let port: Port | undefined;
  let nextId = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const waiting = new Map<number, (outcome: Outcome) => void>();
  /** Runs posted to the worker whose wall clock starts when the worker begins them. */
  const starting = new Map<number, () => void>();
  const engine = options.engineModule ?? (options.engineUrl === undefined ? undefined : String(options.engineUrl));

  async function ensurePort(): Promise<Port> {
    if (port) return port;
    const fresh = await spawn(options.createWorker);
    fresh.onMessage(({ id, started, outcome }) => (started ? starting.get(id)?.() : outcome && waiting.get(id)?.(outcome)));
    fresh.onFailure((reason) => {
      if (port === fresh) port = undefined;
      void fresh.terminate();
      endAll(failedOutcome('EngineFailure', `the engine's worker failed: ${reason}`));
    });
    port = fresh;
    return fresh;
  }

  /** Answers every run in progress with `outcome`. */
  function endAll(outcome: Outcome): void {
    starting.clear();
    for (const [id, resolve] of waiting) {
      waiting.delete(id);
      resolve(outcome);
    }
  }

  function once(request: ExecuteRequest, onStarted?: () => void): Promise<Outcome> {
    return ensurePort().then(
      (current) =>
        new Promise<Outcome>((resolve) => {
          const id = nextId++;
          let timer: ReturnType<typeof setTimeout> | undefined;
          starting.set(id, () => {
            starting.delete(id);
            onStarted?.();
            timer = setTimeout(() => {
              waiting.delete(id);
              if (port === current) port = undefined;
              void current.terminate();
              resolve(failedOutcome('Timeout', `the run took longer than ${timeoutMs} ms and was stopped`, request.gasLimit ?? 0));
            }, timeoutMs);
          });
          waiting.set(id, (outcome) => {
            clearTimeout(timer);
            starting.delete(id);
            waiting.delete(id);
            resolve(outcome);
          });
          current.post({ id, request, engine });
        }),
    );
  }

  /** Counts stop() calls: a run asked for before a stop() never starts. */
  let stops = 0;
  const stopped = () => failedOutcome('Stopped', 'the run was stopped');

  /**
   * Runs what `prepare` gives after the runs asked for before it (one at a time per worker, in
   * order), or answers the outcome it gives instead; a run asked for before a stop() never starts.
   */
  function enqueue(prepare: () => ExecuteRequest | Outcome | Promise<ExecuteRequest | Outcome>, onStarted?: () => void): Promise<Outcome> {
    const asked = stops;
    const result = queue.then(async () => {
      if (asked !== stops) return stopped();
      const prepared = await prepare();
      if ('ok' in prepared) return prepared;
      return asked === stops ? once(prepared, onStarted) : stopped();
    });
    queue = result.catch(() => undefined);
    return result;
  }

  const execute: Sandbox['execute'] = (request, executeOptions = {}) => enqueue(() => request, executeOptions.onStarted);

  function stop(): void {
    stops++;
    const current = port;
    port = undefined;
    void current?.terminate();
    endAll(stopped());
  }

  return {
    execute,
    stop,
    run: (source, runOptions) =>
      enqueue(async () => {
        // Loaded on the first `run`: a page that hands the sandbox JavaScript never loads the transpiler.
        await loadTranspiler();
        const code = transpileOrFail(source);
        return typeof code === 'string' ? buildRequest(code, runOptions) : code;
      }),
    close: async () => {
      await port?.terminate();
      port = undefined;
    },
  };
}
