import { readdirSync, readFileSync } from 'node:fs';

// Closed-loop load: `clients` loops each send one request, wait for its answer, and go again.
export interface LoadResult {
  completed: number;
  retried: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU used during the run, in cores (1.0 = one core busy the whole time): this process, the ledger nodes', PostgreSQL's server processes'. */
  clientCores: number;
  ledgerCores: number;
  databaseCores: number;
}

/** The processes whose CPU a run measures: the ledger nodes, and (on PostgreSQL) the database server's. */
export interface Measured {
  ledgerPids: number[];
  /** Looked up at the start and the end of the run (backends come and go). */
  databasePids?: () => number[];
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

/** PostgreSQL's postmaster (from the data directory's postmaster.pid) and every process it started. */
export function postgresPids(dataDir: string): number[] {
  const postmaster = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

function cpuOf(pids: number[]): number {
  return pids.map(processCpuSeconds).reduce((sum, seconds) => sum + (Number.isNaN(seconds) ? 0 : seconds), 0);
}

export async function closedLoop(clients: number, seconds: number, measured: Measured, step: (client: number) => Promise<{ retries: number }>): Promise<LoadResult> {
  const cpuBefore = process.cpuUsage();
  const ledgerBefore = cpuOf(measured.ledgerPids);
  const databaseBefore = new Map((measured.databasePids?.() ?? []).map((pid) => [pid, processCpuSeconds(pid)]));
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
    ledgerCores: (cpuOf(measured.ledgerPids) - ledgerBefore) / elapsed,
    databaseCores: (measured.databasePids?.() ?? []).reduce((sum, pid) => sum + processCpuSeconds(pid) - (databaseBefore.get(pid) ?? 0), 0) / elapsed,
  };
}
