import { readFileSync } from 'node:fs';

// Closed-loop load: `clients` loops each send one request, wait for its answer, and go again.
export interface LoadResult {
  completed: number;
  retried: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU used during the run, in cores (1.0 = one core busy the whole time): this process and the ledger's. */
  clientCores: number;
  ledgerCores: number;
}

/** utime + stime of a process, in seconds (Linux /proc). */
function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

export async function closedLoop(clients: number, seconds: number, ledgerPid: number, step: (client: number) => Promise<{ retries: number }>): Promise<LoadResult> {
  const cpuBefore = process.cpuUsage();
  const ledgerBefore = processCpuSeconds(ledgerPid);
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
  const cpu = process.cpuUsage(cpuBefore);
  return {
    completed: latencies.length,
    retried,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    clientCores: (cpu.user + cpu.system) / 1e6 / elapsed,
    ledgerCores: (processCpuSeconds(ledgerPid) - ledgerBefore) / elapsed,
  };
}
