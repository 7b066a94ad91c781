import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ProjectAccess } from '../common/guards/request-context.js';
import type { EditSession } from './live/live-document.js';
import { LiveDocuments } from './live/live-documents.service.js';

export type { EditSession };

/**
 * What other features call: run a server-side edit through the live document, or make sure the
 * rows are up to date before reading them (exports).
 */
@Injectable()
export class CollaborationService {
  constructor(
    private readonly documents: LiveDocuments,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /**
   * Runs `work` exclusively on the document's live copy (loaded if needed). Inside, change the
   * document with `session.change((doc, origin) => collabSchemaHelper(doc, …, { origin }))` and call
   * `session.persist(tx)` in the same transaction as the relational change; connected clients get
   * the change once `work` resolved. If `work` throws after changing the document, the copy is
   * dropped and reloaded from the log, so nothing uncommitted survives. `languages` are the
   * project's as the request was authorised against them (source first).
   */
  edit<T>(languages: readonly string[], documentId: string, userId: string | null, work: (session: EditSession) => Promise<T>): Promise<T> {
    return this.documents.edit(languages, documentId, userId, work);
  }

  /**
   * The usual server-side edit: `edit` for a request authorised on `access`, with `work` running in
   * one database transaction (`tx`) that `session.persist(tx)` joins.
   */
  editInTransaction<T>(
    access: ProjectAccess,
    documentId: string,
    userId: string | null,
    work: (session: EditSession, tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.edit(access.project.languages, documentId, userId, (session) => this.db.transaction((tx) => work(session, tx)));
  }

  /**
   * Brings the rows of every document of the project up to everything stored in the update log,
   * whichever process (if any) holds the documents live (before an export or import reads them).
   */
  flushProject(projectId: string): Promise<void> {
    return this.documents.materializeProject(projectId);
  }

  /** Writes pending live changes of a document loaded here, when this process writes its rows. */
  flushDocument(documentId: string): Promise<boolean> {
    return this.documents.materialize(documentId);
  }

  /**
   * For code that rewrites a document's rows without going through `edit` (a re-import of a
   * translation into an existing chapter): drops the live state so the chapter is seeded from the
   * rows again; connected editors are told to reload.
   */
  discardLiveState(documentId: string): Promise<void> {
    return this.documents.discard(documentId);
  }
}
