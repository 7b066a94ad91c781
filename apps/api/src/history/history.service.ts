import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { VariantWriter } from '../variants/variant-writer.js';
import type { VariantsChanged } from '../variants/variants-changed.js';
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

/** Live edits of one person in one variant within this window make one history entry. */
export const LIVE_HISTORY_WINDOW_MS = 60_000;

/**
 * Appends history entries inside the caller's transaction, so a change and its record commit
 * together. Variant writes are recorded from the writer's "variants changed" event: a REST write
 * as one entry per variant; live typing as one entry per person, variant and window, updated while
 * they keep typing. Imports and structural changes record their own summary entry.
 */
@Injectable()
export class HistoryService implements OnModuleInit {
  /** `actor\u0000segment\u0000language` → the open live entry and when it was last extended. */
  private readonly openLive = new Map<string, { id: string; at: number }>();

  constructor(private readonly variants: VariantWriter) {}

  onModuleInit(): void {
    this.variants.onChanged((tx, event) => this.variantsChanged(tx, event));
  }

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

  private async variantsChanged(tx: EntityManager, event: VariantsChanged): Promise<void> {
    if (event.source === 'rest') {
      await this.record(
        tx,
        ...event.changes.map((c) => ({
          projectId: event.projectId,
          documentId: event.documentId,
          segmentId: c.segmentId,
          language: c.language,
          actorId: event.actorId,
          source: 'rest' as const,
          action: c.before ? 'variant.update' : 'variant.create',
          before: c.before,
          after: c.after,
        })),
      );
    } else if (event.source === 'live') {
      for (const c of event.changes) {
        if (!c.textChanged) continue;
        for (const who of c.by.length ? c.by : [null]) await this.recordLive(tx, event, c, who);
      }
    }
  }

  private async recordLive(tx: EntityManager, event: VariantsChanged, c: VariantsChanged['changes'][number], who: string | null): Promise<void> {
    const now = Date.now();
    const key = `${who}\u0000${c.segmentId}\u0000${c.language}`;
    const open = this.openLive.get(key);
    const after = { content: c.after.content, revision: c.after.revision };
    if (open && now - open.at < LIVE_HISTORY_WINDOW_MS) {
      const updated = await tx.update(HistoryEntry, { id: open.id }, { after });
      if ((updated.affected ?? 0) > 0) {
        open.at = now;
        return;
      }
    }
    const inserted = await tx.insert(HistoryEntry, {
      projectId: event.projectId,
      documentId: event.documentId,
      segmentId: c.segmentId,
      language: c.language,
      actorId: who,
      source: 'live',
      action: 'variant.edit',
      before: c.before && { content: c.before.content, revision: c.before.revision },
      after,
    });
    this.openLive.set(key, { id: String(inserted.identifiers[0]!.id), at: now });
    if (this.openLive.size > 10_000) {
      for (const [k, entry] of this.openLive) if (entry.at < now - LIVE_HISTORY_WINDOW_MS) this.openLive.delete(k);
    }
  }
}
