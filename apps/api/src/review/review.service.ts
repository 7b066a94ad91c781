import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { readVariant, setVariantContent } from '#libs/collab-schema';
import { type InlineContent, plainText } from '#libs/content';
import type { BulkApproveResult, BulkSkipReason, ChapterReviewState, CurrentText, SegmentView, VariantStatus } from '#libs/contracts';
import { CollaborationService, type EditSession } from '../collaboration/collaboration.service.js';
import { CommentsService } from '../comments/comments.service.js';
import { peopleById } from '../comments/people.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { DocumentsService } from '../documents/documents.service.js';
import { HistoryService } from '../history/history.service.js';
import { contentHash } from '../variants/content-hash.js';
import { canEditLanguage } from '../segments/language-access.js';
import { Segment } from '../segments/segment.entity.js';
import { toSegmentView } from '../segments/segment-views.js';
import { Variant } from '../segments/variant.entity.js';
import { VariantHistoryService } from '../history/variant-history.service.js';
import type { ApproveDto, BulkApproveDto, RejectDto, RevertDto, SetStatusDto } from './dto/review.dto.js';
import { ReviewFeed } from './review-feed.js';
import { judgeStatusChange, type ReviewState } from './status-rules.js';
import { type ReviewWriteContext, VariantWrites } from './variant-writes.js';

/** A variant as a decision sees it: the row (locked) and the text people see now (the live one). */
interface Seen {
  row: Variant | null;
  content: InlineContent;
  hash: string;
  /**
   * The revision of the text people see: the row's, or the next one when the live text is ahead of
   * the row (typing not materialised yet: writing it makes that revision).
   */
  revision: number;
  state: ReviewState;
}

/**
 * Statuses and review decisions. Every decision runs exclusively on the chapter's live document
 * (no typing is stored or relayed meanwhile) with the variant's row locked, and compares the text
 * the reviewer read — revision and content hash — with the text as it is now, live typing not yet
 * in the rows included. Anything else is 409 APPROVAL_STALE with the current text.
 */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly collab: CollaborationService,
    private readonly documents: DocumentsService,
    private readonly comments: CommentsService,
    private readonly history: HistoryService,
    private readonly writes: VariantWrites,
    private readonly feed: ReviewFeed,
    private readonly variantHistory: VariantHistoryService,
  ) {}

  /**
   * Restores the text an earlier change left behind. It goes through the live document as a minimal
   * edit, so everyone typing sees it at once and what they type meanwhile merges like any concurrent
   * edit; the text it replaced (live typing included) is kept as the revert's `before`, so nothing is
   * lost silently. An approval of the replaced text lapses.
   */
  async revert(access: ProjectAccess, actor: AuthUser, documentId: string, segmentId: string, language: string, dto: RevertDto): Promise<SegmentView> {
    if (!access.project.languages.includes(language)) throw new DomainError('LANGUAGE_NOT_IN_PROJECT', { language });
    if (!canEditLanguage(access, language)) throw new DomainError('LANGUAGE_NOT_ALLOWED', { language });
    const target = await this.variantHistory.entryContent(segmentId, language, dto.historyId);
    const targetHash = contentHash(target);
    return this.decide(access, documentId, segmentId, language, actor, async (tx, seen, live) => {
      if (seen.hash === targetHash && seen.row?.contentHash === targetHash) return;
      if (readVariant(live.doc, segmentId, language) !== null) {
        live.change((doc, origin) => setVariantContent(doc, segmentId, language, target, { origin }));
        await live.persist(tx);
      }
      const status: VariantStatus = !seen.row ? 'draft' : seen.row.status === 'approved' ? 'translated' : seen.row.status;
      await this.writes.write(tx, this.context(access, documentId, actor, 'revert'), [{ segmentId, language, content: target, status }]);
      await this.history.record(tx, {
        projectId: access.project.id,
        documentId,
        segmentId,
        language,
        actorId: actor.id,
        source: 'revert',
        action: 'variant.revert',
        before: { content: seen.content, status: seen.row?.status ?? 'draft', revision: seen.row?.revision ?? 0 },
        after: { content: target, status, revision: (seen.row?.revision ?? 0) + 1, revertedTo: dto.historyId },
      });
    });
  }

  /** The translator (or an owner) says where a text stands: draft or translated. */
  async setStatus(access: ProjectAccess, actor: AuthUser, documentId: string, segmentId: string, language: string, dto: SetStatusDto): Promise<SegmentView> {
    this.assertTarget(access, language);
    if (!canEditLanguage(access, language)) throw new DomainError('LANGUAGE_NOT_ALLOWED', { language });
    return this.decide(access, documentId, segmentId, language, actor, async (tx, seen) => {
      this.judge(access, seen, dto.status);
      if (seen.row?.status === dto.status && seen.row.contentHash === seen.hash) return;
      await this.writes.write(tx, this.context(access, documentId, actor), [{ segmentId, language, content: seen.content, status: dto.status }]);
      await this.record(tx, access, documentId, segmentId, language, actor.id, 'status.change', seen, { status: dto.status });
    });
  }

  async approve(access: ProjectAccess, actor: AuthUser, documentId: string, segmentId: string, language: string, dto: ApproveDto): Promise<SegmentView> {
    this.assertReviewLanguage(access, language);
    return this.decide(access, documentId, segmentId, language, actor, async (tx, seen) => {
      assertSameText(seen, dto.revision, dto.contentHash);
      const verdict = this.judge(access, seen, 'approved');
      if (verdict.unchanged && seen.row?.approvedHash === seen.hash) return;
      await this.writes.write(tx, this.context(access, documentId, actor), [{ segmentId, language, content: seen.content, status: 'approved', approve: true }]);
      await this.record(tx, access, documentId, segmentId, language, actor.id, 'review.approve', seen, {
        status: 'approved',
        contentHash: seen.hash,
        content: seen.content,
      });
    });
  }

  async reject(access: ProjectAccess, actor: AuthUser, documentId: string, segmentId: string, language: string, dto: RejectDto): Promise<SegmentView> {
    this.assertReviewLanguage(access, language);
    if (!dto.reason.trim()) throw new DomainError('REJECTION_REASON_REQUIRED');
    let threadId = '';
    const view = await this.decide(access, documentId, segmentId, language, actor, async (tx, seen) => {
      if (dto.revision !== undefined || dto.contentHash !== undefined) assertSameText(seen, dto.revision, dto.contentHash);
      this.judge(access, seen, 'rejected');
      await this.writes.write(tx, this.context(access, documentId, actor), [{ segmentId, language, content: seen.content, status: 'rejected' }]);
      threadId = await this.comments.startThread(tx, access, actor.id, documentId, { segmentId, language, body: dto.reason.trim(), kind: 'rejection' });
      await this.record(tx, access, documentId, segmentId, language, actor.id, 'review.reject', seen, {
        status: 'rejected',
        contentHash: seen.hash,
        reason: dto.reason.trim(),
        threadId,
      });
    });
    this.feed.announce({ projectId: access.project.id, kind: 'comments', documentId, segmentId, threadId });
    return view;
  }

  /**
   * Approves the translated segments of a chapter in one language in one transaction: every one, or
   * those the reviewer names with the revision and hash they saw. What is not approved is reported
   * with the reason; the same bound-to-text rule holds for each segment.
   */
  async approveAll(access: ProjectAccess, actor: AuthUser, documentId: string, dto: BulkApproveDto): Promise<BulkApproveResult> {
    this.assertReviewLanguage(access, dto.language);
    const language = dto.language;
    const result = await this.collab.edit(access.project.languages, documentId, actor.id, (live) =>
      this.db.transaction(async (tx) => {
        await this.documents.find(tx, access, documentId);
        const segments = (await tx.query(
          `SELECT s.id FROM segments s WHERE s.document_id = $1 ORDER BY s.footnote_id NULLS FIRST, s.position`,
          [documentId],
        )) as { id: string }[];
        const rows = await tx
          .createQueryBuilder(Variant, 'v')
          .setLock('pessimistic_write')
          .innerJoin('segments', 's', 's.id = v.segment_id')
          .where('s.document_id = :documentId AND v.language = :language', { documentId, language })
          .getMany();
        const byId = new Map(rows.map((r) => [r.segmentId, r]));
        const seenList = dto.segments ? new Map(dto.segments.map((s) => [s.segmentId, s])) : null;
        const known = new Set(segments.map((s) => s.id));
        const out: BulkApproveResult = { language, approved: [], skipped: [] };
        const approve: { row: Variant; content: InlineContent; hash: string }[] = [];
        for (const segmentId of seenList ? [...seenList.keys()] : segments.map((s) => s.id)) {
          if (!known.has(segmentId)) {
            out.skipped.push({ segmentId, reason: 'not-found', status: 'untranslated' });
            continue;
          }
          const seen = this.seen(live, byId.get(segmentId) ?? null, segmentId, language);
          const skip = (reason: BulkSkipReason) => out.skipped.push({ segmentId, reason, status: seen.state });
          const given = seenList?.get(segmentId);
          if (!seen.row || seen.state === 'untranslated') skip('no-text');
          else if (seen.row.status === 'approved' && seen.row.approvedHash === seen.hash) skip('already-approved');
          else if (seen.row.status !== 'translated') skip('not-translated');
          // Typing not in the rows yet, or not what the reviewer saw: not read, not approved.
          else if (seen.hash !== seen.row.contentHash || (given && (given.contentHash !== seen.hash || given.revision !== seen.row.revision))) skip('changed');
          else approve.push({ row: seen.row, content: seen.content, hash: seen.hash });
        }
        await this.writes.write(
          tx,
          this.context(access, documentId, actor),
          approve.map((a) => ({ segmentId: a.row.segmentId, language, content: a.content, status: 'approved' as const, approve: true })),
        );
        await this.history.record(
          tx,
          ...approve.map((a) => ({
            projectId: access.project.id,
            documentId,
            segmentId: a.row.segmentId,
            language,
            actorId: actor.id,
            source: 'review' as const,
            action: 'review.approve',
            before: { status: a.row.status, revision: a.row.revision },
            after: { status: 'approved', revision: a.row.revision, contentHash: a.hash, content: a.content, bulk: true },
          })),
        );
        out.approved = approve.map((a) => a.row.segmentId);
        return out;
      }),
    );
    return result;
  }

  /** What the editor's filters need: open threads, texts changed since their approval, rejection reasons. */
  async chapterState(access: ProjectAccess, documentId: string): Promise<ChapterReviewState> {
    await this.documents.find(this.db.manager, access, documentId);
    const openThreads = Object.fromEntries(await this.comments.openCountsBySegment(this.db.manager, documentId));
    const decisions = (await this.db.query(
      `SELECT DISTINCT ON (h.segment_id, h.language) h.segment_id, h.language, h.action, h.actor_id,
              h.after->>'contentHash' AS hash, h.after->>'reason' AS reason, h.after->>'threadId' AS thread_id,
              v.content_hash AS current_hash, v.status
         FROM history_entries h
         JOIN segments s ON s.id = h.segment_id AND s.document_id = $1
         JOIN variants v ON v.segment_id = h.segment_id AND v.language = h.language
        WHERE h.action IN ('review.approve', 'review.reject')
        ORDER BY h.segment_id, h.language, h.id DESC`,
      [documentId],
    )) as { segment_id: string; language: string; action: string; actor_id: string | null; hash: string; reason: string | null; thread_id: string | null; current_hash: string; status: VariantStatus }[];
    const people = await peopleById(this.db.manager, decisions.map((d) => d.actor_id));
    const changedSinceApproval: Record<string, string[]> = {};
    const rejections: ChapterReviewState['rejections'] = {};
    for (const d of decisions) {
      if (d.action === 'review.approve' && d.status !== 'approved' && d.hash !== d.current_hash) {
        (changedSinceApproval[d.segment_id] ??= []).push(d.language);
      }
      if (d.action === 'review.reject' && d.status === 'rejected') {
        (rejections[d.segment_id] ??= {})[d.language] = {
          reason: d.reason ?? '',
          by: d.actor_id ? (people.get(d.actor_id) ?? null) : null,
          threadId: d.thread_id,
        };
      }
    }
    return { openThreads, changedSinceApproval, rejections };
  }

  /** Runs a decision on one variant exclusively on the live document; announces it after commit. */
  private async decide(
    access: ProjectAccess,
    documentId: string,
    segmentId: string,
    language: string,
    actor: AuthUser,
    work: (tx: EntityManager, seen: Seen, live: EditSession) => Promise<void>,
  ): Promise<SegmentView> {
    const view = await this.collab.edit(access.project.languages, documentId, actor.id, (live) =>
      this.db.transaction(async (tx) => {
        await this.documents.find(tx, access, documentId);
        const [exists] = (await tx.query(`SELECT 1 FROM segments WHERE id = $1 AND document_id = $2`, [segmentId, documentId])) as unknown[];
        if (!exists) throw new DomainError('SEGMENT_NOT_FOUND', { segment: segmentId });
        const row = await tx
          .createQueryBuilder(Variant, 'v')
          .setLock('pessimistic_write')
          .where('v.segment_id = :segmentId AND v.language = :language', { segmentId, language })
          .getOne();
        await work(tx, this.seen(live, row, segmentId, language), live);
        return toSegmentView(await tx.findOneByOrFail(Segment, { id: segmentId }), await tx.findBy(Variant, { segmentId }));
      }),
    );
    return view;
  }

  private context(access: ProjectAccess, documentId: string, actor: AuthUser, source: 'review' | 'revert' = 'review'): ReviewWriteContext {
    return { projectId: access.project.id, documentId, actorId: actor.id, source };
  }

  private seen(live: EditSession, row: Variant | null, segmentId: string, language: string): Seen {
    const content = readVariant(live.doc, segmentId, language) ?? row?.content ?? [];
    const hash = contentHash(content);
    const empty = plainText(content).trim() === '' && content.length === 0;
    const state: ReviewState = !row && empty ? 'untranslated' : row ? row.status : 'draft';
    const revision = row ? (row.contentHash === hash ? row.revision : row.revision + 1) : empty ? 0 : 1;
    return { row, content, hash, revision, state: state === 'draft' && empty ? 'untranslated' : state };
  }

  private judge(access: ProjectAccess, seen: Seen, to: VariantStatus) {
    const verdict = judgeStatusChange(access.role, seen.state, to, seen.state !== 'untranslated');
    if (!verdict.ok) {
      if (verdict.code === 'STATUS_NOT_ALLOWED') throw new DomainError('STATUS_NOT_ALLOWED', { role: access.role, status: to });
      throw new DomainError('STATUS_CHANGE_INVALID', { from: seen.state, to });
    }
    return verdict;
  }

  private async record(
    tx: EntityManager,
    access: ProjectAccess,
    documentId: string,
    segmentId: string,
    language: string,
    actorId: string,
    action: string,
    seen: Seen,
    after: Record<string, unknown>,
  ): Promise<void> {
    const textChanged = seen.row ? seen.row.contentHash !== seen.hash : seen.content.length > 0;
    await this.history.record(tx, {
      projectId: access.project.id,
      documentId,
      segmentId,
      language,
      actorId,
      source: 'review',
      action,
      // A decision on a live text ahead of its row writes that text too: then the entry carries it,
      // or the typing would be in no history entry (the materialiser finds the row already written).
      before: { status: seen.state, revision: seen.row?.revision ?? 0, ...(textChanged && seen.row ? { content: seen.row.content } : {}) },
      after: { ...after, revision: seen.revision, ...(textChanged ? { content: seen.content, textChanged: true } : {}) },
    });
  }

  private assertTarget(access: ProjectAccess, language: string): void {
    if (!access.project.targetLanguages.includes(language)) {
      if (access.project.languages.includes(language)) throw new DomainError('STATUS_CHANGE_INVALID', { from: 'source', to: 'review' });
      throw new DomainError('LANGUAGE_NOT_IN_PROJECT', { language });
    }
  }

  /** Reviewers limited to some languages decide only in those. */
  private assertReviewLanguage(access: ProjectAccess, language: string): void {
    this.assertTarget(access, language);
    if (access.languages !== null && !access.languages.includes(language)) throw new DomainError('LANGUAGE_NOT_ALLOWED', { language });
  }
}

/** The reviewer read a revision and hash; the text now must be exactly that, or they did not read it. */
function assertSameText(seen: Seen, revision: number | undefined, hash: string | undefined): void {
  const current = seen.revision;
  if (seen.hash === hash && current === revision) return;
  const details: CurrentText = {
    revision: current,
    contentHash: seen.hash,
    content: seen.content,
    plainText: plainText(seen.content),
    status: seen.row?.status ?? 'draft',
  };
  throw new DomainError('APPROVAL_STALE', { current, given: revision ?? '?' }, undefined, details);
}
