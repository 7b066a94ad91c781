import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { ApiError } from './api.js';

export type ResourceState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError };

export type Resource<T> = ResourceState<T> & { reload(): void };

/**
 * Loads data for a view and re-loads when `deps` change. Superseded and unmounted loads are aborted,
 * so a slow answer never overwrites a newer one. `reload()` keeps showing the data it has until the
 * fresh data arrives, so a list refreshed after an action does not blink through a loading state.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const reloading = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    const keep = reloading.current;
    reloading.current = false;
    setState((previous) => (keep && previous.status === 'ready' ? previous : { status: 'loading' }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure on every render; `deps` says when it means something new.
  }, [...deps, attempt]);

  const reload = useCallback(() => {
    reloading.current = true;
    setAttempt((n) => n + 1);
  }, []);
  return { ...state, reload };
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // A bug of ours (a JSON parse error, say): report it plainly rather than swallow it.
  console.error(error);
  return new ApiError(0, 'CLIENT_ERROR', error instanceof Error ? error.message : String(error));
}
