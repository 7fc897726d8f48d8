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

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...assets]))
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
