import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type InlineContent, normalizeContent, plainText } from '#libs/content';
import { nextVariantState, type VariantApproval, type VariantStatus } from '#libs/contracts';
import { contentHash } from './content-hash.js';
import type { VariantChange, VariantsChanged, VariantsChangedListener, VariantSource } from './variants-changed.js';

/** One variant to write: its content, and what the caller asks of its status (see `nextVariantState`). */
export interface VariantWrite {
  segmentId: string;
  language: string;
  content: InlineContent;
  status?: VariantStatus;
  statusIfChanged?: VariantStatus;
  approve?: VariantApproval;
  /** Whose edits the write carries (live typing: everyone who typed since the last write); default: the context's actor. */
  by?: readonly (string | null)[];
}

/** Where a batch of writes comes from; the "variants changed" event carries it. */
export interface VariantWriteContext {
  projectId: string;
  /** The document the variants belong to; null for a write across documents (an import). */
  documentId: string | null;
  actorId: string | null;
  source: VariantSource;
}

interface StoredRow {
  segment_id: string;
  language: string;
  content: InlineContent;
  content_hash: string;
  status: VariantStatus;
  revision: number;
  updated_by: string | null;
  updated_at: Date;
  approved_hash: string | null;
  approved_by: string | null;
  approved_at: Date | null;
}

/**
 * The one place that writes the `variants` table's content and approval state. Every path calls it:
 * REST edits, split and merge, live materialisation, imports, footnote deletion, the demo seeder.
 * `write(tx, context, writes)` locks the rows, applies `nextVariantState` to each, writes what
 * differs in one statement, and tells the "variants changed" listeners (history; review and QA later)
 * in the same transaction, so a change and what hangs on it commit or roll back together.
 */
@Injectable()
export class VariantWriter {
  private readonly listeners: VariantsChangedListener[] = [];

  /** Runs `listener` inside the writing transaction after every write; an error rolls the write back. */
  onChanged(listener: VariantsChangedListener): void {
    this.listeners.push(listener);
  }

  /** Writes `writes` (the last of two for the same variant wins) and returns one change per variant, in order. */
  async write(tx: EntityManager, context: VariantWriteContext, writes: readonly VariantWrite[]): Promise<VariantChange[]> {
    // Canonical and storable (no NUL, no lone surrogate: libs/content/storable.ts), whoever wrote it:
    // a text PostgreSQL refuses would fail the whole batch, and a materialiser would retry it for ever.
    const unique = [
      ...new Map(writes.map((w) => [`${w.segmentId}\u0000${w.language}`, { ...w, content: normalizeContent(w.content) }])).values(),
    ];
    if (!unique.length) return [];
    const stored = await this.lock(tx, unique);
    const changes: VariantChange[] = [];
    const rows: Row[] = [];
    for (const w of unique) {
      const row = stored.get(`${w.segmentId}\u0000${w.language}`) ?? null;
      const hash = contentHash(w.content);
      const next = nextVariantState(row && stateOf(row), {
        contentHash: hash,
        ...(w.status ? { status: w.status } : {}),
        ...(w.statusIfChanged ? { statusIfChanged: w.statusIfChanged } : {}),
        ...(w.approve ? { approve: w.approve } : {}),
      });
      const by = w.by ?? [context.actorId];
      const updatedBy = by.filter((a) => a !== null).at(-1) ?? context.actorId;
      changes.push({
        segmentId: w.segmentId,
        language: w.language,
        by,
        textChanged: next.textChanged,
        changed: next.changed,
        before: row && { content: row.content, status: row.status, revision: row.revision },
        after: { content: w.content, status: next.status, revision: next.revision },
      });
      if (!next.changed) continue;
      rows.push({
        segmentId: w.segmentId,
        language: w.language,
        content: JSON.stringify(w.content),
        plain: plainText(w.content),
        hash,
        status: next.status,
        revision: next.revision,
        updatedBy: next.textChanged ? updatedBy : (row?.updated_by ?? updatedBy),
        updatedAt: next.textChanged || !row ? null : row.updated_at,
        approvedHash: next.approval?.hash ?? null,
        approvedBy: next.approval?.by ?? null,
        approvedAt: next.approval?.at ?? null,
      });
    }
    await this.store(tx, rows);
    const event: VariantsChanged = { ...context, changes };
    for (const listener of this.listeners) await listener(tx, event);
    return changes;
  }

  private async lock(tx: EntityManager, writes: readonly VariantWrite[]): Promise<Map<string, StoredRow>> {
    const found = (await tx.query(
      `SELECT v.segment_id, v.language, v.content, v.content_hash, v.status, v.revision, v.updated_by, v.updated_at,
              v.approved_hash, v.approved_by, v.approved_at
         FROM variants v JOIN unnest($1::uuid[], $2::text[]) AS t(seg, lang) ON v.segment_id = t.seg AND v.language = t.lang
        ORDER BY v.segment_id, v.language FOR UPDATE OF v`,
      [writes.map((w) => w.segmentId), writes.map((w) => w.language)],
    )) as StoredRow[];
    return new Map(found.map((r) => [`${r.segment_id}\u0000${r.language}`, r]));
  }

  private async store(tx: EntityManager, rows: Row[]): Promise<void> {
    if (!rows.length) return;
    await tx.query(
      `INSERT INTO variants (segment_id, language, content, plain_text, content_hash, status, revision, updated_by, updated_at,
                             approved_hash, approved_by, approved_at)
       SELECT seg, lang, content, plain, hash, status, rev, by, COALESCE(at, now()), ahash, aby, aat
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::text[], $5::text[], $6::text[], $7::int[], $8::uuid[],
                     $9::timestamptz[], $10::text[], $11::uuid[], $12::timestamptz[])
           AS t(seg, lang, content, plain, hash, status, rev, by, at, ahash, aby, aat)
       ON CONFLICT ON CONSTRAINT pk_variants DO UPDATE
          SET content = EXCLUDED.content, plain_text = EXCLUDED.plain_text, content_hash = EXCLUDED.content_hash,
              status = EXCLUDED.status, revision = EXCLUDED.revision, updated_by = EXCLUDED.updated_by,
              updated_at = EXCLUDED.updated_at, approved_hash = EXCLUDED.approved_hash,
              approved_by = EXCLUDED.approved_by, approved_at = EXCLUDED.approved_at`,
      [
        rows.map((r) => r.segmentId),
        rows.map((r) => r.language),
        rows.map((r) => r.content),
        rows.map((r) => r.plain),
        rows.map((r) => r.hash),
        rows.map((r) => r.status),
        rows.map((r) => r.revision),
        rows.map((r) => r.updatedBy),
        rows.map((r) => r.updatedAt),
        rows.map((r) => r.approvedHash),
        rows.map((r) => r.approvedBy),
        rows.map((r) => r.approvedAt),
      ],
    );
  }
}

interface Row {
  segmentId: string;
  language: string;
  content: string;
  plain: string;
  hash: string;
  status: VariantStatus;
  revision: number;
  updatedBy: string | null;
  updatedAt: Date | null;
  approvedHash: string | null;
  approvedBy: string | null;
  approvedAt: Date | null;
}

const stateOf = (row: StoredRow) => ({
  contentHash: row.content_hash,
  status: row.status,
  revision: row.revision,
  approval: row.approved_hash === null ? null : { hash: row.approved_hash, by: row.approved_by, at: row.approved_at ?? new Date(0) },
});
