import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { CommentKind, CommentThreadView, CommentView, MentionView, PersonRef } from '#libs/contracts';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { DocumentsService } from '../documents/documents.service.js';
import { ReviewFeed } from '../review/review-feed.js';
import { Comment } from './comment.entity.js';
import type { CreateCommentDto, ReplyDto } from './dto/comment.dto.js';
import { peopleById } from './people.js';

/** `@someone@example.org` in a comment's text names a member by email. */
const EMAIL_MENTION = /(?:^|[\s(])@([^\s@()]+@[^\s@(),;:!?]+[^\s@(),;:!?.])/gu;

export function mentionedEmails(body: string): string[] {
  return [...body.matchAll(EMAIL_MENTION)].map((m) => m[1]!.toLowerCase());
}

export interface NewThread {
  segmentId: string;
  language: string | null;
  body: string;
  kind: CommentKind;
  mentions?: string[];
}

/**
 * Comment threads on segments: start, reply, resolve and reopen, list a chapter's threads and the
 * comments that mention someone. Mentions are members only: ids given explicitly must be members
 * (MENTION_NOT_MEMBER), `@email` in the text counts when it is a member's address.
 */
@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: DocumentsService,
    private readonly feed: ReviewFeed,
  ) {}

  async listThreads(
    access: ProjectAccess,
    documentId: string,
    filter: { state?: 'open' | 'resolved' | 'all'; segmentId?: string },
  ): Promise<CommentThreadView[]> {
    await this.documents.find(this.db.manager, access, documentId);
    const query = this.db
      .getRepository(Comment)
      .createQueryBuilder('c')
      .where('c.document_id = :documentId AND c.parent_id IS NULL', { documentId })
      .orderBy('c.created_at', 'ASC');
    const state = filter.state ?? 'open';
    if (state === 'open') query.andWhere('c.resolved_at IS NULL');
    if (state === 'resolved') query.andWhere('c.resolved_at IS NOT NULL');
    if (filter.segmentId) query.andWhere('c.segment_id = :segmentId', { segmentId: filter.segmentId });
    return this.threadViews(this.db.manager, await query.getMany());
  }

  async getThread(access: ProjectAccess, threadId: string): Promise<CommentThreadView> {
    const thread = await this.findThread(this.db.manager, access, threadId);
    return (await this.threadViews(this.db.manager, [thread]))[0]!;
  }

  async create(access: ProjectAccess, actor: AuthUser, documentId: string, dto: CreateCommentDto): Promise<CommentThreadView> {
    const view = await this.db.transaction(async (tx) => {
      await this.documents.find(tx, access, documentId);
      const id = await this.startThread(tx, access, actor.id, documentId, {
        segmentId: dto.segmentId,
        language: dto.language ?? null,
        body: dto.body,
        kind: 'comment',
        mentions: dto.mentions,
      });
      return (await this.threadViews(tx, [await tx.findOneByOrFail(Comment, { id })]))[0]!;
    });
    this.feed.announce({ kind: 'comments', projectId: access.project.id, documentId, segmentId: view.segmentId, threadId: view.id });
    return view;
  }

  /**
   * Starts a thread inside the caller's transaction (the review writes a rejection's reason this way,
   * with the status change). Returns its id.
   */
  async startThread(tx: EntityManager, access: ProjectAccess, authorId: string, documentId: string, thread: NewThread): Promise<string> {
    if (thread.language !== null && !access.project.languages.includes(thread.language)) {
      throw new DomainError('LANGUAGE_NOT_IN_PROJECT', { language: thread.language });
    }
    const [segment] = (await tx.query(`SELECT 1 FROM segments WHERE id = $1 AND document_id = $2`, [thread.segmentId, documentId])) as unknown[];
    if (!segment) throw new DomainError('SEGMENT_NOT_FOUND', { segment: thread.segmentId });
    const mentions = await this.resolveMentions(tx, access, thread.body, thread.mentions ?? []);
    const result = await tx.insert(Comment, {
      projectId: access.project.id,
      documentId,
      segmentId: thread.segmentId,
      language: thread.language,
      parentId: null,
      kind: thread.kind,
      authorId,
      body: thread.body,
      mentions,
    });
    return (result.identifiers[0] as { id: string }).id;
  }

  async reply(access: ProjectAccess, actor: AuthUser, threadId: string, dto: ReplyDto): Promise<CommentThreadView> {
    const view = await this.db.transaction(async (tx) => {
      const thread = await this.findThread(tx, access, threadId, true);
      const mentions = await this.resolveMentions(tx, access, dto.body, dto.mentions ?? []);
      await tx.insert(Comment, {
        projectId: thread.projectId,
        documentId: thread.documentId,
        segmentId: thread.segmentId,
        language: thread.language,
        parentId: thread.id,
        kind: 'comment',
        authorId: actor.id,
        body: dto.body,
        mentions,
      });
      return (await this.threadViews(tx, [thread]))[0]!;
    });
    this.feed.announce({ kind: 'comments', projectId: view.projectId, documentId: view.documentId, segmentId: view.segmentId, threadId: view.id });
    return view;
  }

  /** Resolves or reopens a thread; doing what is already done answers the thread unchanged. */
  async setResolved(access: ProjectAccess, actor: AuthUser, threadId: string, resolved: boolean): Promise<CommentThreadView> {
    const view = await this.db.transaction(async (tx) => {
      const thread = await this.findThread(tx, access, threadId, true);
      if (resolved !== (thread.resolvedAt !== null)) {
        await tx.update(Comment, { id: thread.id }, resolved ? { resolvedAt: new Date(), resolvedBy: actor.id } : { resolvedAt: null, resolvedBy: null });
      }
      return (await this.threadViews(tx, [await tx.findOneByOrFail(Comment, { id: thread.id })]))[0]!;
    });
    this.feed.announce({ kind: 'comments', projectId: view.projectId, documentId: view.documentId, segmentId: view.segmentId, threadId: view.id });
    return view;
  }

  /** Comments of the edition that mention the caller, newest first. */
  async mentionsOf(access: ProjectAccess, user: AuthUser, limit = 100): Promise<MentionView[]> {
    const rows = await this.db
      .getRepository(Comment)
      .createQueryBuilder('c')
      .where('c.project_id = :projectId AND :userId = ANY(c.mentions)', { projectId: access.project.id, userId: user.id })
      .orderBy('c.created_at', 'DESC')
      .limit(limit)
      .getMany();
    const threadIds = [...new Set(rows.map((c) => c.parentId ?? c.id))];
    const threads = threadIds.length ? await this.db.getRepository(Comment).findBy({ id: In(threadIds) }) : [];
    const views = new Map((await this.threadViews(this.db.manager, threads)).map((t) => [t.id, t]));
    return rows.map((c) => {
      const thread = views.get(c.parentId ?? c.id)!;
      const comment = c.parentId ? thread.replies.find((r) => r.id === c.id)! : thread;
      return { thread, comment: { id: comment.id, author: comment.author, body: comment.body, mentions: comment.mentions, createdAt: comment.createdAt } };
    });
  }

  /** Open threads per segment of a chapter (for the editor's filter and markers). */
  async openCountsBySegment(manager: EntityManager, documentId: string): Promise<Map<string, number>> {
    const rows = (await manager.query(
      `SELECT segment_id, count(*)::int AS n FROM comments WHERE document_id = $1 AND parent_id IS NULL AND resolved_at IS NULL GROUP BY segment_id`,
      [documentId],
    )) as { segment_id: string; n: number }[];
    return new Map(rows.map((r) => [r.segment_id, r.n]));
  }

  private async findThread(manager: EntityManager, access: ProjectAccess, id: string, lock = false): Promise<Comment> {
    const query = manager.getRepository(Comment).createQueryBuilder('c').where('c.id = :id AND c.project_id = :projectId', {
      id,
      projectId: access.project.id,
    });
    if (lock) query.setLock('pessimistic_write');
    const found = await query.getOne();
    if (!found) throw new DomainError('COMMENT_NOT_FOUND', { comment: id });
    // A reply names its thread.
    if (found.parentId) return this.findThread(manager, access, found.parentId, lock);
    return found;
  }

  private async resolveMentions(manager: EntityManager, access: ProjectAccess, body: string, explicit: string[]): Promise<string[]> {
    const emails = mentionedEmails(body);
    if (!explicit.length && !emails.length) return [];
    const members = (await manager.query(
      `SELECT u.id, lower(u.email) AS email FROM project_members m JOIN users u ON u.id = m.user_id WHERE m.project_id = $1`,
      [access.project.id],
    )) as { id: string; email: string }[];
    const ids = new Set(members.map((m) => m.id));
    const notMember = explicit.find((id) => !ids.has(id));
    if (notMember) throw new DomainError('MENTION_NOT_MEMBER', { user: notMember });
    const byEmail = new Map(members.map((m) => [m.email, m.id]));
    const found = emails.map((e) => byEmail.get(e)).filter((id): id is string => Boolean(id));
    return [...new Set([...explicit, ...found])];
  }

  private async threadViews(manager: EntityManager, threads: Comment[]): Promise<CommentThreadView[]> {
    if (!threads.length) return [];
    const replies = await manager.getRepository(Comment).find({
      where: { parentId: In(threads.map((t) => t.id)) },
      order: { createdAt: 'ASC' },
    });
    const all = [...threads, ...replies];
    const people = await peopleById(manager, all.flatMap((c) => [c.authorId, c.resolvedBy, ...c.mentions]));
    const person = (id: string | null): PersonRef | null => (id ? (people.get(id) ?? { id, name: '' }) : null);
    const view = (c: Comment): CommentView => ({
      id: c.id,
      author: person(c.authorId),
      body: c.body,
      mentions: c.mentions.map((id) => person(id)!),
      createdAt: c.createdAt.toISOString(),
    });
    return threads.map((t) => ({
      ...view(t),
      projectId: t.projectId,
      documentId: t.documentId,
      segmentId: t.segmentId,
      language: t.language,
      kind: t.kind,
      resolvedAt: t.resolvedAt?.toISOString() ?? null,
      resolvedBy: person(t.resolvedBy),
      replies: replies.filter((r) => r.parentId === t.id).map(view),
    }));
  }
}
