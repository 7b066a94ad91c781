import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Finding, GlossaryFindingsView } from '#libs/contracts';
import { checkVariant } from '#libs/glossary';
import { DomainError } from '../common/errors/domain-error.js';
import type { ProjectAccess } from '../common/guards/request-context.js';
import { Project } from '../projects/project.entity.js';
import { VariantWriter } from '../variants/variant-writer.js';
import type { VariantsChanged } from '../variants/variants-changed.js';
import { renderedLanguages } from './edition-conventions.service.js';
import { GlossaryChecksService, type CompiledGlossary } from './glossary-checks.service.js';

export type StoredFindings = GlossaryFindingsView;

interface TextRow {
  segment_id: string;
  document_id: string;
  footnote_id: string | null;
  language: string;
  plain_text: string;
  source_text: string | null;
}

/**
 * The glossary's findings kept per variant. The "variants changed" listener checks every variant whose
 * text changed (a changed source re-checks its segment's renderings) inside the writing transaction,
 * live typing included once it is written; the editor checks the text as typed itself through
 * POST /glossary/check. A read whose glossary has changed since computes afresh.
 */
@Injectable()
export class GlossaryFindingsService implements OnModuleInit {
  private readonly logger = new Logger('GlossaryFindings');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: VariantWriter,
    private readonly checks: GlossaryChecksService,
  ) {}

  onModuleInit(): void {
    this.writer.onChanged((tx, event) => this.variantsChanged(tx, event));
  }

  /**
   * Findings are derived data: a failure computing them must never roll back the text a translator
   * wrote, so they are written under a savepoint and, failing, left to the next read to compute.
   */
  private async variantsChanged(tx: EntityManager, event: VariantsChanged): Promise<void> {
    if (!event.changes.some((c) => c.textChanged)) return;
    if (!tx.queryRunner?.isTransactionActive) return this.storeFindings(tx, event);
    await tx.query('SAVEPOINT glossary_findings');
    try {
      await this.storeFindings(tx, event);
      await tx.query('RELEASE SAVEPOINT glossary_findings');
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT glossary_findings');
      this.logger.warn(`Glossary findings of project ${event.projectId} not stored: ${(error as Error).message}`);
    }
  }

  private async storeFindings(tx: EntityManager, event: VariantsChanged): Promise<void> {
    const changed = event.changes.filter((c) => c.textChanged);
    const project = await tx.getRepository(Project).findOneBy({ id: event.projectId });
    if (!project) return;
    const rendered = new Set(renderedLanguages(project));
    const pairs = new Map<string, { segmentId: string; language: string }>();
    const add = (segmentId: string, language: string) => pairs.set(`${segmentId}\u0000${language}`, { segmentId, language });
    for (const c of changed) {
      if (rendered.has(c.language)) add(c.segmentId, c.language);
      if (c.language === project.sourceLanguage) for (const l of rendered) add(c.segmentId, l);
    }
    if (!pairs.size) return;
    const compiled = await this.checks.compiledFor(project, tx);
    await this.recheck(tx, project, compiled, [...pairs.values()]);
  }

  /** Checks the variants named and stores their findings (an empty glossary stores none). */
  private async recheck(m: EntityManager, project: Project, compiled: CompiledGlossary, pairs: { segmentId: string; language: string }[]): Promise<void> {
    const segmentIds = pairs.map((p) => p.segmentId);
    const languages = pairs.map((p) => p.language);
    if (compiled.index.size === 0) {
      await m.query(`DELETE FROM glossary_findings f USING unnest($1::uuid[], $2::text[]) AS t(seg, lang) WHERE f.segment_id = t.seg AND f.language = t.lang`, [segmentIds, languages]);
      return;
    }
    const rows = (await m.query(
      `SELECT s.id AS segment_id, s.document_id, s.footnote_id, t.lang AS language, coalesce(v.plain_text, '') AS plain_text, src.plain_text AS source_text
         FROM unnest($1::uuid[], $2::text[]) AS t(seg, lang)
         JOIN segments s ON s.id = t.seg
         LEFT JOIN variants v ON v.segment_id = s.id AND v.language = t.lang
         LEFT JOIN variants src ON src.segment_id = s.id AND src.language = $3 AND t.lang <> $3`,
      [segmentIds, languages, project.sourceLanguage],
    )) as TextRow[];
    const results = rows.map((r) => ({
      row: r,
      findings: checkVariant(
        compiled.index,
        {
          sourceText: r.source_text ?? '',
          sourceLanguage: project.sourceLanguage,
          targetText: r.plain_text,
          targetLanguage: r.language,
          context: r.footnote_id ? 'footnote' : 'main',
        },
        compiled.schemes.get(r.language)?.severities,
      ),
    }));
    await m.query(
      `INSERT INTO glossary_findings (segment_id, language, document_id, findings, glossary_stamp, checked_at)
       SELECT t.seg, t.lang, t.doc, t.findings, $5, now() FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::jsonb[]) AS t(seg, lang, doc, findings)
       ON CONFLICT (segment_id, language) DO UPDATE SET findings = EXCLUDED.findings, glossary_stamp = EXCLUDED.glossary_stamp, checked_at = now()`,
      [results.map((x) => x.row.segment_id), results.map((x) => x.row.language), results.map((x) => x.row.document_id), results.map((x) => JSON.stringify(x.findings)), compiled.stamp],
    );
  }

  /** The findings of a chapter in one language; those computed with an older glossary are computed again first. */
  async forDocument(access: ProjectAccess, documentId: string, language: string): Promise<StoredFindings[]> {
    const project = access.project;
    if (!renderedLanguages(project).includes(language)) throw new DomainError('LANGUAGE_NOT_IN_PROJECT', { language });
    const [doc] = await this.db.query(`SELECT id FROM documents WHERE id = $1 AND project_id = $2`, [documentId, project.id]);
    if (!doc) throw new DomainError('DOCUMENT_NOT_FOUND', { document: documentId });
    const compiled = await this.checks.compiledFor(project);
    const stale: { segment_id: string }[] = await this.db.query(
      `SELECT s.id AS segment_id FROM segments s JOIN variants v ON v.segment_id = s.id AND v.language = $2
         LEFT JOIN glossary_findings f ON f.segment_id = s.id AND f.language = $2
        WHERE s.document_id = $1 AND (f.segment_id IS NULL OR f.glossary_stamp <> $3)`,
      [documentId, language, compiled.stamp],
    );
    if (stale.length) await this.db.transaction((tx) => this.recheck(tx, project, compiled, stale.map((s) => ({ segmentId: s.segment_id, language }))));
    const rows: { segment_id: string; language: string; findings: Finding[]; checked_at: Date }[] = await this.db.query(
      `SELECT f.segment_id, f.language, f.findings, f.checked_at FROM glossary_findings f JOIN segments s ON s.id = f.segment_id
        WHERE f.document_id = $1 AND f.language = $2 AND jsonb_array_length(f.findings) > 0 ORDER BY s.footnote_id NULLS FIRST, s.position`,
      [documentId, language],
    );
    return rows.map((r) => ({ segmentId: r.segment_id, language: r.language, findings: r.findings, checkedAt: new Date(r.checked_at).toISOString() }));
  }
}
