import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  printEdition,
  renderDocx,
  renderEpub,
  renderHtml,
  renderMarkdown,
  renderPdfOffThread,
  renderTmx,
  renderXliff,
  type Edition,
  type PrintedEdition,
} from '#libs/book-format';
import { EDITION_FORMATS, FORMAT_LANGUAGES, type ExportFormat, type ExportPhase, type ExportRequest, type ExportResult, type JobView } from '#libs/contracts';
import { CollaborationService } from '../collaboration/collaboration.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { JobsService } from '../jobs/jobs.service.js';
import { APP_VERSION } from '../version.js';
import { loadEdition, loadEditionModel } from './edition-loader.js';
import { toDomainError } from './format-errors.js';

export interface MarkdownExport {
  filename: string;
  markdown: string;
}

/** A produced export: its bytes and what the job reports about it. */
export interface ExportFile {
  filename: string;
  mediaType: string;
  content: Uint8Array;
  summary: Omit<ExportResult, 'download'>;
}

export type ExportProgress = (phase: ExportPhase, done: number, total: number) => void;

const MEDIA_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  epub: 'application/epub+zip',
  md: 'text/markdown; charset=utf-8',
  xliff: 'application/xliff+xml',
  tmx: 'application/x-tmx+xml',
};
const EXTENSIONS: Record<ExportFormat, string> = { pdf: 'pdf', html: 'html', docx: 'docx', epub: 'epub', md: 'md', xliff: 'xlf', tmx: 'tmx' };
/** Missing texts listed in a job's result (the count is always complete). */
const MISSING_LISTED = 1000;

/**
 * Every export of an edition: printed editions (PDF, HTML, DOCX, EPUB), Markdown and the exchange
 * formats (XLIFF, TMX), as jobs whose file is kept in `export_files` for the download, and directly
 * for the CLI. Live edits are written to the rows first, and the edition is read in one snapshot.
 */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly collab: CollaborationService,
    private readonly jobs: JobsService,
  ) {}

  /** One language of the edition as Markdown that the importer reads back to the same structure. */
  async markdown(access: ProjectAccess, language: string): Promise<MarkdownExport> {
    if (!access.project.languages.includes(language)) throw new DomainError('LANGUAGE_NOT_IN_PROJECT', { language });
    await this.collab.flushProject(access.project.id);
    const book = await this.db.transaction('REPEATABLE READ', (tx) => loadEdition(tx, access.project, language));
    return { filename: `${access.project.slug}.${language}.md`, markdown: renderMarkdown(book, language) };
  }

  /** Checks the request against the edition, then runs the export as a job. */
  async startJob(access: ProjectAccess, actor: AuthUser, request: ExportRequest): Promise<JobView> {
    const checked = this.check(access, request);
    return this.jobs.start(access, actor.id, 'export', { ...checked }, async (ctx) => {
      const file = await this.produce(access, checked, (phase, done, total) => ctx.progress(phase, done, total));
      ctx.progress('storing', 0, 1);
      await this.db.query(`INSERT INTO export_files (job_id, filename, media_type, content) VALUES ($1, $2, $3, $4)`, [
        ctx.jobId,
        file.filename,
        file.mediaType,
        Buffer.from(file.content),
      ]);
      ctx.progress('storing', 1, 1);
      const result: ExportResult = { ...file.summary, download: `/api/projects/${access.project.id}/exports/${ctx.jobId}/file` };
      return result;
    });
  }

  /** The file of a finished export job of this edition. */
  async file(access: ProjectAccess, jobId: string): Promise<{ filename: string; mediaType: string; content: Buffer }> {
    const rows = (await this.db.query(
      `SELECT f.filename, f.media_type, f.content FROM export_files f JOIN jobs j ON j.id = f.job_id WHERE j.id = $1 AND j.project_id = $2`,
      [jobId, access.project.id],
    )) as { filename: string; media_type: string; content: Buffer }[];
    const row = rows[0];
    if (!row) throw new DomainError('EXPORT_FILE_NOT_FOUND', { job: jobId });
    return { filename: row.filename, mediaType: row.media_type, content: row.content };
  }

  /** The languages, layout and mode an export will use, or a coded refusal. */
  check(access: ProjectAccess, request: ExportRequest): Required<Pick<ExportRequest, 'format' | 'languages' | 'final' | 'refuseIncomplete' | 'layout'>> {
    const { min, max } = FORMAT_LANGUAGES[request.format];
    const languages = max === 0 ? [] : request.languages;
    if (languages.length < min || languages.length > max) {
      throw new DomainError('EXPORT_LANGUAGES', { format: request.format, expected: min === max ? `${min}` : `${min}–${max}`, given: languages.length });
    }
    for (const language of languages) if (!access.project.languages.includes(language)) throw new DomainError('LANGUAGE_NOT_IN_PROJECT', { language });
    if (new Set(languages).size !== languages.length) throw new DomainError('LANGUAGES_REPEATED', { languages: languages.join(', ') });
    const edition = EDITION_FORMATS.includes(request.format);
    return {
      format: request.format,
      languages,
      final: edition && request.final === true,
      refuseIncomplete: edition && request.final === true && request.refuseIncomplete === true,
      layout: request.layout ?? 'facing',
    };
  }

  /** Produces the export (REST jobs and the CLI alike). */
  async produce(access: ProjectAccess, request: ExportRequest, progress: ExportProgress = () => undefined): Promise<ExportFile> {
    const checked = this.check(access, request);
    const project = access.project;
    progress('loading', 0, 1);
    await this.collab.flushProject(project.id);
    const { format, languages } = checked;
    const base = `${project.slug}${languages.length ? `.${languages.join('-')}` : ''}`;
    const finish = (content: Uint8Array | string, extra: Partial<ExportFile['summary']> = {}, printed?: PrintedEdition): ExportFile => {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      const draft = printed?.mode === 'draft' ? '.draft' : '';
      const layout = format === 'pdf' && languages.length === 2 ? `.${checked.layout}` : '';
      return {
        filename: `${base}${layout}${draft}.${EXTENSIONS[format]}`,
        mediaType: MEDIA_TYPES[format],
        content: bytes,
        summary: {
          format,
          filename: `${base}${layout}${draft}.${EXTENSIONS[format]}`,
          mediaType: MEDIA_TYPES[format],
          bytes: bytes.byteLength,
          pages: null,
          final: printed?.mode === 'final',
          missingCount: printed?.missing.length ?? 0,
          missing: (printed?.missing ?? []).slice(0, MISSING_LISTED),
          unreferencedNotes: printed?.unreferencedNotes.length ?? 0,
          ...extra,
        },
      };
    };
    if (format === 'md') {
      const book = await this.db.transaction('REPEATABLE READ', (tx) => loadEdition(tx, project, languages[0]!));
      progress('rendering', 0, 1);
      return finish(renderMarkdown(book, languages[0]!));
    }
    const edition: Edition = await this.db.transaction('REPEATABLE READ', (tx) => loadEditionModel(tx, project));
    progress('loading', 1, 1);
    progress('rendering', 0, 1);
    try {
      if (format === 'xliff') return finish(renderXliff(edition, languages[0]!, languages[1]!));
      if (format === 'tmx') return finish(renderTmx(edition, { created: new Date(), toolVersion: APP_VERSION }));
      const printed = printEdition(edition, { languages, mode: checked.final ? 'final' : 'draft', refuseIncomplete: checked.refuseIncomplete });
      switch (format) {
        case 'html':
          return finish(renderHtml(printed), {}, printed);
        case 'docx':
          return finish(await renderDocx(printed), {}, printed);
        case 'epub':
          return finish(await renderEpub(printed, { modified: new Date() }), {}, printed);
        default: {
          const { pdf, pages } = await renderPdfOffThread(printed, { layout: checked.layout });
          return finish(pdf, { pages }, printed);
        }
      }
    } catch (error) {
      throw toDomainError(error);
    } finally {
      progress('rendering', 1, 1);
    }
  }
}
