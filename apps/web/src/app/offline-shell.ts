import { sessionStore } from './session-store.js';

/**
 * The service worker (public/sw.js) that lets a chapter open again without a network. Only in the
 * built app: Vite's development server serves modules the worker must not pin. The cache is
 * emptied when the session ends, so the next person at this browser does not see the last one's data.
 */
export function registerOfflineShell(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.register('/sw.js').catch(() => {
    // Without it the app works online as before.
  });
  sessionStore.subscribe(() => {
    if (sessionStore.get().status === 'signed-out') navigator.serviceWorker.controller?.postMessage('clear');
  });
}
