// The engine package in a real Chromium page, as a page imports it (the built ES module, no
// bundler), served from the repository on 127.0.0.1. Shared by the Chromium suites.
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { serveDirectory } from '../../cli/src/static-server.ts';
import { launchChromium } from './chromium.ts';

/** Where the page imports the engine from. */
export const ENGINE = '/runtime-wasm/dist/index.js';

export async function openEnginePage(): Promise<{ page: Page; close(): Promise<void> }> {
  const server = await serveDirectory(fileURLToPath(new URL('../../', import.meta.url)));
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${server.url}/tests/browser/page.html`);
  return {
    page,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
