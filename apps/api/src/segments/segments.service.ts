import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import {
  footnoteRefs,
  type InlineContent,
  joinContent,
  plainText,
  splitContent,
} from '#libs/content';
import { isUuid, lapsedStatus, type Page, type SegmentView, weakerStatus } from '#libs/contracts';
import {
  insertSegment,
  mergeContent,
  moveSegment,
  readVariant,
  removeSegment,
  SEGMENTS,
  setSegmentKind,
  setVariantContent,
  upsertFootnote,
} from '#libs/collab-schema';
import { CollaborationService, type EditSession } from '../collaboration/collaboration.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { DocumentsService, shiftForMove } from '../documents/documents.service.js';
import { Footnote } from '../footnotes/footnote.entity.js';
import { HistoryService } from '../history/history.service.js';
import type { InsertSegmentDto, SplitSegmentDto, UpdateSegmentDto, WriteVariantDto } from './dto/segment.dto.js';
import { contentFromRequest, contentMapFromRequest, segmentForDoc } from './content-input.js';
import { assertCanEditLanguage } from './language-access.js';
import { Segment } from './segment.entity.js';
import { toSegmentView, variantsBySegment } from './segment-views.js';
import { Variant } from './variant.entity.js';
import { VariantWriter, type VariantWriteContext } from '../variants/variant-writer.js';
import type { VariantSource } from '../variants/variants-changed.js';

/** Main-flow siblings share a document and have no footnote; note bodies share a footnote. */
const siblingsOf = (s: Pick<Segment, 'documentId' | 'footnoteId'>) =>
  s.footnoteId
    ? { column: 'footnote_id', id: s.footnoteId, extra: '' }
    : { column: 'document_id', id: s.documentId, extra: 'AND footnote_id IS NULL' };

@Injectable()
export class SegmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: DocumentsService,
    private readonly history: HistoryService,
    private readonly collab: CollaborationService,
    private readonly variants: VariantWriter,
  ) {}

  /** A window of the document's main flow, with the variants of the requested languages (all when omitted). */
  async list(
    access: ProjectAccess,
    documentId: string,
    offset: number,
    limit: number,
    languages?: string[],
  ): Promise<Page<SegmentView>> {
    await this.documents.find(this.db.manager, access, documentId);
    const where = { documentId, footnoteId: IsNull() };
    const [segments, total] = await this.db.getRepository(Segment).findAndCount({
      where,
      order: { position: 'ASC' },
      skip: offset,
      take: limit,
    });
    const variants = await this.variantsOf(this.db.manager, segments.map((s) => s.id), languages);
    const grouped = variantsBySegment(variants);
    return { items: segments.map((s) => toSegmentView(s, grouped.get(s.id) ?? [])), total, offset, limit };
  }

  async get(access: ProjectAccess, documentId: string, segmentId: string): Promise<SegmentView> {
    await this.documents.find(this.db.manager, access, documentId);
    return this.view(this.db.manager, await this.findSegment(this.db.manager, documentId, segmentId));
  }

  async insert(access: ProjectAccess, actor: AuthUser, documentId: string, dto: InsertSegmentDto): Promise<SegmentView> {
    const contents = contentMapFromRequest(access, dto.variants ?? {});
    return this.collab.editInTransaction(access, documentId, actor.id, async (live, tx) => {
      const document = await this.documents.find(tx, access, documentId, true);
      await this.assertFootnotesExist(tx, document.id, Object.values(contents));
      const count = await tx.countBy(Segment, { documentId, footnoteId: IsNull() });
      let position = dto.position ?? count;
      if (dto.afterSegmentId) position = (await this.findSegment(tx, documentId, dto.afterSegmentId)).position + 1;
      position = Math.min(position, count);
      await tx.query(
        `UPDATE segments SET position = position + 1 WHERE document_id = $1 AND footnote_id IS NULL AND position >= $2`,
        [documentId, position],
      );
      const segment = await tx.save(
        tx.create(Segment, {
          documentId,
          footnoteId: null,
          position,
          kind: dto.kind,
          level: dto.kind === 'heading' ? (dto.level ?? 2) : null,
          language: dto.language ?? null,
          pages: [],
        }),
      );
      await this.variants.write(
        tx,
        this.writeContext(access, actor, documentId, 'structure'),
        Object.entries(contents).map(([language, content]) => ({ segmentId: segment.id, language, content, status: 'draft' as const })),
      );
      live.change((doc, origin) =>
        insertSegment(
          doc,
          segmentForDoc(segment, contents),
          position,
          { languages: access.project.languages, origin },
        ),
      );
      await live.persist(tx);
      await this.recordStructure(tx, access, actor, documentId, segment.id, 'segment.insert', {
        after: { position, kind: segment.kind, variants: contents },
      });
      return this.view(tx, segment);
    });
  }

  async update(access: ProjectAccess, actor: AuthUser, documentId: string, segmentId: string, dto: UpdateSegmentDto): Promise<SegmentView> {
    return this.collab.editInTransaction(access, documentId, actor.id, async (live, tx) => {
      await this.documents.find(tx, access, documentId, true);
      const segment = await this.findSegment(tx, documentId, segmentId);
      const before = { kind: segment.kind, level: segment.level, language: segment.language, pages: segment.pages };
      if (dto.kind !== undefined) {
        if ((dto.kind === 'noteBody') !== (segment.kind === 'noteBody')) {
          throw new DomainError('MERGE_KIND_MISMATCH', { first: segment.kind, second: dto.kind });
        }
        segment.kind = dto.kind;
      }
      segment.level = segment.kind === 'heading' ? (dto.level ?? segment.level ?? 2) : null;
      if (dto.language !== undefined) segment.language = dto.language;
      if (dto.pages !== undefined) segment.pages = dto.pages;
      await tx.save(segment);
      if (segment.kind !== before.kind || segment.level !== before.level) {
        await this.ensureInDoc(tx, live, access, segment);
        live.change((doc, origin) => setSegmentKind(doc, segmentId, segment.kind, segment.level ?? undefined, { origin }));
        await live.persist(tx);
      }
      await this.recordStructure(tx, access, actor, documentId, segmentId, 'segment.update', {
        before,
        after: { kind: segment.kind, level: segment.level, language: segment.language, pages: segment.pages },
      });
      return this.view(tx, segment);
    });
  }

  async remove(access: ProjectAccess, actor: AuthUser, documentId: string, segmentId: string): Promise<void> {
    await this.collab.editInTransaction(access, documentId, actor.id, async (live, tx) => {
      await this.documents.find(tx, access, documentId, true);
      const segment = await this.findSegment(tx, documentId, segmentId);
      const before = await this.view(tx, segment);
      await tx.delete(Segment, { id: segment.id });
      const s = siblingsOf(segment);
      await tx.query(`UPDATE segments SET position = position - 1 WHERE ${s.column} = $1 ${s.extra} AND position > $2`, [
        s.id,
        segment.position,
      ]);
      live.change((doc, origin) => removeSegment(doc, segmentId, { origin }));
      await live.persist(tx);
      await this.recordStructure(tx, access, actor, documentId, segmentId, 'segment.delete', {
        before,
      });
    });
  }

  async move(access: ProjectAccess, actor: AuthUser, documentId: string, segmentId: string, position: number): Promise<SegmentView> {
    return this.collab.editInTransaction(access, documentId, actor.id, async (live, tx) => {
      await this.documents.find(tx, access, documentId, true);
      const segment = await this.findSegment(tx, documentId, segmentId);
      const s = siblingsOf(segment);
      const [{ n }] = (await tx.query(`SELECT count(*)::int AS n FROM segments WHERE ${s.column} = $1 ${s.extra}`, [s.id])) as [
        { n: number },
      ];
      const to = Math.min(position, n - 1);
      const from = segment.position;
      await shiftForMove(tx, 'segments', s.column, s.id, from, to, s.extra);
      segment.position = to;
      await tx.save(segment);
      await this.ensureInDoc(tx, live, access, segment);
      live.change((doc, origin) => moveSegment(doc, segmentId, to, { origin }));
      await live.persist(tx);
      await this.recordStructure(tx, access, actor, documentId, segmentId, 'segment.move', {
        before: { position: from },
        after: { position: to },
      });
      return this.view(tx, segment);
    });
  }

  /**
   * Splits a segment in two at a character offset per language. The first part keeps the segment's
   * id; the second becomes a new segment right after it. Languages without an offset stay whole in
   * the first part. Approvals of changed texts lapse.
   */
  async split(
    access: ProjectAccess,
    actor: AuthUser,
    documentId: string,
    segmentId: string,
    dto: SplitSegmentDto,
  ): Promise<[SegmentView, SegmentView]> {
    return this.collab.editInTransaction(access, documentId, actor.id, async (live, tx) => {
      await this.documents.find(tx, access, documentId, true);
      const segment = await this.findSegment(tx, documentId, segmentId);
      await this.ensureInDoc(tx, live, access, segment);
      // The live text may be ahead of the row (typing not materialised yet): split what people see.
      const variants = withLiveContent(await this.variantsOf(tx, [segment.id]), live);
      const s = siblingsOf(segment);
      await tx.query(`UPDATE segments SET position = position + 1 WHERE ${s.column} = $1 ${s.extra} AND position > $2`, [
        s.id,
        segment.position,
      ]);
      const second = await tx.save(
        tx.create(Segment, {
          documentId,
          footnoteId: segment.footnoteId,
          position: segment.position + 1,
          kind: segment.kind,
          level: segment.level,
          language: segment.language,
          pages: segment.pages.slice(-1),
        }),
      );
      const rights: Record<string, InlineContent> = {};
      for (const [language, offset] of Object.entries(dto.offsets)) {
        const variant = variants.find((v) => v.language === language);
        if (!variant) throw new DomainError('SPLIT_OFFSET_INVALID', { language, offset, length: 0 });
        const length = plainText(variant.content).length;
        if (!Number.isInteger(offset) || offset < 0 || offset > length) throw new DomainError('SPLIT_OFFSET_INVALID', { language, offset, length });
        const [left, right] = splitContent(variant.content, offset);
        // The first part's approval lapses if its text changed; the second part is new text.
        await this.variants.write(tx, this.writeContext(access, actor, documentId, 'structure'), [
          { segmentId: segment.id, language, content: left },
          { segmentId: second.id, language, content: right, status: lapsedStatus(variant.status) },
        ]);
        rights[language] = right;
        live.change((doc, origin) => setVariantContent(doc, segment.id, language, left, { origin }));
      }
      live.change((doc, origin) =>
        insertSegment(
          doc,
          segmentForDoc(second, rights),
          segment.position + 1,
          { languages: access.project.languages, origin },
        ),
      );
      await live.persist(tx);
      await this.recordStructure(tx, access, actor, documentId, segmentId, 'segment.split', {
        before: { variants: Object.fromEntries(variants.map((v) => [v.language, v.content])) },
        after: { newSegmentId: second.id, offsets: dto.offsets },
      });
      return [await this.view(tx, segment), await this.view(tx, second)] as [SegmentView, SegmentView];
    });
  }

  /** Merges a segment with the one after it (same parent, same kind); the first keeps its id. */
  async mergeWithNext(access: ProjectAccess, actor: AuthUser, documentId: string, segmentId: string): Promise<SegmentView> {
    return this.collab.editInTransaction(access, documentId, actor.id, async (live, tx) => {
      await this.documents.find(tx, access, documentId, true);
      const first = await this.findSegment(tx, documentId, segmentId);
      const s = siblingsOf(first);
      const next = await tx
        .createQueryBuilder(Segment, 'x')
        .where(`x.${s.column} = :parent ${s.extra.replace('footnote_id', 'x.footnote_id')} AND x.position = :position`, {
          parent: s.id,
          position: first.position + 1,
        })
        .getOne();
      if (!next) throw new DomainError('NOTHING_TO_MERGE');
      if (next.kind !== first.kind || next.level !== first.level) {
        throw new DomainError('MERGE_KIND_MISMATCH', { first: first.kind, second: next.kind });
      }
      await this.ensureInDoc(tx, live, access, first);
      await this.ensureInDoc(tx, live, access, next);
      const variants = withLiveContent(await this.variantsOf(tx, [first.id, next.id]), live);
      const languages = new Set(variants.map((v) => v.language));
      // Texts typed live into a language that has no row yet count as well.
      for (const language of access.project.languages) {
        for (const id of [first.id, next.id]) if ((readVariant(live.doc, id, language) ?? []).length) languages.add(language);
      }
      for (const language of languages) {
        const a = variants.find((v) => v.segmentId === first.id && v.language === language);
        const b = variants.find((v) => v.segmentId === next.id && v.language === language);
        const merged = joinContent(
          a?.content ?? readVariant(live.doc, first.id, language) ?? [],
          b?.content ?? readVariant(live.doc, next.id, language) ?? [],
        );
        const status = a && b ? weakerStatus(lapsedStatus(a.status), lapsedStatus(b.status)) : 'draft';
        await this.variants.write(tx, this.writeContext(access, actor, documentId, 'structure'), [
          { segmentId: first.id, language, content: merged, status },
        ]);
        live.change((doc, origin) => setVariantContent(doc, first.id, language, merged, { origin }));
      }
      live.change((doc, origin) => removeSegment(doc, next.id, { origin }));
      await live.persist(tx);
      first.pages = [...new Set([...first.pages, ...next.pages])];
      await tx.save(first);
      await tx.delete(Segment, { id: next.id });
      await tx.query(`UPDATE segments SET position = position - 1 WHERE ${s.column} = $1 ${s.extra} AND position > $2`, [
        s.id,
        first.position,
      ]);
      await this.recordStructure(tx, access, actor, documentId, segmentId, 'segment.merge', {
        before: { mergedSegmentId: next.id, variants: variants.map((v) => ({ segmentId: v.segmentId, language: v.language, content: v.content })) },
      });
      return this.view(tx, first);
    });
  }

  /**
   * Sets the text of one variant. With `baseRevision`, refuses (STALE_REVISION) when somebody changed
   * the text since the caller read it. An approval lapses when the text it was bound to changes.
   */
  async writeVariant(
    access: ProjectAccess,
    actor: AuthUser,
    documentId: string,
    segmentId: string,
    language: string,
    dto: WriteVariantDto,
  ): Promise<SegmentView> {
    assertCanEditLanguage(access, language);
    const requested = contentFromRequest(dto.content);
    return this.collab.editInTransaction(access, documentId, actor.id, async (live, tx) => {
      await this.documents.find(tx, access, documentId);
      const segment = await this.findSegment(tx, documentId, segmentId);
      await this.assertFootnotesExist(tx, documentId, [requested]);
      const current = await tx
        .createQueryBuilder(Variant, 'v')
        .setLock('pessimistic_write')
        .where('v.segment_id = :segmentId AND v.language = :language', { segmentId, language })
        .getOne();
      if (dto.baseRevision !== undefined && (current?.revision ?? 0) !== dto.baseRevision) {
        throw new DomainError('STALE_REVISION', { current: current?.revision ?? 0, given: dto.baseRevision });
      }
      // The caller edited the row; the live text may be ahead of it (typing not materialised yet).
      // Merging keeps both: the caller's change and what people typed meanwhile.
      await this.ensureInDoc(tx, live, access, segment);
      const liveContent = readVariant(live.doc, segmentId, language);
      const content = liveContent === null ? requested : mergeContent(current?.content ?? [], liveContent, requested);
      live.change((doc, origin) => setVariantContent(doc, segmentId, language, content, { origin }));
      await live.persist(tx);
      // A text rewritten over REST without a status is a draft again; the history records the write.
      await this.variants.write(tx, this.writeContext(access, actor, documentId, 'rest'), [
        { segmentId, language, content, ...(dto.status ? { status: dto.status } : {}), statusIfChanged: 'draft' },
      ]);
      return this.view(tx, segment);
    });
  }

  /**
   * Makes sure the live document has the segment (with its footnote, for a note body). It always
   * should: the document is seeded from the rows and every structural change goes through both;
   * this repairs a document whose rows were written by something that did not (and costs a lookup).
   */
  private async ensureInDoc(tx: EntityManager, live: EditSession, access: ProjectAccess, segment: Segment): Promise<void> {
    if (readVariantMapExists(live, segment.id)) return;
    const variants = await this.variantsOf(tx, [segment.id]);
    const contents = Object.fromEntries(variants.map((v) => [v.language, v.content]));
    live.change((doc, origin) => {
      if (segment.footnoteId) upsertFootnote(doc, { id: segment.footnoteId }, { origin });
      insertSegment(
        doc,
        segmentForDoc(segment, contents),
        segment.position,
        { languages: access.project.languages, origin },
      );
    });
    await live.persist(tx);
  }

  private writeContext(access: ProjectAccess, actor: AuthUser, documentId: string, source: VariantSource): VariantWriteContext {
    return { projectId: access.project.id, documentId, actorId: actor.id, source };
  }

  /** A structural change in the history, in the transaction that made it. */
  private recordStructure(
    tx: EntityManager,
    access: ProjectAccess,
    actor: AuthUser,
    documentId: string,
    segmentId: string,
    action: string,
    change: { before?: object; after?: object },
  ): Promise<void> {
    return this.history.record(tx, { projectId: access.project.id, documentId, segmentId, actorId: actor.id, source: 'structure', action, ...change });
  }

  private async view(manager: EntityManager, segment: Segment): Promise<SegmentView> {
    return toSegmentView(segment, await this.variantsOf(manager, [segment.id]));
  }

  async findSegment(manager: EntityManager, documentId: string, segmentId: string): Promise<Segment> {
    const segment = await manager.findOneBy(Segment, { id: segmentId, documentId });
    if (!segment) throw new DomainError('SEGMENT_NOT_FOUND', { segment: segmentId });
    return segment;
  }

  async variantsOf(manager: EntityManager, segmentIds: string[], languages?: string[]): Promise<Variant[]> {
    if (!segmentIds.length) return [];
    return manager.find(Variant, {
      where: languages?.length ? { segmentId: In(segmentIds), language: In(languages) } : { segmentId: In(segmentIds) },
    });
  }

  private async assertFootnotesExist(tx: EntityManager, documentId: string, contents: InlineContent[]): Promise<void> {
    const ids = [...new Set(contents.flatMap(footnoteRefs))];
    if (!ids.length) return;
    const found = await tx.find(Footnote, { select: { id: true }, where: { id: In(ids.filter(isUuid)), documentId } });
    const missing = ids.find((id) => !found.some((f) => f.id === id));
    if (missing) throw new DomainError('UNKNOWN_FOOTNOTE', { footnote: missing });
  }
}

/** Is the segment in the live document at all (any language's text, or none yet)? */
const readVariantMapExists = (live: EditSession, segmentId: string): boolean =>
  live.doc.getMap(SEGMENTS).get(segmentId) !== undefined;

/** The rows with the live document's text where it has one (it may be ahead of the rows). */
function withLiveContent(variants: Variant[], live: EditSession): Variant[] {
  for (const v of variants) {
    const content = readVariant(live.doc, v.segmentId, v.language);
    if (content !== null) v.content = content;
  }
  return variants;
}

