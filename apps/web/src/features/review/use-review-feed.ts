import { useEffect, useRef } from 'react';
import type { ReviewFeedEvent } from '#libs/contracts';
import { sessionStore } from '../../app/session-store.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { reviewEventsPath } from './review-api.js';

/**
 * Listens to the chapter's review feed (server-sent events over fetch, so the bearer token goes in a
 * header): `onEvent` for every notice, `onReconnect` after the stream was broken (notices may have
 * been missed: refetch). Reconnects with a growing pause; a 401 refreshes the token first.
 */
export function useReviewFeed(project: string, documentId: string, onEvent: (event: ReviewFeedEvent) => void, onReconnect: () => void): void {
  const handlers = useRef({ onEvent, onReconnect });
  handlers.current = { onEvent, onReconnect };

  useEffect(() => {
    const controller = new AbortController();
    let attempt = 0;
    const run = async (): Promise<void> => {
      while (!controller.signal.aborted) {
        try {
          const token = sessionStore.accessToken();
          const response = await fetch(reviewEventsPath(project, documentId), {
            headers: { Accept: 'text/event-stream', 'Accept-Language': currentLanguage(), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
            signal: controller.signal,
          });
          if (response.status === 401) await sessionStore.refresh().catch(() => null);
          if (response.ok && response.body) {
            if (attempt > 0) handlers.current.onReconnect();
            attempt = 0;
            await readEvents(response.body, (event) => handlers.current.onEvent(event));
          }
        } catch {
          if (controller.signal.aborted) return;
        }
        attempt++;
        await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** attempt, 15_000)));
      }
    };
    void run();
    return () => controller.abort();
  }, [project, documentId]);
}

/** Reads `event: review` / `data: {…}` blocks until the stream ends. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: ReviewFeedEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const type = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (type === 'review' && data) {
        try {
          onEvent(JSON.parse(data) as ReviewFeedEvent);
        } catch {
          // A malformed notice is skipped; the next one still arrives.
        }
      }
    }
  }
}
