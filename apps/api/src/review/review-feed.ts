import { Injectable } from '@nestjs/common';

/**
 * What changed in a chapter that its open editors should show at once: a status or approval, a
 * comment. Services announce after their transaction committed; the collaboration layer forwards
 * each notice to the chapter's sockets in every process.
 */
export type ReviewNotice =
  | { kind: 'variants'; projectId: string; documentId: string; segmentIds: string[]; language: string | null }
  | { kind: 'comments'; projectId: string; documentId: string; segmentId: string; threadId: string };

export type ReviewNoticeListener = (notice: ReviewNotice) => void;

@Injectable()
export class ReviewFeed {
  private readonly listeners = new Set<ReviewNoticeListener>();

  announce(notice: ReviewNotice): void {
    for (const listener of this.listeners) listener(notice);
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: ReviewNoticeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
