import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type InlineContent, plainText } from '#libs/content';
import type { VariantStatus } from '#libs/contracts';
import { contentHash } from '../segments/content-hash.js';
import { newVariant } from '../segments/segments.service.js';
import { Variant } from '../segments/variant.entity.js';

export interface ReviewWrite {
  segmentId: string;
  language: string;
  /** The locked row, or null when the variant has no row yet. */
  row: Variant | null;
  /** The text the decision is about (the live one; written into the row when the row lags). */
  content: InlineContent;
  status: VariantStatus;
  actorId: string;
  /** An approval of exactly `content`. */
  approve?: boolean;
}

/**
 * The review's writes of variant rows: status and approval, with the live text when the row lags
 * behind it. An approval holds only for the hash of the text written with it.
 */
@Injectable()
export class VariantWrites {
  async write(tx: EntityManager, w: ReviewWrite): Promise<void> {
    const hash = contentHash(w.content);
    const approval = w.approve ? { approvedHash: hash, approvedBy: w.actorId, approvedAt: new Date() } : { approvedHash: null, approvedBy: null, approvedAt: null };
    const status: VariantStatus = w.status === 'approved' && !w.approve ? 'translated' : w.status;
    if (!w.row) {
      await tx.insert(Variant, { ...newVariant(w.segmentId, w.language, w.content, 'draft', w.actorId), status, ...approval });
      return;
    }
    const changed = hash !== w.row.contentHash;
    await tx.update(
      Variant,
      { segmentId: w.segmentId, language: w.language },
      {
        ...(changed
          ? { content: w.content, plainText: plainText(w.content), contentHash: hash, revision: w.row.revision + 1, updatedBy: w.actorId, updatedAt: new Date() }
          : {}),
        status,
        ...approval,
      },
    );
  }

  /** Approves rows as they are (their text is what the reviewer saw), in one statement. */
  async approveMany(tx: EntityManager, rows: Variant[], actorId: string): Promise<void> {
    if (!rows.length) return;
    await tx.query(
      `UPDATE variants v SET status = 'approved', approved_hash = v.content_hash, approved_by = $3, approved_at = now()
         FROM unnest($1::uuid[], $2::text[]) AS t(segment_id, language)
        WHERE v.segment_id = t.segment_id AND v.language = t.language`,
      [rows.map((r) => r.segmentId), rows.map((r) => r.language), actorId],
    );
  }
}
