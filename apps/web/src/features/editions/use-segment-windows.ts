import { useCallback, useEffect, useRef, useState } from 'react';
import type { SegmentView } from '#libs/contracts';
import { ApiError } from '../../lib/api.js';
import { listSegments, SEGMENT_WINDOW } from './editions-api.js';

export interface SegmentWindows {
  segments: SegmentView[];
  /** Segments in the document; null until the first window arrived. */
  total: number | null;
  loading: boolean;
  error: ApiError | null;
  /** Fetches the next window, unless one is on its way or everything is here. */
  loadMore(): void;
}

/**
 * A chapter's main flow, fetched window by window as the reader asks for more, so a long chapter
 * shows its beginning at once. All of the edition's languages come in each window: switching columns
 * then needs no request.
 */
export function useSegmentWindows(project: string, documentId: string, languages: string[]): SegmentWindows {
  const [segments, setSegments] = useState<SegmentView[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const state = useRef({ loaded: 0, total: null as number | null });
  const languageKey = languages.join(',');

  const fetchWindow = useCallback(
    (offset: number) => {
      const controller = new AbortController();
      inFlight.current = controller;
      setLoading(true);
      setError(null);
      listSegments(project, documentId, { offset, limit: SEGMENT_WINDOW, languages: languageKey.split(',') }, controller.signal).then(
        (page) => {
          if (controller.signal.aborted) return;
          inFlight.current = null;
          state.current = { loaded: offset + page.items.length, total: page.total };
          setSegments((previous) => [...previous.slice(0, offset), ...page.items]);
          setTotal(page.total);
          setLoading(false);
        },
        (reason: unknown) => {
          if (controller.signal.aborted) return;
          inFlight.current = null;
          setError(reason instanceof ApiError ? reason : new ApiError(0, 'CLIENT_ERROR', String(reason)));
          setLoading(false);
        },
      );
    },
    [project, documentId, languageKey],
  );

  useEffect(() => {
    state.current = { loaded: 0, total: null };
    setSegments([]);
    setTotal(null);
    fetchWindow(0);
    return () => {
      inFlight.current?.abort();
      inFlight.current = null;
    };
  }, [fetchWindow]);

  const loadMore = useCallback(() => {
    const { loaded, total: known } = state.current;
    if (inFlight.current || (known !== null && loaded >= known)) return;
    fetchWindow(loaded);
  }, [fetchWindow]);

  return { segments, total, loading, error, loadMore };
}
