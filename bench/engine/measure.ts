// Small timing helpers shared by the engine benchmarks.
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `fn` repeatedly for about `ms` milliseconds (after one warm-up) and returns runs per second. */
export function throughput(fn: () => void, ms = 1500): number {
  fn();
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    fn();
    runs++;
    elapsed = performance.now() - start;
  }
  return (runs * 1000) / elapsed;
}

/** Median wall time of `fn` over `samples` runs, in milliseconds. */
export function timeMedian(fn: () => void, samples = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/** Prints rows as a table: the first column left-aligned, the others right-aligned. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) console.log(r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '));
}
