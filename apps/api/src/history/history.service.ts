import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HistoryEntry, type HistorySource } from './history-entry.entity.js';

export interface HistoryRecord {
  projectId: string;
  documentId?: string | null;
  segmentId?: string | null;
  language?: string | null;
  actorId: string | null;
  source: HistorySource;
  action: string;
  before?: object | null;
  after?: object | null;
}

/** Appends history entries inside the caller's transaction, so a change and its record commit together. */
@Injectable()
export class HistoryService {
  async record(tx: EntityManager, ...records: HistoryRecord[]): Promise<void> {
    if (!records.length) return;
    await tx.insert(
      HistoryEntry,
      records.map((r) => ({
        projectId: r.projectId,
        documentId: r.documentId ?? null,
        segmentId: r.segmentId ?? null,
        language: r.language ?? null,
        actorId: r.actorId,
        source: r.source,
        action: r.action,
        before: r.before ?? null,
        after: r.after ?? null,
      })),
    );
  }
}
