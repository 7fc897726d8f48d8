// The playground's service worker: after one visit the playground loads and runs contracts with no
// network. Built assets are cached at install (their names carry a content hash, so cache-first is
// always right); the page itself is fetched from the network first and from the cache when the
// network or the ledger (which serves it) is down. Anything else — the ledger's API — is not touched.
// ASSETS and VERSION are filled in at build time (astro.config.mjs).
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const CACHE = `tana-playground-${VERSION}`;
const PAGE = new URL('./', self.registration.scope).pathname;
const assets = new Set(ASSETS.map((path) => new URL(path, self.registration.scope).pathname));

/**
 * Caches one built file as served, less its `Vary` header: the ledger varies every answer on
 * `Origin` (CORS), and a cached answer that varies would not match the page's own requests.
 */
async function store(cache, path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const headers = new Headers(response.headers);
  headers.delete('vary');
  await cache.put(path, new Response(response.body, { status: response.status, statusText: response.statusText, headers }));
}

self.addEventListener('install', (event) => {
  // Built files come straight from the cache, without starting this script (static routing, where the
  // browser has it: the page's modules, the engine's worker and its .wasm are not queued behind one
  // another in this worker); the fetch handler below serves them the same way elsewhere.
  event.addRoutes?.({ condition: { urlPattern: new URLPattern({ pathname: `${PAGE}_astro/*` }) }, source: { cacheName: CACHE } });
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => Promise.all([...assets].map((path) => store(cache, path))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('tana-playground-') && name !== CACHE).map((name) => caches.delete(name))))
      // The page's request starts while the worker itself starts (navigation preload).
      .then(() => self.registration.navigationPreload?.enable())
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && (url.pathname === PAGE || url.pathname === `${PAGE}index.html`)) {
    event.respondWith(
      Promise.resolve(event.preloadResponse)
        .then((preloaded) => preloaded ?? fetch(request))
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put(PAGE, copy));
          }
          return response;
        })
        .catch(() => caches.match(PAGE, { ignoreSearch: true }).then((cached) => cached ?? Response.error())),
    );
    return;
  }
  if (assets.has(url.pathname)) event.respondWith(caches.match(url.pathname).then((cached) => cached ?? fetch(request)));
});
