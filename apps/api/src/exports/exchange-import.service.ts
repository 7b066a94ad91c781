import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { readTmx, readXliff, type Edition, type EditionSegment } from '#libs/book-format';
import { footnoteRefs, plainText, type InlineContent } from '#libs/content';
import type { ExchangeConflict, ExchangeImportResult, JobView } from '#libs/contracts';
import { CollaborationService } from '../collaboration/collaboration.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { JobsService } from '../jobs/jobs.service.js';
import { contentHash } from '../variants/content-hash.js';
import { assertCanEditLanguage } from '../segments/language-access.js';
import { SegmentsService } from '../segments/segments.service.js';
import { loadEditionModel } from './edition-loader.js';
import { toDomainError } from './format-errors.js';

interface Located {
  documentId: string;
  segment: EditionSegment;
  footnotes: Set<string>;
}

interface PlannedWrite {
  documentId: string;
  segmentId: string;
  language: string;
  content: InlineContent;
  baseRevision: number;
  status: 'draft' | 'translated';
}

type Progress = (phase: 'reading' | 'writing', done: number, total: number) => void;

/**
 * Re-imports of exchange files: XLIFF after offline translation, TMX as aligned variants of this
 * edition. Only target text changes, and only through the segment writer REST edits use, so a chapter
 * open in an editor changes live and approvals lapse where text changed. A variant changed in the
 * edition since the file was exported is a conflict, reported with both texts and never overwritten.
 * The whole file is checked before anything is written.
 */
@Injectable()
export class ExchangeImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly collab: CollaborationService,
    private readonly jobs: JobsService,
    private readonly segments: SegmentsService,
  ) {}

  startXliff(access: ProjectAccess, actor: AuthUser, bytes: Uint8Array, filename?: string): Promise<JobView> {
    if (bytes.length === 0) throw new DomainError('EMPTY_FILE');
    return this.jobs.start(access, actor.id, 'import', { format: 'xliff', filename: filename ?? null, bytes: bytes.length }, (ctx) =>
      this.importXliff(access, actor, bytes, (phase, done, total) => ctx.progress(phase, done, total)),
    );
  }

  startTmx(access: ProjectAccess, actor: AuthUser, bytes: Uint8Array, filename?: string): Promise<JobView> {
    if (bytes.length === 0) throw new DomainError('EMPTY_FILE');
    return this.jobs.start(access, actor.id, 'import', { format: 'tmx', filename: filename ?? null, bytes: bytes.length }, (ctx) =>
      this.importTmx(access, actor, bytes, (phase, done, total) => ctx.progress(phase, done, total)),
    );
  }

  async importXliff(access: ProjectAccess, actor: AuthUser, bytes: Uint8Array, progress: Progress = () => undefined): Promise<ExchangeImportResult> {
    progress('reading', 0, 1);
    let file;
    try {
      file = readXliff(bytes);
    } catch (error) {
      throw toDomainError(error);
    }
    const project = access.project;
    const source = languageOf(project.languages, file.srcLang);
    const target = file.trgLang === null ? null : languageOf(project.languages, file.trgLang);
    if (!source || !target || source === target) throw new DomainError('XLIFF_LANGUAGES', { source: file.srcLang, target: file.trgLang ?? '—' });
    assertCanEditLanguage(access, target);
    const index = await this.index(project.id, access);
    const unknown = file.units.filter((u) => !index.get(u.unitId) || index.get(u.unitId)!.documentId !== u.fileId);
    if (unknown.length) throw new DomainError('XLIFF_UNKNOWN_UNITS', { count: unknown.length, unit: unknown[0]!.unitId, line: unknown[0]!.line });
    const writes: PlannedWrite[] = [];
    const conflicts: ExchangeConflict[] = [];
    let unchanged = 0;
    for (const unit of file.units) {
      const { documentId, segment, footnotes } = index.get(unit.unitId)!;
      if (unit.target === null) {
        unchanged++;
        continue;
      }
      const missing = footnoteRefs(unit.target).find((id) => !footnotes.has(id));
      if (missing) throw new DomainError('XLIFF_INVALID', { reason: `line ${unit.line}: unit "${unit.unitId}" refers to a footnote its chapter does not have` });
      const current = segment.variants[target];
      const incoming = contentHash(unit.target);
      // Untouched by the translator, or already what the edition has: nothing to do.
      if (incoming === current?.contentHash || (unit.exportedHash !== null && incoming === unit.exportedHash)) {
        unchanged++;
        continue;
      }
      const changedSince = unit.exportedRevision === null ? current !== undefined : (current?.revision ?? 0) !== unit.exportedRevision;
      if (changedSince) {
        conflicts.push({ documentId, segmentId: unit.unitId, language: target, current: plainText(current?.content ?? []), incoming: plainText(unit.target) });
        continue;
      }
      writes.push({
        documentId,
        segmentId: unit.unitId,
        language: target,
        content: unit.target,
        baseRevision: current?.revision ?? 0,
        status: unit.state === 'translated' || unit.state === 'reviewed' || unit.state === 'final' ? 'translated' : 'draft',
      });
    }
    return this.write(access, actor, 'xliff', [source, target], writes, conflicts, unchanged, 0, progress);
  }

  async importTmx(access: ProjectAccess, actor: AuthUser, bytes: Uint8Array, progress: Progress = () => undefined): Promise<ExchangeImportResult> {
    progress('reading', 0, 1);
    let file;
    try {
      file = readTmx(bytes);
    } catch (error) {
      throw toDomainError(error);
    }
    const project = access.project;
    const index = await this.index(project.id, access);
    const writes: PlannedWrite[] = [];
    const conflicts: ExchangeConflict[] = [];
    const languages = new Set<string>();
    let unchanged = 0;
    let skipped = 0;
    let matched = 0;
    for (const unit of file.units) {
      const located = unit.tuid ? index.get(unit.tuid) : undefined;
      if (!located) {
        skipped++;
        continue;
      }
      matched++;
      for (const variant of unit.variants) {
        const language = languageOf(project.languages, variant.lang);
        if (!language || language === project.sourceLanguage) {
          if (!language) skipped++;
          else unchanged++;
          continue;
        }
        if (footnoteRefs(variant.content).some((id) => !located.footnotes.has(id))) {
          throw new DomainError('TMX_INVALID', { reason: `line ${unit.line}: unit "${unit.tuid}" refers to a footnote its chapter does not have` });
        }
        assertCanEditLanguage(access, language);
        languages.add(language);
        const current = located.segment.variants[language];
        const incoming = contentHash(variant.content);
        if (current?.contentHash === incoming) {
          unchanged++;
          continue;
        }
        // A TMX file says nothing about what it was made from: it fills what has no text yet and
        // leaves different text for a person to decide.
        if (current && plainText(current.content).trim() !== '') {
          conflicts.push({ documentId: located.documentId, segmentId: located.segment.id, language, current: plainText(current.content), incoming: plainText(variant.content) });
          continue;
        }
        writes.push({ documentId: located.documentId, segmentId: located.segment.id, language, content: variant.content, baseRevision: current?.revision ?? 0, status: 'translated' });
      }
    }
    if (matched === 0) throw new DomainError('TMX_NO_MATCH');
    return this.write(access, actor, 'tmx', [...languages], writes, conflicts, unchanged, skipped, progress);
  }

  /** Every segment of the edition (main text and note bodies) by id, after live edits reached the rows. */
  private async index(projectId: string, access: ProjectAccess): Promise<Map<string, Located>> {
    await this.collab.flushProject(projectId);
    const edition: Edition = await this.db.transaction('REPEATABLE READ', (tx) => loadEditionModel(tx, access.project));
    const index = new Map<string, Located>();
    for (const doc of edition.documents) {
      const footnotes = new Set(doc.footnotes.map((f) => f.id));
      for (const segment of [...doc.segments, ...doc.footnotes.flatMap((f) => f.body)]) index.set(segment.id, { documentId: doc.id, segment, footnotes });
    }
    return index;
  }

  private async write(
    access: ProjectAccess,
    actor: AuthUser,
    format: 'xliff' | 'tmx',
    languages: string[],
    writes: PlannedWrite[],
    conflicts: ExchangeConflict[],
    unchanged: number,
    skipped: number,
    progress: Progress,
  ): Promise<ExchangeImportResult> {
    const changed: ExchangeImportResult['changed'] = [];
    let done = 0;
    for (const w of writes) {
      progress('writing', done++, writes.length);
      try {
        await this.segments.writeVariant(access, actor, w.documentId, w.segmentId, w.language, { content: w.content, baseRevision: w.baseRevision, status: w.status });
        changed.push({ documentId: w.documentId, segmentId: w.segmentId, language: w.language });
      } catch (error) {
        // Somebody changed it between our reading and writing: theirs stays, ours is reported.
        if (!(error instanceof DomainError && error.code === 'STALE_REVISION')) throw error;
        const [row] = (await this.db.query(`SELECT content FROM variants WHERE segment_id = $1 AND language = $2`, [w.segmentId, w.language])) as { content: InlineContent }[];
        conflicts.push({ documentId: w.documentId, segmentId: w.segmentId, language: w.language, current: plainText(row?.content ?? []), incoming: plainText(w.content) });
      }
    }
    progress('writing', writes.length, writes.length);
    return { format, languages, changed, unchanged, conflicts, skipped };
  }
}

/** The edition's language a file's language tag names: exactly, or by its primary subtag (en-US → en). */
function languageOf(languages: string[], tag: string): string | null {
  const lower = tag.toLowerCase();
  const exact = languages.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const primary = lower.split('-')[0];
  const matches = languages.filter((l) => l.toLowerCase().split('-')[0] === primary);
  return matches.length === 1 ? matches[0]! : null;
}
