/*
 * Lets the app open without a network: a chapter edited offline must survive a reload offline (its
 * text is in IndexedDB; this keeps the page and what the API last said about the edition).
 *
 * - /assets/* (content-hashed, immutable): cache first.
 * - Pages: network first, else the last index.html.
 * - GET /api/* except auth and event streams: network first, else the last answer for that address.
 * Everything else, and every write, goes to the network untouched. Signing out clears the cache
 * (the page posts 'clear').
 */
const CACHE = 'interlinea-v2';

/** The page and the files it loads, so even the first offline reload finds them. */
async function precacheShell() {
  const cache = await caches.open(CACHE);
  const page = await fetch('/index.html', { cache: 'no-cache' });
  if (!page.ok) return;
  const html = await page.clone().text();
  await cache.put('/index.html', page);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
  await cache.addAll(assets);
}

self.addEventListener('install', (event) => event.waitUntil(precacheShell().then(() => self.skipWaiting())));
self.addEventListener('activate', (event) =>
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  ),
);

self.addEventListener('message', (event) => {
  if (event.data === 'clear') event.waitUntil(caches.delete(CACHE));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, '/index.html'));
  } else if (
    url.pathname.startsWith('/api/') &&
    !url.pathname.startsWith('/api/auth/') &&
    // Streams (the review feed) never end: nothing to keep, and waiting to keep them would hold them up.
    !(request.headers.get('Accept') ?? '').includes('text/event-stream')
  ) {
    event.respondWith(networkFirst(request, null));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/** `key`: where to keep the answer (every page is the same index.html), else the request itself. */
async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    const type = response.headers.get('Content-Type') ?? '';
    // Kept in the background: the page gets the answer as soon as it arrives.
    if (response.ok && !type.includes('text/event-stream')) void cache.put(key ?? request, response.clone()).catch(() => undefined);
    return response;
  } catch (error) {
    const hit = await cache.match(key ?? request);
    if (hit) return hit;
    throw error;
  }
}
