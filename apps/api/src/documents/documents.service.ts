import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { DocumentSummary } from '#libs/contracts';
import { CollaborationEvents } from '../collaboration/collaboration-events.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { ProjectAccess } from '../common/guards/request-context.js';
import { Footnote } from '../footnotes/footnote.entity.js';
import { assertCanLabelLanguages } from '../segments/language-access.js';
import { Segment } from '../segments/segment.entity.js';
import { Document } from './document.entity.js';
import type { CreateDocumentDto, UpdateDocumentDto } from './dto/document.dto.js';

@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly collab: CollaborationEvents,
  ) {}

  async list(access: ProjectAccess): Promise<DocumentSummary[]> {
    const documents = await this.db.getRepository(Document).find({
      where: { projectId: access.project.id },
      order: { position: 'ASC' },
    });
    const counts = await this.counts(documents.map((d) => d.id));
    return documents.map((d) => toDocumentSummary(d, counts.get(d.id)));
  }

  async get(access: ProjectAccess, documentId: string): Promise<DocumentSummary> {
    const document = await this.find(this.db.manager, access, documentId);
    return toDocumentSummary(document, (await this.counts([document.id])).get(document.id));
  }

  /** The document, if it belongs to the project; DOCUMENT_NOT_FOUND otherwise. */
  async find(manager: EntityManager, access: ProjectAccess, documentId: string, lock = false): Promise<Document> {
    const query = manager
      .createQueryBuilder(Document, 'd')
      .where('d.id = :documentId AND d.project_id = :projectId', { documentId, projectId: access.project.id });
    if (lock) query.setLock('pessimistic_write');
    const document = await query.getOne();
    if (!document) throw new DomainError('DOCUMENT_NOT_FOUND', { document: documentId });
    return document;
  }

  async create(access: ProjectAccess, dto: CreateDocumentDto): Promise<DocumentSummary> {
    assertCanLabelLanguages(access, dto.titles);
    return this.db.transaction(async (tx) => {
      await this.lockProject(tx, access.project.id);
      const count = await tx.countBy(Document, { projectId: access.project.id });
      const position = Math.min(dto.position ?? count, count);
      await tx
        .createQueryBuilder()
        .update(Document)
        .set({ position: () => 'position + 1' })
        .where('project_id = :projectId AND position >= :position', { projectId: access.project.id, position })
        .execute();
      const document = await tx.save(
        tx.create(Document, { projectId: access.project.id, position, kind: dto.kind, titles: dto.titles ?? {} }),
      );
      return toDocumentSummary(document, { segments: 0, footnotes: 0 });
    });
  }

  async update(access: ProjectAccess, documentId: string, dto: UpdateDocumentDto): Promise<DocumentSummary> {
    assertCanLabelLanguages(access, dto.titles);
    return this.db.transaction(async (tx) => {
      await this.lockProject(tx, access.project.id);
      const document = await this.find(tx, access, documentId, true);
      if (dto.titles) document.titles = { ...document.titles, ...dto.titles };
      if (dto.kind) document.kind = dto.kind;
      if (dto.position !== undefined && dto.position !== document.position) {
        const count = await tx.countBy(Document, { projectId: access.project.id });
        const to = Math.min(dto.position, count - 1);
        await shiftForMove(tx, 'documents', 'project_id', access.project.id, document.position, to);
        document.position = to;
      }
      await tx.save(document);
      return toDocumentSummary(document, (await this.counts([document.id], tx)).get(document.id));
    });
  }

  async remove(access: ProjectAccess, documentId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.lockProject(tx, access.project.id);
      const document = await this.find(tx, access, documentId, true);
      await tx.delete(Document, { id: document.id });
      await tx
        .createQueryBuilder()
        .update(Document)
        .set({ position: () => 'position - 1' })
        .where('project_id = :projectId AND position > :position', { projectId: access.project.id, position: document.position })
        .execute();
    });
    this.collab.documentDeleted(documentId);
  }

  private async lockProject(tx: EntityManager, projectId: string): Promise<void> {
    await tx.query('SELECT id FROM projects WHERE id = $1 FOR UPDATE', [projectId]);
  }

  private async counts(
    documentIds: string[],
    manager: EntityManager = this.db.manager,
  ): Promise<Map<string, { segments: number; footnotes: number }>> {
    const out = new Map<string, { segments: number; footnotes: number }>();
    if (!documentIds.length) return out;
    const segments = (await manager
      .createQueryBuilder(Segment, 's')
      .select('s.document_id', 'id')
      .addSelect('count(*)::int', 'n')
      .where('s.document_id IN (:...ids) AND s.footnote_id IS NULL', { ids: documentIds })
      .groupBy('s.document_id')
      .getRawMany()) as { id: string; n: number }[];
    const footnotes = (await manager
      .createQueryBuilder(Footnote, 'f')
      .select('f.document_id', 'id')
      .addSelect('count(*)::int', 'n')
      .where('f.document_id IN (:...ids)', { ids: documentIds })
      .groupBy('f.document_id')
      .getRawMany()) as { id: string; n: number }[];
    for (const id of documentIds) out.set(id, { segments: 0, footnotes: 0 });
    for (const r of segments) out.get(r.id)!.segments = r.n;
    for (const r of footnotes) out.get(r.id)!.footnotes = r.n;
    return out;
  }
}

/**
 * Moves the row at position `from` to position `to` among its siblings (rows with the same parent),
 * shifting the rows in between by one. The caller updates the moved row itself.
 */
export async function shiftForMove(
  tx: EntityManager,
  table: 'documents' | 'segments',
  parentColumn: string,
  parentId: string,
  from: number,
  to: number,
  extraWhere = '',
): Promise<void> {
  if (from === to) return;
  const [low, high, delta] = from < to ? [from + 1, to, -1] : [to, from - 1, 1];
  await tx.query(
    `UPDATE ${table} SET position = position + $4 WHERE ${parentColumn} = $1 AND position BETWEEN $2 AND $3 ${extraWhere}`,
    [parentId, low, high, delta],
  );
}

const toDocumentSummary = (d: Document, counts = { segments: 0, footnotes: 0 }): DocumentSummary => ({
  id: d.id,
  position: d.position,
  kind: d.kind,
  titles: d.titles,
  segmentCount: counts.segments,
  footnoteCount: counts.footnotes,
  updatedAt: d.updatedAt.toISOString(),
});
