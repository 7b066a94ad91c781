import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { BookImportError, type TextEncoding } from '#libs/book-import';
import type { ImportPhase, JobView, ProjectImportReport, RenderingName } from '#libs/contracts';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { CollaborationService } from '../collaboration/collaboration.service.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { readChapterRows } from '../documents/chapter-rows.js';
import { HistoryService } from '../history/history.service.js';
import { JobsService } from '../jobs/jobs.service.js';
import { VariantWriter } from '../variants/variant-writer.js';
import { writeSourceBook } from './book-writer.js';
import type { ParsedBookFile } from './parse-book-file.js';
import { parseInWorker } from './parse-in-worker.js';
import { matchTranslation, type StoredStructure } from './translation-matcher.js';

export type ImportProgress = (phase: ImportPhase, done: number, total: number) => void;

/** The user's choices for reading a file: how it is rendered and how its text is encoded (detected when absent). */
export interface ImportOptions {
  rendering?: RenderingName;
  encoding?: TextEncoding;
}

/**
 * Imports a book file into a project, all or nothing: the source text into an empty project, or a
 * translation into a project whose structure it matches segment for segment. Used by the REST job
 * and by the CLI alike.
 */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly history: HistoryService,
    private readonly jobs: JobsService,
    private readonly collaboration: CollaborationService,
    private readonly variants: VariantWriter,
  ) {}

  /** Starts an import as a job and answers at once; the caller polls the job. */
  async startJob(
    access: ProjectAccess,
    actor: AuthUser,
    bytes: Uint8Array,
    language: string,
    filename?: string,
    options: ImportOptions = {},
  ): Promise<JobView> {
    this.assertLanguage(access, language);
    if (bytes.length === 0) throw new DomainError('EMPTY_FILE');
    const params = { language, filename: filename ?? null, bytes: bytes.length, rendering: options.rendering ?? null, encoding: options.encoding ?? null };
    return this.jobs.start(access, actor.id, 'import', params, (ctx) =>
      this.importBook(access, actor, bytes, language, (phase, done, total) => ctx.progress(phase, done, total), options),
    );
  }

  async importBook(
    access: ProjectAccess,
    actor: AuthUser | null,
    bytes: Uint8Array,
    language: string,
    progress: ImportProgress = () => undefined,
    options: ImportOptions = {},
  ): Promise<ProjectImportReport> {
    this.assertLanguage(access, language);
    progress('decoding', 0, 1);
    const { book, encoding, encodingReport, warnings } = await this.parse(bytes, language, progress, options);
    const project = access.project;
    const mode = language === project.sourceLanguage ? 'source' : 'translation';
    // A translation rewrites rows of chapters that may be open live: bring the rows up to date first,
    // and afterwards drop the live copies so they are seeded again from the imported text.
    if (mode === 'translation') await this.collaboration.flushProject(project.id);
    const rewritten: string[] = [];
    await this.db.transaction(async (tx) => {
      // One import at a time per project: the second waits here, then sees the first one's result.
      await tx.query('SELECT id FROM projects WHERE id = $1 FOR UPDATE', [project.id]);
      const write = (done: number, total: number): void => progress('writing', done, total);
      if (mode === 'source') {
        const existing = (await tx.query('SELECT count(*)::int AS n FROM documents WHERE project_id = $1', [project.id])) as [{ n: number }];
        if (existing[0].n > 0) throw new DomainError('PROJECT_NOT_EMPTY', { language });
        await writeSourceBook(tx, this.variants, project.id, book, actor?.id ?? null, 0, write);
      } else {
        const stored = await loadStructure(tx, project.id, project.sourceLanguage);
        if (!stored.documents.length) throw new DomainError('IMPORT_NEEDS_SOURCE', { language: project.sourceLanguage });
        const matched = matchTranslation(stored, book);
        rewritten.push(...matched.titles.map((t) => t.documentId));
        write(0, 3);
        // A re-imported text that reads the same keeps its status and approval; a changed one is translated.
        await this.variants.write(
          tx,
          { projectId: project.id, documentId: null, actorId: actor?.id ?? null, source: 'import' },
          matched.variants.map((v) => ({ ...v, statusIfChanged: 'translated' as const })),
        );
        write(1, 3);
        await tx.query(
          `UPDATE documents d SET titles = d.titles || jsonb_build_object($1::text, t.title), updated_at = now()
             FROM unnest($2::uuid[], $3::text[]) AS t(id, title) WHERE d.id = t.id`,
          [language, matched.titles.map((t) => t.documentId), matched.titles.map((t) => t.title)],
        );
        write(2, 3);
        await tx.query(
          `UPDATE footnotes f SET labels = f.labels || jsonb_build_object($1::text, t.label)
             FROM unnest($2::uuid[], $3::text[]) AS t(id, label) WHERE f.id = t.id`,
          [language, matched.labels.map((l) => l.footnoteId), matched.labels.map((l) => l.label)],
        );
        write(3, 3);
      }
      await this.history.record(tx, {
        projectId: project.id,
        actorId: actor?.id ?? null,
        source: 'import',
        action: mode === 'source' ? 'import.source' : 'import.translation',
        language,
        after: { documents: book.documents.length, segments: book.report.segments, encoding, rendering: book.report.rendering?.name ?? null },
      });
    });
    for (const documentId of rewritten) await this.collaboration.discardLiveState(documentId);
    return {
      ...book.report,
      warnings: [...warnings, ...book.report.warnings],
      language,
      mode,
      encoding,
      ...(encodingReport ? { encodingReport } : {}),
      documentTitles: Object.fromEntries(book.documents.map((d) => [d.id, d.title])),
    };
  }

  private async parse(bytes: Uint8Array, language: string, progress: ImportProgress, options: ImportOptions): Promise<ParsedBookFile> {
    try {
      return await parseInWorker({ bytes, language, maxBytes: this.config.importMaxBytes, rendering: options.rendering, encoding: options.encoding }, progress);
    } catch (error) {
      if (error instanceof BookImportError) throw toDomainError(error, this.config.importMaxBytes);
      throw error;
    }
  }

  private assertLanguage(access: ProjectAccess, language: string): void {
    if (!access.project.languages.includes(language)) throw new DomainError('LANGUAGE_NOT_IN_PROJECT', { language });
  }
}

export function toDomainError(error: BookImportError, limit: number): DomainError {
  const d = (error.details ?? {}) as Record<string, unknown>;
  switch (error.code) {
    case 'FILE_TOO_LARGE':
      return new DomainError('FILE_TOO_LARGE', { size: Number(d.size ?? 0), limit });
    case 'NOT_UTF8':
      return new DomainError('NOT_UTF8', { offset: Number(d.offset ?? 0) });
    case 'BINARY_FILE':
      // The format's name (PNG, PDF, ZIP…) reads the same in every language; the rest is the message's.
      return typeof d.detected === 'string'
        ? new DomainError('BINARY_FILE', { format: fileFormatName(d.detected) })
        : new DomainError('BINARY_FILE', { context: 'offset', offset: Number(d.offset ?? 0) });
    case 'INVALID_EXPORT':
      return new DomainError('INVALID_EXPORT', { reason: error.message });
    case 'INVALID_DOCX':
      return new DomainError('INVALID_DOCX', { reason: typeof d.reason === 'string' ? d.reason : 'docx' });
    default:
      return new DomainError(error.code);
  }
}

/** `PNG image` → `PNG`, `ZIP (DOCX, EPUB or ODT)` → `ZIP`: the importer's English names, as format names. */
const fileFormatName = (detected: string): string =>
  /^legacy Word/i.test(detected) ? 'Word 97–2003' : (detected.split(/[\s(]/)[0] ?? detected);

/** Documents with their main-flow segments and footnotes (with bodies), in order. */
export async function loadStructure(tx: EntityManager, projectId: string, titleLanguage: string): Promise<StoredStructure> {
  const documents = await readChapterRows(tx, { projectId }, []);
  return {
    documents: documents.map((d) => ({
      id: d.id,
      title: d.titles[titleLanguage] ?? Object.values(d.titles)[0] ?? '',
      segments: d.segments.map((s) => ({ id: s.id, kind: s.kind, level: s.level })),
      footnotes: d.footnotes.map((f) => ({ id: f.id, body: f.body.map((s) => ({ id: s.id })) })),
    })),
  };
}
