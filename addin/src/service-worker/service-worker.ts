// The task pane's service worker: the pane starts without a connection (a commune office whose
// line is down, a laptop on the road) from the copy kept at its last start online. Only the
// pane's own static files are kept (shell.ts); everything else, /graphql and /files above all,
// is never answered here and goes to the network as if there were no worker.
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import {
  SHELL_CACHE,
  SHELL_CACHE_PREFIX,
  SHELL_WARM_URLS,
  isShellRequest,
  officeFilesToKeep,
  shellCacheKey,
} from './shell.ts';

declare const self: ServiceWorkerGlobalScope;

// Network first, so a pane online is always the server's current one (the bundle's name has no
// hash); the kept copy only when the network fails or is slower than 3 s, which on a weak commune
// line still starts the pane in a few seconds rather than never.
const shell = new NetworkFirst({
  cacheName: SHELL_CACHE,
  networkTimeoutSeconds: 3,
  plugins: [
    {
      cacheKeyWillBeUsed: async ({ request }) => shellCacheKey(new URL(request.url)),
      // A 5xx answer (a proxy's 502 for a stopped server) is no better than no network: the
      // kept copy answers instead (a thrown error makes NetworkFirst read the cache).
      fetchDidSucceed: async ({ response }) => {
        if (response.status >= 500) throw new Error(`HTTP ${response.status}`);
        return response;
      },
    },
    // Office.js loads a few more files per host and language; a bound keeps the cache small
    // whatever it asks for, and a full disk empties the cache rather than failing the pane.
    new ExpirationPlugin({ maxEntries: 80, purgeOnQuotaError: true }),
  ],
});

// Microsoft's CDN copy of Office.js is not kept: its answer is opaque (a proxy's error page would
// be kept as if it were Office.js), and that copy loads further files from the CDN, so a kept
// office.js would start offline, fail on its next file and never let the page fall back. Offline,
// the CDN fails (or is given up after 5 s) and the page uses the local copy, which is kept.
registerRoute(
  ({ url, request }) => isShellRequest(url, request.method, self.location.origin),
  shell,
);

self.addEventListener('install', (event) => {
  // The shell is fetched through the same strategy, so the first start online already leaves a
  // pane that can start offline. A failed fetch does not fail the install: the next start online
  // keeps the file anyway. A new worker takes over at once (the shell is the same kind of files
  // whichever worker serves them).
  event.waitUntil(
    Promise.all(
      SHELL_WARM_URLS.map(
        (url) => shell.handleAll({ event, request: new Request(url, { cache: 'no-cache' }) })[1],
      ),
    ).then(() => self.skipWaiting()),
  );
});

// The pane names the Office.js files its Excel loaded ({ keepOfficeFiles: [...] }, from
// offline-shell.ts); their local copies are fetched once, unless already kept, so that the local
// office.js finds them offline. A pane started from the CDN never fetched them itself.
self.addEventListener('message', (event) => {
  const data: unknown = event.data;
  const asked = (data as { keepOfficeFiles?: unknown } | null)?.keepOfficeFiles;
  if (!Array.isArray(asked)) return;
  const paths = officeFilesToKeep(
    asked.filter((p): p is string => typeof p === 'string'),
    self.location.origin,
  );
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) =>
      Promise.all(
        paths.map(async (p) => {
          const request = new Request(p);
          if (await cache.match(shellCacheKey(new URL(request.url)))) return;
          await shell.handleAll({ event, request })[1].catch(() => undefined);
        }),
      ),
    ),
  );
});

// Control the open pane without waiting for its next start.
clientsClaim();

self.addEventListener('activate', (event) => {
  // Caches of an older version of this worker; other caches of the origin are not ours.
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(SHELL_CACHE_PREFIX) && name !== SHELL_CACHE)
            .map((name) => caches.delete(name)),
        ),
      ),
  );
});
