import { Inject, Injectable } from '@nestjs/common';
import { COLLAB_RELAY } from './collaboration.tokens.js';
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

  projectDeleted(projectId: string): void {
    this.relay.publish({ type: 'project-deleted', projectId });
  }
}
