// Re-execution off the main thread: a pool of @tana/engine sandboxes (worker threads), one per core
// by default. A hostile contract can only stall its own worker, and the sandbox's wall clock stops
// even that (Timeout); independent calls run in parallel.
import { availableParallelism } from 'node:os';
import { buildRequest, compileEngine, createSandbox, type ExecuteRequest, type Outcome, type Sandbox } from '@tana/engine';

export interface ExecutionPool {
  readonly size: number;
  execute(request: ExecuteRequest): Promise<Outcome>;
  close(): Promise<void>;
}

export async function createExecutionPool(options: { size?: number; timeoutMs?: number } = {}): Promise<ExecutionPool> {
  const size = Math.max(1, options.size ?? availableParallelism());
  // Compiled once here and shared: each worker instantiates the same module instead of compiling its own.
  const engineModule = await compileEngine();
  const workers = await Promise.all(Array.from({ length: size }, () => createSandbox({ timeoutMs: options.timeoutMs, engineModule })));
  const pending = workers.map(() => 0);
  // Load the engine in every worker now, so the first real call does not pay for it.
  await Promise.all(workers.map((worker) => worker.execute(buildRequest('', { gasLimit: 1000 }))));

  return {
    size,
    async execute(request) {
      const index = pending.indexOf(Math.min(...pending));
      pending[index]!++;
      try {
        return await (workers[index] as Sandbox).execute(request);
      } finally {
        pending[index]!--;
      }
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}
