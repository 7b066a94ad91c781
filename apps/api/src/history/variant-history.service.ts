import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type InlineContent, plainText } from '#libs/content';
import type { HistorySourceView, MemberHistoryItem, PersonRef, VariantHistory, VariantHistoryItem, VariantStatus } from '#libs/contracts';
import { peopleById } from '../comments/people.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { ProjectAccess } from '../common/guards/request-context.js';
import { DocumentsService } from '../documents/documents.service.js';
import { contentHash } from '../variants/content-hash.js';
import { wordDiff } from './word-diff.js';

interface EntryRow {
  id: string;
  created_at: Date;
  actor_id: string | null;
  source: HistorySourceView;
  action: string;
  before: { content?: InlineContent; status?: VariantStatus; revision?: number } | null;
  after: { content?: InlineContent; status?: VariantStatus; revision?: number; contentHash?: string; textChanged?: boolean } | null;
}

const text = (content: InlineContent | undefined): string | null => (content ? plainText(content) : null);

/**
 * Reads the history of one variant, newest first, with a word diff per change, the point where an
 * approval lapsed, and what changed since the last approval. Reads by (segment, language, id), so a
 * variant's history costs the same however long the edition's history is.
 */
@Injectable()
export class VariantHistoryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: DocumentsService,
  ) {}

  async variant(access: ProjectAccess, documentId: string, segmentId: string, language: string, limit = 100): Promise<VariantHistory> {
    await this.documents.find(this.db.manager, access, documentId);
    const [segment] = (await this.db.query(`SELECT 1 FROM segments WHERE id = $1 AND document_id = $2`, [segmentId, documentId])) as unknown[];
    if (!segment) throw new DomainError('SEGMENT_NOT_FOUND', { segment: segmentId });
    const [rows, [{ total }], [current], [approval]] = await Promise.all([
      this.db.query(
        `SELECT id, created_at, actor_id, source, action, before, after FROM history_entries
          WHERE segment_id = $1 AND language = $2 ORDER BY id DESC LIMIT $3`,
        [segmentId, language, limit + 1],
      ) as Promise<EntryRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM history_entries WHERE segment_id = $1 AND language = $2`, [segmentId, language]) as Promise<
        { total: number }[]
      >,
      this.db.query(`SELECT content, content_hash, status FROM variants WHERE segment_id = $1 AND language = $2`, [segmentId, language]) as Promise<
        { content: InlineContent; content_hash: string; status: VariantStatus }[]
      >,
      this.db.query(
        `SELECT id, created_at, actor_id, after FROM history_entries
          WHERE segment_id = $1 AND language = $2 AND action = 'review.approve' ORDER BY id DESC LIMIT 1`,
        [segmentId, language],
      ) as Promise<{ id: string; created_at: Date; actor_id: string | null; after: { contentHash: string; content: InlineContent; revision?: number } }[]>,
    ]);
    const page = rows.slice(0, limit);
    const people = await peopleById(this.db.manager, [...page.map((r) => r.actor_id), approval?.actor_id ?? null]);
    const person = (id: string | null): PersonRef | null => (id ? (people.get(id) ?? { id, name: '' }) : null);

    // Walk oldest to newest, carrying the approved hash, to mark the change that let it lapse.
    const chronological = [...rows].reverse();
    let approvedHash: string | null = null;
    const lapsed = new Set<string>();
    for (const r of chronological) {
      if (r.action === 'review.approve') approvedHash = r.after?.contentHash ?? null;
      else if (r.action === 'review.reject') approvedHash = null;
      else if (approvedHash && r.after?.content && contentHash(r.after.content) !== approvedHash) {
        lapsed.add(r.id);
        approvedHash = null;
      }
    }
    const items: VariantHistoryItem[] = page.map((r) => {
      const before = text(r.before?.content);
      const after = text(r.after?.content);
      // An approval keeps the approved content; it changed the text only when it wrote live typing.
      const textChanged = r.after?.content !== undefined && (r.action !== 'review.approve' || r.after.textChanged === true);
      return {
        id: String(r.id),
        at: new Date(r.created_at).toISOString(),
        actor: person(r.actor_id),
        source: r.source,
        action: r.action,
        statusBefore: r.before?.status ?? null,
        statusAfter: r.after?.status ?? (lapsed.has(r.id) ? 'translated' : null),
        revision: r.after?.revision ?? null,
        textBefore: textChanged ? before : null,
        textAfter: textChanged ? after : null,
        diff: textChanged ? wordDiff(before ?? '', after ?? '') : [],
        lapsedApproval: lapsed.has(r.id),
        revertible: r.after?.content !== undefined,
      };
    });
    const sinceApproval =
      approval && current && current.content_hash !== approval.after.contentHash
        ? {
            approvedAt: new Date(approval.created_at).toISOString(),
            approvedBy: person(approval.actor_id),
            revision: approval.after.revision ?? null,
            diff: wordDiff(plainText(approval.after.content ?? []), plainText(current.content)),
          }
        : null;
    return { segmentId, language, items, total, sinceApproval };
  }

  /** Who added, removed or changed which member, newest first. */
  async members(access: ProjectAccess, limit = 200): Promise<MemberHistoryItem[]> {
    const rows = (await this.db.query(
      `SELECT id, created_at, actor_id, action, before, after FROM history_entries
        WHERE project_id = $1 AND action IN ('member.add', 'member.update', 'member.remove') ORDER BY id DESC LIMIT $2`,
      [access.project.id, limit],
    )) as { id: string; created_at: Date; actor_id: string | null; action: MemberHistoryItem['action']; before: MemberState | null; after: MemberState | null }[];
    const people = await peopleById(this.db.manager, rows.flatMap((r) => [r.actor_id, r.before?.userId ?? r.after?.userId ?? null]));
    const person = (id: string | null | undefined): PersonRef | null => (id ? (people.get(id) ?? { id, name: '' }) : null);
    const shape = (m: MemberState | null) => m && { role: m.role, languages: m.languages };
    return rows.map((r) => ({
      id: String(r.id),
      at: new Date(r.created_at).toISOString(),
      actor: person(r.actor_id),
      action: r.action,
      member: person(r.before?.userId ?? r.after?.userId),
      before: shape(r.before),
      after: shape(r.after),
    }));
  }

  /** The text a history entry left behind (to revert to), or why there is none. */
  async entryContent(segmentId: string, language: string, historyId: string): Promise<InlineContent> {
    const [row] = (await this.db.query(`SELECT after FROM history_entries WHERE id = $1 AND segment_id = $2 AND language = $3`, [
      historyId,
      segmentId,
      language,
    ])) as { after: { content?: InlineContent } | null }[];
    if (!row) throw new DomainError('HISTORY_ENTRY_NOT_FOUND');
    if (!row.after?.content) throw new DomainError('REVERT_NOT_POSSIBLE');
    return row.after.content;
  }
}

interface MemberState {
  userId: string;
  role: string;
  languages: string[] | null;
}
