import { Inject, Injectable } from '@nestjs/common';
import { COLLAB_RELAY } from './collaboration.tokens.js';
import type { ReviewNotice } from '../review/review-feed.js';
import type { Relay } from './store/relay.js';

/**
 * What other features tell collaboration about: membership, sign-outs, languages and deletions. Goes
 * through the relay, so every API process closes or re-checks its own sockets (with one process,
 * straight back to it).
 */
@Injectable()
export class CollaborationEvents {
  constructor(@Inject(COLLAB_RELAY) private readonly relay: Relay) {}

  /** A member was removed or their role or languages changed. */
  membershipChanged(projectId: string, userId: string): void {
    this.relay.publish({ type: 'membership', projectId, userId });
  }

  /** Sign-in sessions or personal API tokens were revoked: sockets opened under them close. */
  credentialsEnded(userId: string, credentialIds: string[]): void {
    this.relay.publish({ type: 'credentials-ended', userId, credentialIds });
  }

  /** The project's target languages changed: live copies materialise and offer the new set. */
  languagesChanged(projectId: string): void {
    this.relay.publish({ type: 'languages', projectId });
  }

  documentDeleted(documentId: string): void {
    this.relay.publish({ type: 'document-deleted', documentId });
  }

  /** Tells the other processes about a review notice (the caller delivers it in this process itself). */
  reviewNotice(notice: ReviewNotice): void {
    this.relay.publish({ type: 'review', notice, from: this.relay.processId });
  }

  /** Review notices from other processes (never this one's own). */
  onReviewNotice(listener: (notice: ReviewNotice) => void): void {
    this.relay.subscribe((event) => {
      if (event.type === 'review' && event.from !== this.relay.processId) listener(event.notice);
    });
  }

  /**
   * Someone's access changed, in any process: their membership of a project (`projectId`), or their
   * sign-in sessions or API tokens ended (`projectId` null). Other long-lived channels (the review
   * feed) end their streams on it, and the reconnect is authorised afresh.
   */
  onAccessChanged(listener: (change: { userId: string; projectId: string | null }) => void): void {
    this.relay.subscribe((event) => {
      if (event.type === 'membership') listener({ userId: event.userId, projectId: event.projectId });
      else if (event.type === 'credentials-ended') listener({ userId: event.userId, projectId: null });
    });
  }

  projectDeleted(projectId: string): void {
    this.relay.publish({ type: 'project-deleted', projectId });
  }
}
