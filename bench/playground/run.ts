// bench/playground: what a first visit costs (bytes by kind, raw and brotli), navigation to the first
// finished run, and click-to-output latency for every example — beside a peer in the same run: the
// bare engine page (examples/embed), which runs the engine on the page's main thread with no editor.
//   npm run bench:playground   (builds nothing: run `npm run build:playground` first)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { startLedgerServer } from '@tana/ledger';
import { launchChromium } from '../../tests/support/chromium.ts';
import { serveDirectory } from '../../cli/src/static-server.ts';
import { servePlayground } from '../../cli/src/playground.ts';
import { median } from '../engine/measure.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const brotli = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;

const dataDir = mkdtempSync(join(tmpdir(), 'tana-bench-playground-'));
const ledger = await startLedgerServer({ dataDir, port: 0, workers: 1, extend: servePlayground });
const statics = await serveDirectory(repo);
const browser = await launchChromium();

async function firstVisit(b: Browser) {
  const context = await b.newContext();
  const page = await context.newPage();
  const bodies: Promise<{ kind: string; body?: Buffer }>[] = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    const kind = path.endsWith('.wasm') ? 'wasm' : path.endsWith('.js') ? 'js' : path.endsWith('.css') ? 'css' : path.endsWith('.html') || path.endsWith('/') ? 'html' : 'other';
    bodies.push(
      response.body().then(
        (body) => ({ kind, body }),
        () => ({ kind }),
      ),
    );
  });
  // Compressed after the visit: brotli at quality 11 is slow, and must not stall the measurement.
  const bytes = async () => {
    const totals = new Map<string, { raw: number; br: number }>();
    for (const { kind, body } of await Promise.all(bodies)) {
      if (!body) continue;
      const total = totals.get(kind) ?? { raw: 0, br: 0 };
      totals.set(kind, { raw: total.raw + body.length, br: total.br + brotli(body) });
    }
    return totals;
  };
  return { context, page, bytes };
}

/** Playground: navigation start → the first run of the counter example has finished and rendered. */
async function playgroundFirstRun(): Promise<{ ms: number; bytes: () => Promise<Map<string, { raw: number; br: number }>> }> {
  const { context, page, bytes } = await firstVisit(browser);
  const started = Date.now();
  await page.goto(`${ledger.url}/`);
  await page.waitForSelector('[data-ready="true"]');
  await page.click('[data-testid="file-counter"]');
  await page.click('[data-testid="run"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-runs')) >= 1);
  const ms = Date.now() - started;
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ms, bytes };
}

/** Peer: the bare engine page. Navigation start → its first result is on screen. */
async function embedFirstRun(): Promise<{ ms: number; bytes: () => Promise<Map<string, { raw: number; br: number }>> }> {
  const { context, page, bytes } = await firstVisit(browser);
  const started = Date.now();
  await page.goto(`${statics.url}/examples/embed/`);
  await page.waitForSelector('#run:not([disabled])');
  await page.click('#run');
  await page.waitForFunction(() => (document.querySelector('#outcome')?.textContent ?? '').length > 0);
  const ms = Date.now() - started;
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ms, bytes };
}

/** Click → output on screen, measured inside the page (no automation round trips). */
async function clickLatencies(page: Page, button: string, done: string, runs: number): Promise<number[]> {
  return page.evaluate(
    async ({ button, done, runs }) => {
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const before = document.querySelector(done.split('|')[0]!)?.getAttribute(done.split('|')[1]!) ?? document.querySelector(done.split('|')[0]!)?.textContent;
        const t = performance.now();
        (document.querySelector(button) as HTMLButtonElement).click();
        await new Promise<void>((resolve) => {
          const check = () => {
            const el = document.querySelector(done.split('|')[0]!);
            const now = done.split('|')[1] ? el?.getAttribute(done.split('|')[1]!) : `${el?.textContent}${i}`;
            if (now !== before && !(document.querySelector(button) as HTMLButtonElement).disabled) resolve();
            else requestAnimationFrame(check);
          };
          check();
        });
        samples.push(performance.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return samples;
    },
    { button, done, runs },
  );
}

const playgroundRuns = [];
const embedRuns = [];
for (let i = 0; i < 3; i++) {
  playgroundRuns.push(await playgroundFirstRun());
  embedRuns.push(await embedFirstRun());
}

console.log('bench/playground — headless Chromium, cold cache per visit\n');
console.log('first visit, bytes transferred (raw / brotli):');
for (const [label, visit] of [
  ['playground', playgroundRuns[0]!],
  ['embed page (peer)', embedRuns[0]!],
] as const) {
  const entries = [...(await visit.bytes()).entries()].sort();
  const total = entries.reduce((sum, [, v]) => ({ raw: sum.raw + v.raw, br: sum.br + v.br }), { raw: 0, br: 0 });
  console.log(
    `  ${label}: ${entries.map(([k, v]) => `${k} ${(v.raw / 1024).toFixed(0)} / ${(v.br / 1024).toFixed(0)} KB`).join(' · ')} · total ${(total.raw / 1024).toFixed(0)} / ${(total.br / 1024).toFixed(0)} KB`,
  );
}
const wasm = (await playgroundRuns[0]!.bytes()).get('wasm');
console.log(`  engine .wasm: ${((wasm?.br ?? 0) / 1e6).toFixed(2)} MB brotli (target ≤ 1.5 MB: ${(wasm?.br ?? Infinity) <= 1.5e6 ? 'met' : 'missed'})`);

const pgFirst = median(playgroundRuns.map((r) => r.ms));
const embedFirst = median(embedRuns.map((r) => r.ms));
console.log(`\nnavigation → first finished run: playground ${pgFirst.toFixed(0)} ms, embed page ${embedFirst.toFixed(0)} ms (×${(pgFirst / embedFirst).toFixed(2)}), median of 3`);

// Click-to-output for every example, on a warm page.
const page = await browser.newPage();
await page.goto(`${ledger.url}/`);
await page.waitForSelector('[data-ready="true"]');
const all: number[] = [];
const perExample: string[] = [];
for (const name of ['counter', 'fetch', 'pay', 'storage', 'token-transfer']) {
  await page.click(`[data-testid="file-${name}"]`);
  await page.waitForFunction((n) => document.querySelector('[data-testid="file-name"]')?.textContent?.startsWith(n), name);
  const samples = await clickLatencies(page, '[data-testid="run"]', '[data-testid="app"]|data-runs', 25);
  all.push(...samples);
  perExample.push(`${name} ${quantile(samples, 0.5).toFixed(1)}`);
}
const peerPage = await browser.newPage();
await peerPage.goto(`${statics.url}/examples/embed/`);
await peerPage.waitForSelector('#run:not([disabled])');
const peer = await clickLatencies(peerPage, '#run', '#outcome', 25);
const p50 = quantile(all, 0.5);
console.log(`\nclick → output (Run button to rendered outcome, 25 runs per example):`);
console.log(`  playground p50 ${p50.toFixed(1)} ms, p95 ${quantile(all, 0.95).toFixed(1)} ms (per example p50: ${perExample.join(', ')})`);
console.log(`  embed page (engine on the main thread) p50 ${quantile(peer, 0.5).toFixed(1)} ms, p95 ${quantile(peer, 0.95).toFixed(1)} ms`);
console.log(`  ratio p50 ×${(p50 / quantile(peer, 0.5)).toFixed(2)} · target p50 ≤ 30 ms: ${p50 <= 30 ? 'met' : 'missed'}`);

await browser.close();
await statics.close();
await ledger.close();
rmSync(dataDir, { recursive: true, force: true });
