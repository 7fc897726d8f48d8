// Binary search of each depth path's deepest working depth, on this thread's engine.
// Run as a worker (workerData.run) it posts the results to its parent.
import { parentPort, workerData } from 'node:worker_threads';
import { buildRequest, loadEngine } from '@tana/engine';
import { depthPaths } from '../../fixtures/depth.ts';

export async function searchAll(): Promise<Array<{ name: string; deepest: number; past: string }>> {
  const engine = await loadEngine();
  const outcome = (code: string) => engine.execute(buildRequest(code, { gasLimit: 50_000_000 }));
  return depthPaths.map((path) => {
    let works = 1;
    let fails = 2048;
    if (!outcome(path.code(works)).ok) return { name: path.name, deepest: 0, past: outcome(path.code(works)).error?.code ?? '' };
    while (fails - works > 1) {
      const mid = (works + fails) >> 1;
      if (outcome(path.code(mid)).ok) works = mid;
      else fails = mid;
    }
    return { name: path.name, deepest: works, past: outcome(path.code(works + 1)).error?.code ?? 'ok' };
  });
}

if (workerData?.run) parentPort?.postMessage(await searchAll());
