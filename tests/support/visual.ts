// A browser test body that leaves a screenshot in the system temp directory when it fails.
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';

export function visual(page: () => Page, name: string, body: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await body();
    } catch (error) {
      await page()
        .screenshot({ path: `${tmpdir()}/tana-e2e-${name}.png` })
        .catch(() => undefined);
      throw error;
    }
  };
}
