// Closed-loop load: `clients` loops each send one request, wait for its answer, and go again.
export interface LoadResult {
  completed: number;
  retried: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export async function closedLoop(clients: number, seconds: number, step: (client: number) => Promise<{ retries: number }>): Promise<LoadResult> {
  const latencies: number[] = [];
  let retried = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < deadline) {
        const begin = performance.now();
        const { retries } = await step(client);
        latencies.push(performance.now() - begin);
        retried += retries;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { completed: latencies.length, retried, seconds: elapsed, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}
