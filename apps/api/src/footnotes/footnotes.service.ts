import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { InlineContent } from '#libs/content';
import type { FootnoteView } from '#libs/contracts';
import {
  insertSegment,
  readChapterDoc,
  readVariant,
  removeFootnote,
  setVariantContent,
  upsertFootnote,
} from '#libs/collab-schema';
import { CollaborationService } from '../collaboration/collaboration.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { DocumentsService } from '../documents/documents.service.js';
import { HistoryService } from '../history/history.service.js';
import { contentMapFromRequest } from '../segments/content-input.js';
import { assertCanLabelLanguages } from '../segments/language-access.js';
import { Segment } from '../segments/segment.entity.js';
import { toSegmentView, variantsBySegment } from '../segments/segment-views.js';
import { Variant } from '../segments/variant.entity.js';
import { VariantWriter } from '../variants/variant-writer.js';
import type { CreateFootnoteDto, UpdateFootnoteDto } from './dto/footnote.dto.js';
import { Footnote } from './footnote.entity.js';

@Injectable()
export class FootnotesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: DocumentsService,
    private readonly history: HistoryService,
    private readonly collab: CollaborationService,
    private readonly variants: VariantWriter,
  ) {}

  /** Every footnote of a document with its body and how often each language references it. */
  async list(access: ProjectAccess, documentId: string): Promise<FootnoteView[]> {
    await this.documents.find(this.db.manager, access, documentId);
    const footnotes = await this.db.getRepository(Footnote).find({ where: { documentId }, order: { position: 'ASC' } });
    return this.views(this.db.manager, documentId, footnotes);
  }

  async get(access: ProjectAccess, documentId: string, footnoteId: string): Promise<FootnoteView> {
    await this.documents.find(this.db.manager, access, documentId);
    const footnote = await this.find(this.db.manager, documentId, footnoteId);
    return (await this.views(this.db.manager, documentId, [footnote]))[0]!;
  }

  /** A new footnote with one body segment; references are added by editing the text that cites it. */
  async create(access: ProjectAccess, actor: AuthUser, documentId: string, dto: CreateFootnoteDto): Promise<FootnoteView> {
    assertCanLabelLanguages(access, dto.labels);
    const body = contentMapFromRequest(access, dto.body ?? {});
    return this.collab.editInTransaction(access, documentId, actor.id, async (live, tx) => {
      await this.documents.find(tx, access, documentId, true);
      const position = await tx.countBy(Footnote, { documentId });
      const footnote = await tx.save(tx.create(Footnote, { documentId, position, labels: dto.labels ?? {} }));
      const segment = await tx.save(
        tx.create(Segment, { documentId, footnoteId: footnote.id, position: 0, kind: 'noteBody', level: null, language: null, pages: [] }),
      );
      await this.variants.write(
        tx,
        { projectId: access.project.id, documentId, actorId: actor.id, source: 'structure' },
        Object.entries(body).map(([language, content]) => ({ segmentId: segment.id, language, content, status: 'draft' as const })),
      );
      live.change((doc, origin) => {
        upsertFootnote(doc, { id: footnote.id, labels: footnote.labels }, { origin });
        insertSegment(doc, { id: segment.id, kind: 'noteBody', footnoteId: footnote.id, variants: body }, 0, {
          languages: access.project.languages,
          origin,
        });
      });
      await live.persist(tx);
      await this.history.record(tx, {
        projectId: access.project.id,
        documentId,
        actorId: actor.id,
        source: 'structure',
        action: 'footnote.create',
        after: { footnoteId: footnote.id, labels: footnote.labels, body },
      });
      return (await this.views(tx, documentId, [footnote]))[0]!;
    });
  }

  async update(access: ProjectAccess, actor: AuthUser, documentId: string, footnoteId: string, dto: UpdateFootnoteDto): Promise<FootnoteView> {
    assertCanLabelLanguages(access, dto.labels);
    return this.collab.editInTransaction(access, documentId, actor.id, async (live, tx) => {
      await this.documents.find(tx, access, documentId, true);
      const footnote = await this.find(tx, documentId, footnoteId);
      const before = { labels: footnote.labels };
      footnote.labels = { ...footnote.labels, ...(dto.labels ?? {}) };
      await tx.save(footnote);
      live.change((doc, origin) => upsertFootnote(doc, { id: footnoteId, labels: footnote.labels }, { origin }));
      await live.persist(tx);
      await this.history.record(tx, {
        projectId: access.project.id,
        documentId,
        actorId: actor.id,
        source: 'structure',
        action: 'footnote.update',
        before,
        after: { footnoteId, labels: footnote.labels },
      });
      return (await this.views(tx, documentId, [footnote]))[0]!;
    });
  }

  /** Deletes a footnote with its body, and takes its references out of every text of the document. */
  async remove(access: ProjectAccess, actor: AuthUser, documentId: string, footnoteId: string): Promise<void> {
    await this.collab.editInTransaction(access, documentId, actor.id, async (live, tx) => {
      await this.documents.find(tx, access, documentId, true);
      const footnote = await this.find(tx, documentId, footnoteId);
      const citing = (await tx.query(
        `SELECT v.segment_id, v.language, v.content FROM variants v JOIN segments s ON s.id = v.segment_id
          WHERE s.document_id = $1 AND v.content @> $2::jsonb`,
        [documentId, JSON.stringify([{ type: 'footnoteRef', footnoteId }])],
      )) as { segment_id: string; language: string; content: InlineContent }[];
      const withoutRef = (content: InlineContent): InlineContent =>
        content.filter((n) => !(n.type === 'footnoteRef' && n.footnoteId === footnoteId));
      // References typed live but not materialised yet are taken out of the live texts too.
      const snapshot = readChapterDoc(live.doc);
      live.change((doc, origin) => {
        for (const segment of snapshot.segments) {
          for (const [language, content] of Object.entries(segment.variants)) {
            if (content.some((n) => n.type === 'footnoteRef' && n.footnoteId === footnoteId)) {
              setVariantContent(doc, segment.id, language, withoutRef(content), { origin });
            }
          }
        }
        removeFootnote(doc, footnoteId, { origin });
      });
      await live.persist(tx);
      // The texts changed, so their approvals lapse (the writer's rule, as for any other edit).
      await this.variants.write(
        tx,
        { projectId: access.project.id, documentId, actorId: actor.id, source: 'structure' },
        citing.map((row) => ({
          segmentId: row.segment_id,
          language: row.language,
          content: withoutRef(readVariant(live.doc, row.segment_id, row.language) ?? row.content),
        })),
      );
      await tx.delete(Footnote, { id: footnote.id });
      await tx.query(`UPDATE footnotes SET position = position - 1 WHERE document_id = $1 AND position > $2`, [
        documentId,
        footnote.position,
      ]);
      await this.history.record(tx, {
        projectId: access.project.id,
        documentId,
        actorId: actor.id,
        source: 'structure',
        action: 'footnote.delete',
        before: { footnoteId, labels: footnote.labels, citedIn: citing.map((c) => ({ segment_id: c.segment_id, language: c.language })) },
      });
    });
  }

  private async find(manager: EntityManager, documentId: string, footnoteId: string): Promise<Footnote> {
    const footnote = await manager.findOneBy(Footnote, { id: footnoteId, documentId });
    if (!footnote) throw new DomainError('FOOTNOTE_NOT_FOUND', { footnote: footnoteId });
    return footnote;
  }

  private async views(manager: EntityManager, documentId: string, footnotes: Footnote[]): Promise<FootnoteView[]> {
    if (!footnotes.length) return [];
    const ids = footnotes.map((f) => f.id);
    const body = await manager.find(Segment, { where: { footnoteId: In(ids) }, order: { position: 'ASC' } });
    const variants = body.length ? await manager.find(Variant, { where: { segmentId: In(body.map((s) => s.id)) } }) : [];
    const grouped = variantsBySegment(variants);
    const refs = (await manager.query(
      `SELECT e->>'footnoteId' AS id, v.language, count(*)::int AS n
         FROM variants v JOIN segments s ON s.id = v.segment_id, jsonb_array_elements(v.content) e
        WHERE s.document_id = $1 AND e->>'type' = 'footnoteRef'
        GROUP BY 1, 2`,
      [documentId],
    )) as { id: string; language: string; n: number }[];
    return footnotes.map((f) => ({
      id: f.id,
      documentId: f.documentId,
      position: f.position,
      labels: f.labels,
      body: body.filter((s) => s.footnoteId === f.id).map((s) => toSegmentView(s, grouped.get(s.id) ?? [])),
      references: Object.fromEntries(refs.filter((r) => r.id === f.id).map((r) => [r.language, r.n])),
    }));
  }
}
