// Serves the built playground (playground/dist) beside the API, when it has been built.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { LedgerApp } from '@tana/ledger';

export const PLAYGROUND_DIST = fileURLToPath(new URL('../../playground/dist/', import.meta.url));

export function servePlayground(app: LedgerApp): void {
  if (!existsSync(PLAYGROUND_DIST)) return;
  app.use(
    '*',
    serveStatic({
      root: relative(process.cwd(), PLAYGROUND_DIST),
      // Build outputs under _astro/ carry a content hash in their name: cache them for good.
      onFound: (path, c) => {
        if (path.includes('/_astro/')) c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
}
