// An Astro integration: the page's head names every module the app's island imports before it
// hydrates (`<link rel="modulepreload">`), so the browser fetches them all while it parses the page
// instead of one import level after another (each a round trip through the service worker).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The static imports of a built module (`import … from "./x.js"` and `import "./x.js"`), as paths from the site root. */
function staticImports(root, path) {
  const source = readFileSync(join(root, path), 'utf8');
  const folder = path.slice(0, path.lastIndexOf('/') + 1);
  const found = [];
  // Rolldown writes static imports at the top of a chunk, before any other statement.
  for (const match of source.matchAll(/(?:^|;)\s*import\s*(?:[\w${},*\s]+from\s*)?"(\.\/[^"]+\.js)"/g)) {
    found.push(folder + match[1].slice(2));
  }
  return found;
}

export function modulePreload() {
  return {
    name: 'tana-module-preload',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = fileURLToPath(dir);
        const page = join(root, 'index.html');
        let html = readFileSync(page, 'utf8');
        // The island's component and renderer, then everything they import statically.
        const islands = [...html.matchAll(/<astro-island[^>]*>/g)].map((m) => m[0]);
        const entries = islands.flatMap((tag) => [...tag.matchAll(/\s(?:component|renderer)-url="\/([^"]+)"/g)].map((m) => m[1]));
        const graph = new Set();
        const visit = (path) => {
          if (graph.has(path) || !existsSync(join(root, path))) return;
          graph.add(path);
          for (const imported of staticImports(root, path)) visit(imported);
        };
        entries.forEach(visit);
        if (!graph.size) throw new Error('tana-module-preload: no island found in index.html');
        const links = [...graph].map((path) => `<link rel="modulepreload" href="/${path}">`).join('');
        html = html.replace('</head>', `${links}</head>`);
        writeFileSync(page, html);
      },
    },
  };
}
