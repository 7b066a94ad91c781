import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { VariantWriter } from '../variants/variant-writer.js';
import { ReviewFeed, type ReviewNotice } from './review-feed.js';

/**
 * Tells the review feed about every variant write — REST, live typing, review, revert, import — once
 * its transaction has committed (a notice before the commit would send readers to fetch what is not
 * there yet; a rolled-back write is never announced).
 */
@Injectable()
export class VariantsFeed implements OnModuleInit, EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, ReviewNotice[]>();

  constructor(
    private readonly writer: VariantWriter,
    private readonly feed: ReviewFeed,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.db.subscribers.push(this);
    this.writer.onChanged(async (tx, event) => {
      const runner = tx.queryRunner;
      if (!event.documentId || !runner) return;
      const byLanguage = new Map<string, string[]>();
      for (const c of event.changes) if (c.changed) (byLanguage.get(c.language) ?? byLanguage.set(c.language, []).get(c.language)!).push(c.segmentId);
      const notices = this.pending.get(runner) ?? [];
      for (const [language, segmentIds] of byLanguage) {
        notices.push({ kind: 'variants', projectId: event.projectId, documentId: event.documentId, segmentIds, language });
      }
      if (notices.length) this.pending.set(runner, notices);
    });
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A savepoint's release is a "commit" too; only the outermost one makes the change visible.
    if (event.queryRunner.isTransactionActive) return;
    const notices = this.pending.get(event.queryRunner);
    if (!notices) return;
    this.pending.delete(event.queryRunner);
    for (const notice of notices) this.feed.announce(notice);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }
}
