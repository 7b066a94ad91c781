import type { Server } from 'node:http';
import { type BeforeApplicationShutdown, HttpStatus, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DomainError } from '../../common/errors/domain-error.js';
import { ERROR_STATUS } from '../../common/errors/error-codes.js';
import { COLLAB_TUNING, type CollabTuning } from '../collab-tuning.js';
import { COLLAB_RELAY } from '../collaboration.tokens.js';
import { LiveDocuments } from '../live/live-documents.service.js';
import { CLOSE } from '../protocol.js';
import type { Relay, RelayEvent } from '../store/relay.js';
import { CollabAuth } from './collab-auth.service.js';
import { UpgradeRefused } from './socket-port.js';
import { CollabWsServer, type Connection } from './ws-server.js';

/**
 * A refusal that means "who you are is no longer established" (a 401 code in the error table: a bad
 * or expired token, an ended session), as opposed to "you may not".
 */
const unauthenticated = (error: DomainError): boolean => ERROR_STATUS[error.code] === HttpStatus.UNAUTHORIZED;

/**
 * Wires the socket server to the HTTP server Nest listens on, to authentication, to the live
 * documents, and to the relay's control events (revocation, sign-out, languages, deletion). Shutdown:
 * sockets close with "going away" (clients reconnect, elsewhere if there is an elsewhere), then every
 * document is materialised while the database is still there.
 */
@Injectable()
export class CollaborationGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private sockets: CollabWsServer | null = null;
  private readonly logger = new Logger('Collaboration');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: CollabAuth,
    private readonly documents: LiveDocuments,
    @Inject(COLLAB_RELAY) private readonly relay: Relay,
    @Inject(COLLAB_TUNING) private readonly tuning: CollabTuning,
  ) {}

  onApplicationBootstrap(): void {
    // The CLI runs the application without HTTP: no sockets, but REST-style edits still go through live documents.
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) return;
    this.sockets = new CollabWsServer(
      {
        authenticate: async (documentId, token) => {
          try {
            return await this.auth.authenticate(token, documentId);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            if (unauthenticated(error)) throw new UpgradeRefused(401);
            if (error.code === 'DOCUMENT_NOT_FOUND') throw new UpgradeRefused(404);
            throw new UpgradeRefused(403);
          }
        },
        open: (documentId) => this.documents.openForSocket(documentId),
      },
      { maxPayload: this.tuning.maxPayload, heartbeatMs: this.tuning.heartbeatMs },
    );
    this.sockets.attach(server);
    this.documents.onEviction((documentId, code, reason) =>
      this.sockets?.closeWhere((c) => c.document.documentId === documentId, code, reason),
    );
    this.relay.subscribe((event) => void this.onControl(event));
    // Control events published while this process was cut off from the others are lost: a sign-out
    // or a removed membership would leave sockets open here. Check every socket again instead.
    this.relay.onReconnect(() => {
      const all = this.sockets?.sessions(() => true) ?? [];
      void Promise.all(all.map((c) => this.recheck(c)));
    });
  }

  private async onControl(event: RelayEvent): Promise<void> {
    const sockets = this.sockets;
    if (!sockets) return;
    if (event.type === 'document-deleted') {
      sockets.closeWhere((c) => c.document.documentId === event.documentId, CLOSE.gone, 'document deleted');
      this.documents.evict(event.documentId, CLOSE.gone, 'document deleted');
    } else if (event.type === 'document-replaced') {
      sockets.closeWhere((c) => c.document.documentId === event.documentId, CLOSE.replaced, 'document replaced, reload');
      this.documents.evict(event.documentId, CLOSE.replaced, 'document replaced, reload');
    } else if (event.type === 'project-deleted') {
      for (const live of this.documents.all().filter((d) => d.projectId === event.projectId)) {
        this.documents.evict(live.documentId, CLOSE.gone, 'project deleted');
      }
      sockets.closeWhere((c) => c.session.projectId === event.projectId, CLOSE.gone, 'project deleted');
    } else if (event.type === 'credentials-ended') {
      const ended = new Set(event.credentialIds);
      sockets.closeWhere(
        (c) => c.session.userId === event.userId && c.session.credential !== null && ended.has(c.session.credential.id),
        CLOSE.sessionEnded,
        'signed out',
      );
    } else if (event.type === 'membership') {
      const affected = sockets.sessions((c) => c.session.projectId === event.projectId && c.session.userId === event.userId);
      await Promise.all(affected.map((c) => this.recheck(c)));
    } else if (event.type === 'languages') {
      // Write rights are per connection and language: a connection that may now write another set
      // reconnects (4000) and gets it; typing it had not sent yet follows by sync on reconnect.
      await Promise.all(sockets.sessions((c) => c.session.projectId === event.projectId).map((c) => this.recheck(c)));
    }
  }

  private async recheck(c: Connection): Promise<void> {
    try {
      const now = await this.auth.session(c.session.userId, c.session.projectId, c.document.documentId, c.session.credential);
      const same = now.writable.size === c.session.writable.size && [...now.writable].every((l) => c.session.writable.has(l));
      if (!same) c.close(CLOSE.rightsChanged, 'rights changed');
    } catch (error) {
      if (error instanceof DomainError && unauthenticated(error)) c.close(CLOSE.sessionEnded, 'signed out');
      else if (error instanceof DomainError) c.close(CLOSE.forbidden, 'access revoked');
      else this.logger.warn(`Re-checking access failed: ${(error as Error).message}`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sockets?.close();
    await this.documents.shutdown();
  }
}
