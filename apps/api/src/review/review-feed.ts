import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { CollaborationEvents } from '../collaboration/collaboration-events.js';
import { filter, type Observable, Subject } from 'rxjs';

/**
 * What changed in a chapter that its open editors should show at once: a status or approval, a
 * comment. Services announce after their transaction committed; readers follow it as server-sent
 * events (`stream()`), which end when the application shuts down (an open stream would otherwise
 * hold the HTTP server open). Notices reach this process's readers at once and the other processes'
 * through the collaboration relay (Redis; at most once, so a reader's reconnect refetches).
 */
export type ReviewNotice =
  | { kind: 'variants'; projectId: string; documentId: string; segmentIds: string[]; language: string | null }
  | { kind: 'comments'; projectId: string; documentId: string; segmentId: string; threadId: string };

@Injectable()
export class ReviewFeed implements BeforeApplicationShutdown {
  private readonly notices = new Subject<ReviewNotice>();
  private readonly accessChanges = new Subject<{ userId: string; projectId: string | null }>();

  constructor(private readonly events: CollaborationEvents) {
    events.onReviewNotice((notice) => this.notices.next(notice));
    events.onAccessChanged((change) => this.accessChanges.next(change));
  }

  /** Fires when `userId`'s access to `projectId` may have changed (membership, sign-out): their streams end. */
  accessChanged(userId: string, projectId: string): Observable<unknown> {
    return this.accessChanges.pipe(filter((c) => c.userId === userId && (c.projectId === null || c.projectId === projectId)));
  }

  announce(notice: ReviewNotice): void {
    this.notices.next(notice);
    this.events.reviewNotice(notice);
  }

  /** Every notice from now on; completes at shutdown. */
  stream(): Observable<ReviewNotice> {
    return this.notices.asObservable();
  }

  beforeApplicationShutdown(): void {
    this.notices.complete();
    this.accessChanges.complete();
  }
}
