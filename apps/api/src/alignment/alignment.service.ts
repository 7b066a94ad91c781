import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { BookImportError, decodeBookFile, parseBook, type ParsedBook } from '#libs/book-import';
import {
  type AlignmentConfirmResult,
  type AlignmentPhase,
  type AlignmentStatus,
  type AlignmentSummary,
  type AlignmentView,
  type JobView,
  LOW_CONFIDENCE,
} from '#libs/contracts';
import type { InlineContent } from '#libs/content';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { CollaborationService } from '../collaboration/collaboration.service.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { readChapterRows } from '../documents/chapter-rows.js';
import { HistoryService } from '../history/history.service.js';
import { JobsService } from '../jobs/jobs.service.js';
import { toDomainError } from '../imports/imports.service.js';
import { VariantWriter } from '../variants/variant-writer.js';
import { transliterationNameKey } from './name-key.js';
import {
  type AlignmentProposal,
  applyOperation,
  buildProposal,
  type EditionDocument,
  type ProposalOperation,
  segmentContents,
} from './proposal.js';

export type AlignmentProgress = (phase: AlignmentPhase, done: number, total: number) => void;

interface ProposalRow {
  id: string;
  language: string;
  filename: string | null;
  status: AlignmentStatus;
  revision: number;
  created_at: Date;
  proposal: AlignmentProposal;
}

export function summarize(proposal: AlignmentProposal): AlignmentSummary {
  const beads = proposal.documents.flatMap((d) => d.beads);
  const shapes: Record<string, number> = {};
  for (const b of beads) {
    const key = `${b.source.length}:${b.target.length}`;
    shapes[key] = (shapes[key] ?? 0) + 1;
  }
  return {
    documents: proposal.documents.length,
    beads: beads.length,
    lowConfidence: beads.filter((b) => !b.reviewed && b.confidence < LOW_CONFIDENCE).length,
    reviewed: beads.filter((b) => b.reviewed).length,
    shapes,
    notes: proposal.documents.reduce((n, d) => n + d.notes.length, 0),
    unmatchedNotes: proposal.documents.reduce((n, d) => n + d.unmatchedNotes.length, 0),
    unmatchedDocuments: proposal.unmatchedDocuments,
  };
}

/**
 * Brings in a translation that does not match the edition segment for segment: aligns it (a job),
 * keeps the proposal until an owner or publisher confirms it, lets them adjust it bead by bead, and
 * on confirmation writes the edition-shaped text as draft variants through the one variant writer.
 */
@Injectable()
export class AlignmentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly history: HistoryService,
    private readonly collaboration: CollaborationService,
    private readonly variants: VariantWriter,
  ) {}

  /** Starts the alignment as a job (kind `align`); its result names the stored proposal. */
  async startJob(access: ProjectAccess, actor: AuthUser, bytes: Uint8Array, language: string, filename?: string): Promise<JobView> {
    this.assertLanguage(access, language);
    if (bytes.length === 0) throw new DomainError('EMPTY_FILE');
    return this.jobs.start(access, actor.id, 'align', { language, filename: filename ?? null, bytes: bytes.length }, async (ctx) => {
      const view = await this.propose(access, actor, bytes, language, filename ?? null, (phase, done, total) => ctx.progress(phase, done, total));
      return { alignmentId: view.id, summary: view.summary };
    });
  }

  async propose(
    access: ProjectAccess,
    actor: AuthUser | null,
    bytes: Uint8Array,
    language: string,
    filename: string | null,
    progress: AlignmentProgress = () => undefined,
  ): Promise<AlignmentView> {
    this.assertLanguage(access, language);
    const project = access.project;
    progress('parsing', 0, 1);
    const book = this.parse(bytes, language);
    progress('parsing', 1, 1);
    await this.collaboration.flushProject(project.id);
    const edition = await this.edition(this.db.manager, project.id, project.sourceLanguage);
    if (!edition.length) throw new DomainError('IMPORT_NEEDS_SOURCE', { language: project.sourceLanguage });
    const proposal = buildProposal(
      edition,
      book.documents.map((d) => ({
        title: d.title,
        segments: d.segments.map((s) => ({ kind: s.kind, content: s.content })),
        footnotes: d.footnotes.map((f) => ({ id: f.id, label: f.label, body: f.body.map((b) => ({ content: b.content })) })),
      })),
      { from: project.sourceLanguage, to: language, nameKey: transliterationNameKey(project.sourceLanguage, language) },
      (done, total) => progress('aligning', done, total),
    );
    progress('storing', 0, 1);
    const [row] = (await this.db.query(
      `INSERT INTO alignment_proposals (project_id, language, filename, proposal, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id, language, filename, status, revision, created_at, proposal`,
      [project.id, language, filename, JSON.stringify(proposal), actor?.id ?? null],
    )) as ProposalRow[];
    progress('storing', 1, 1);
    return view(row!);
  }

  async get(access: ProjectAccess, id: string): Promise<AlignmentView> {
    return view(await this.row(this.db.manager, access, id));
  }

  /** Applies the reviewer's operations in order, all or none; `revision` guards against a stale page. */
  async adjust(access: ProjectAccess, id: string, document: number, operations: ProposalOperation[], revision?: number): Promise<AlignmentView> {
    return this.db.transaction(async (tx) => {
      const row = await this.row(tx, access, id, true);
      if (row.status !== 'open') throw new DomainError('ALIGNMENT_CLOSED', { alignment: id });
      if (revision !== undefined && revision !== row.revision) throw new DomainError('ALIGNMENT_STALE', { reason: `revision ${row.revision}, not ${revision}` });
      const doc = row.proposal.documents[document];
      for (const operation of operations) {
        if (!doc || !applyOperation(doc, operation)) {
          throw new DomainError('ALIGNMENT_OPERATION_INVALID', { op: operation.op, bead: operation.bead, document });
        }
      }
      const [updated] = (await tx.query(
        `UPDATE alignment_proposals SET proposal = $2, revision = revision + 1, updated_at = now() WHERE id = $1
         RETURNING id, language, filename, status, revision, created_at, proposal`,
        [id, JSON.stringify(row.proposal)],
      )) as [ProposalRow[], number];
      return view(updated[0]!);
    });
  }

  async discard(access: ProjectAccess, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await this.row(tx, access, id, true);
      if (row.status !== 'open') throw new DomainError('ALIGNMENT_CLOSED', { alignment: id });
      await tx.query(`UPDATE alignment_proposals SET status = 'discarded', closed_at = now() WHERE id = $1`, [id]);
    });
  }

  /**
   * Writes the proposal into the edition: one draft variant per edition segment that received text,
   * the note bodies, the translation's titles and note labels, and an "aligned import" history entry
   * per variant, in one transaction. Live copies of the chapters are brought up to date first and
   * dropped afterwards, so open editors reload the imported text.
   */
  async confirm(access: ProjectAccess, actor: AuthUser | null, id: string): Promise<AlignmentConfirmResult> {
    const project = access.project;
    await this.collaboration.flushProject(project.id);
    const touched: string[] = [];
    const result = await this.db.transaction(async (tx) => {
      await tx.query('SELECT id FROM projects WHERE id = $1 FOR UPDATE', [project.id]);
      const row = await this.row(tx, access, id, true);
      if (row.status !== 'open') throw new DomainError('ALIGNMENT_CLOSED', { alignment: id });
      const { proposal, language } = row;
      const writes: { segmentId: string; language: string; content: InlineContent; documentId: string }[] = [];
      let notes = 0;
      for (const doc of proposal.documents) {
        for (const [segmentId, content] of segmentContents(doc)) writes.push({ segmentId, language, content, documentId: doc.documentId });
        for (const note of doc.notes) {
          for (const b of note.body) if (b.content.length) writes.push({ segmentId: b.segmentId, language, content: b.content, documentId: doc.documentId });
          notes++;
        }
      }
      await this.assertCurrent(tx, project.id, writes.map((w) => w.segmentId));
      const changes = await this.variants.write(
        tx,
        { projectId: project.id, documentId: null, actorId: actor?.id ?? null, source: 'import' },
        writes.map((w) => ({ segmentId: w.segmentId, language: w.language, content: w.content, status: 'draft' as const })),
      );
      const documentOf = new Map(writes.map((w) => [w.segmentId, w.documentId]));
      await this.history.record(
        tx,
        ...changes
          .filter((c) => c.changed)
          .map((c) => ({
            projectId: project.id,
            documentId: documentOf.get(c.segmentId) ?? null,
            segmentId: c.segmentId,
            language,
            actorId: actor?.id ?? null,
            source: 'import' as const,
            action: 'import.aligned',
            before: c.before,
            after: { ...c.after, alignment: id },
          })),
      );
      await tx.query(
        `UPDATE documents d SET titles = d.titles || jsonb_build_object($1::text, t.title), updated_at = now()
           FROM unnest($2::uuid[], $3::text[]) AS t(id, title) WHERE d.id = t.id AND t.title <> ''`,
        [language, proposal.documents.map((d) => d.documentId), proposal.documents.map((d) => d.translationTitle)],
      );
      const labels = proposal.documents.flatMap((d) => d.notes);
      await tx.query(
        `UPDATE footnotes f SET labels = f.labels || jsonb_build_object($1::text, t.label)
           FROM unnest($2::uuid[], $3::text[]) AS t(id, label) WHERE f.id = t.id`,
        [language, labels.map((l) => l.footnoteId), labels.map((l) => l.label)],
      );
      await tx.query(`UPDATE alignment_proposals SET status = 'confirmed', closed_at = now() WHERE id = $1`, [id]);
      touched.push(...proposal.documents.map((d) => d.documentId));
      return { id, language, variants: changes.filter((c) => c.changed).length, notes, documents: proposal.documents.length };
    });
    for (const documentId of touched) await this.collaboration.discardLiveState(documentId);
    return result;
  }

  /** Every segment and note the proposal writes must still be in the edition. */
  private async assertCurrent(tx: EntityManager, projectId: string, segmentIds: string[]): Promise<void> {
    const found = (await tx.query(
      `SELECT count(DISTINCT s.id)::int AS n FROM segments s JOIN documents d ON d.id = s.document_id
        WHERE d.project_id = $1 AND s.id = ANY($2::uuid[])`,
      [projectId, [...new Set(segmentIds)]],
    )) as [{ n: number }];
    const wanted = new Set(segmentIds).size;
    if (found[0].n !== wanted) throw new DomainError('ALIGNMENT_STALE', { reason: `${wanted - found[0].n} of its segments were deleted` });
  }

  private async row(manager: EntityManager, access: ProjectAccess, id: string, lock = false): Promise<ProposalRow> {
    const rows = (await manager.query(
      `SELECT id, language, filename, status, revision, created_at, proposal FROM alignment_proposals
        WHERE id = $1 AND project_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [id, access.project.id],
    )) as ProposalRow[];
    if (!rows[0]) throw new DomainError('ALIGNMENT_NOT_FOUND', { alignment: id });
    return rows[0];
  }

  private async edition(manager: EntityManager, projectId: string, sourceLanguage: string): Promise<EditionDocument[]> {
    const documents = await readChapterRows(manager, { projectId }, [sourceLanguage]);
    return documents.map((d) => ({
      id: d.id,
      title: d.titles[sourceLanguage] ?? Object.values(d.titles)[0] ?? '',
      segments: d.segments.map((s) => ({ id: s.id, kind: s.kind, content: s.variants[sourceLanguage] ?? [] })),
      footnotes: d.footnotes.map((f) => ({ id: f.id, body: f.body.map((b) => ({ id: b.id, content: b.variants[sourceLanguage] ?? [] })) })),
    }));
  }

  private parse(bytes: Uint8Array, language: string): ParsedBook {
    try {
      const decoded = decodeBookFile(bytes, { maxBytes: this.config.importMaxBytes });
      return parseBook(decoded.text, { language, newId: randomUUID, maxBytes: this.config.importMaxBytes });
    } catch (error) {
      if (error instanceof BookImportError) throw toDomainError(error, this.config.importMaxBytes);
      throw error;
    }
  }

  private assertLanguage(access: ProjectAccess, language: string): void {
    if (!access.project.languages.includes(language)) throw new DomainError('LANGUAGE_NOT_IN_PROJECT', { language });
    if (language === access.project.sourceLanguage) throw new DomainError('ALIGNMENT_SOURCE_LANGUAGE', { language });
  }
}

const view = (row: ProposalRow): AlignmentView => ({
  id: row.id,
  language: row.language,
  filename: row.filename,
  status: row.status,
  revision: row.revision,
  createdAt: new Date(row.created_at).toISOString(),
  summary: summarize(row.proposal),
  proposal: row.proposal,
});
