import { sessionStore } from './session-store.js';

/** How long the very first visit waits for the worker before rendering anyway. */
const FIRST_CONTROL_MS = 3_000;

/**
 * The service worker (public/sw.js) that lets a chapter open again without a network. Only in the
 * built app: Vite's development server serves modules the worker must not pin. Resolves once the
 * worker controls the page (at once after the first visit), so the app's first requests already go
 * through it and are there to answer offline. The cache is emptied when the session ends, so the
 * next person at this browser does not see the last one's data.
 */
export async function registerOfflineShell(): Promise<void> {
  // MODE, not PROD: a build started from the tests runs with NODE_ENV=test, which turns PROD off.
  if (import.meta.env.MODE !== 'production' || !('serviceWorker' in navigator)) return;
  sessionStore.subscribe(() => {
    if (sessionStore.get().status === 'signed-out') navigator.serviceWorker.controller?.postMessage('clear');
  });
  if (navigator.serviceWorker.controller) {
    void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
    return;
  }
  const controlled = new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
  try {
    await navigator.serviceWorker.register('/sw.js');
  } catch {
    return; // without it the app works online as before
  }
  await Promise.race([controlled, new Promise((resolve) => setTimeout(resolve, FIRST_CONTROL_MS))]);
}
