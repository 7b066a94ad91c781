import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InlineContent } from '#libs/content';
import type { VariantStatus } from '#libs/contracts';
import { contentHash } from '../variants/content-hash.js';
import { VariantWriter } from '../variants/variant-writer.js';
import type { VariantSource } from '../variants/variants-changed.js';

export interface ReviewWriteContext {
  projectId: string;
  documentId: string;
  actorId: string;
  source: Extract<VariantSource, 'review' | 'revert'>;
}

export interface ReviewWrite {
  segmentId: string;
  language: string;
  /** The text the decision is about (the live one: written into the row when the row lags behind it). */
  content: InlineContent;
  status: VariantStatus;
  /** An approval of exactly `content`, by the context's actor, now. */
  approve?: boolean;
}

/**
 * The review's writes, through the one variant writer (which applies the approval rule and tells
 * history and the review feed). The review records its own history entries (decisions, reverts):
 * the writer's history listener records REST and live writes only.
 */
@Injectable()
export class VariantWrites {
  constructor(private readonly writer: VariantWriter) {}

  async write(tx: EntityManager, context: ReviewWriteContext, writes: readonly ReviewWrite[]): Promise<void> {
    if (!writes.length) return;
    const at = new Date();
    await this.writer.write(
      tx,
      context,
      writes.map((w) => ({
        segmentId: w.segmentId,
        language: w.language,
        content: w.content,
        status: w.status,
        ...(w.approve ? { approve: { hash: contentHash(w.content), by: context.actorId, at } } : {}),
      })),
    );
  }
}
