// Service worker: after the first visit the app (and the wasm package in ../pkg/) works with the
// network off. Network first, so a rebuilt package is picked up at once when online (the .js glue
// and the .wasm must always come from the same build); the cache answers when the network fails.
// Only same-origin GET requests are touched: the app never talks to another origin.

const CACHE = 'treatykit-v4';
const APP = [
  './', './index.html', './app.css', './app.js', './api.js', './dom.js', './state.js', './labels.js',
  './views/search.js', './views/record.js', './views/rights.js', './views/rights-common.js',
  './views/compare.js', './views/matrix.js', './views/matrix-table.js',
  '../pkg/treatykit.js', '../pkg/treatykit_bg.wasm', '../pkg/safe.js',
];
// Cached when present: the widget page and the package's widget module.
const OPTIONAL = ['./embed.html', './embed.css', '../pkg/widget.js'];

/**
 * The modules the wasm-bindgen glue imports (its snippets/…/*.js, whose folder name is a
 * build hash), read from the glue itself so that the list never goes stale.
 */
async function gluesImports() {
  const glue = new URL('../pkg/treatykit.js', self.location.href);
  const text = await (await fetch(glue)).text();
  const found = [...text.matchAll(/from\s+['"](\.\/snippets\/[^'"]+)['"]/g)].map((m) => new URL(m[1], glue).href);
  return [...new Set(found)];
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(APP);
    await cache.addAll(await gluesImports());
    await Promise.all(OPTIONAL.map((url) => cache.add(url).catch(() => undefined)));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const res = await fetch(req);
      if (res.ok && res.type === 'basic') {
        // Pages are stored under their path alone: every deep link is the same document.
        const key = req.mode === 'navigate' ? new URL(req.url).pathname : req;
        cache.put(key, res.clone()).catch(() => undefined);
      }
      return res;
    } catch (err) {
      const hit = req.mode === 'navigate'
        ? (await cache.match(new URL(req.url).pathname)) ?? (await cache.match('./index.html'))
        : await cache.match(req, { ignoreSearch: true });
      if (hit) return hit;
      throw err;
    }
  })());
});
