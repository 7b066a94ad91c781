import { useCallback, useEffect } from 'react';
import type { SegmentView } from '#libs/contracts';
import type { ChapterReview } from './use-chapter-review.js';

/**
 * Alt+↓ / Alt+↑ move the review's selection through the rows shown (Escape closes the panel); the
 * returned function moves it by code (after a decision). The selected row is scrolled into view.
 */
export function useReviewKeys(review: ChapterReview, rows: SegmentView[]): (delta: number) => void {
  const { selected, select } = review;
  const move = useCallback(
    (delta: number) => {
      if (!rows.length) return;
      const index = rows.findIndex((s) => s.id === selected);
      const next = rows[Math.min(Math.max(index < 0 ? 0 : index + delta, 0), rows.length - 1)]!;
      select(next.id);
      requestAnimationFrame(() => document.querySelector(`[data-segment-id="${next.id}"]`)?.scrollIntoView({ block: 'nearest' }));
    },
    [rows, selected, select],
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        event.preventDefault();
        move(event.key === 'ArrowDown' ? 1 : -1);
      } else if (event.key === 'Escape' && selected && !(event.target instanceof HTMLTextAreaElement)) select(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move, selected, select]);
  return move;
}
