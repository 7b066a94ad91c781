import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type DocumentProgress, PROGRESS_STATUSES, type ProgressCounts, type ProgressStatus, type ProjectProgress } from '#libs/contracts';
import type { ProjectAccess } from '../common/guards/request-context.js';
import { DocumentsService } from '../documents/documents.service.js';

const emptyCounts = (): ProgressCounts => ({
  segments: Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, 0])) as Record<ProgressStatus, number>,
  words: Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, 0])) as Record<ProgressStatus, number>,
  totalSegments: 0,
  totalWords: 0,
});

interface Row {
  document_id: string;
  language: string;
  status: ProgressStatus;
  segments: number;
  words: number;
}

/**
 * Progress per edition, chapter and target language: segments (main flow and note bodies) and words
 * of the source text, by status. A segment without text in a language — no variant, or a draft
 * without text — is untranslated. One grouped query over indexed rows; word counts are a stored
 * column of the variants (see the review migration), so nothing is counted at read time.
 */
@Injectable()
export class ProgressService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: DocumentsService,
  ) {}

  async project(access: ProjectAccess): Promise<ProjectProgress> {
    return this.compute(access, null);
  }

  async document(access: ProjectAccess, documentId: string): Promise<DocumentProgress> {
    await this.documents.find(this.db.manager, access, documentId);
    const progress = await this.compute(access, documentId);
    return progress.documents[0]!;
  }

  private async compute(access: ProjectAccess, documentId: string | null): Promise<ProjectProgress> {
    const project = access.project;
    const targets = project.targetLanguages;
    const documents = (await this.db.query(
      `SELECT id, position, titles FROM documents WHERE project_id = $1 ${documentId ? 'AND id = $2' : ''} ORDER BY position`,
      documentId ? [project.id, documentId] : [project.id],
    )) as { id: string; position: number; titles: Record<string, string> }[];
    const rows = (await this.db.query(
      `SELECT s.document_id, t.language,
              CASE WHEN v.segment_id IS NULL OR (v.status = 'draft' AND v.word_count = 0) THEN 'untranslated' ELSE v.status END AS status,
              count(*)::int AS segments,
              coalesce(sum(src.word_count), 0)::int AS words
         FROM segments s
         JOIN documents d ON d.id = s.document_id
         CROSS JOIN unnest($2::text[]) AS t(language)
         LEFT JOIN variants v ON v.segment_id = s.id AND v.language = t.language
         LEFT JOIN variants src ON src.segment_id = s.id AND src.language = $3
        WHERE d.project_id = $1 ${documentId ? 'AND s.document_id = $4' : ''}
        GROUP BY 1, 2, 3`,
      documentId ? [project.id, targets, project.sourceLanguage, documentId] : [project.id, targets, project.sourceLanguage],
    )) as Row[];
    const perDocument = new Map<string, Record<string, ProgressCounts>>();
    const total: Record<string, ProgressCounts> = Object.fromEntries(targets.map((l) => [l, emptyCounts()]));
    for (const d of documents) perDocument.set(d.id, Object.fromEntries(targets.map((l) => [l, emptyCounts()])));
    for (const row of rows) {
      for (const counts of [perDocument.get(row.document_id)?.[row.language], total[row.language]]) {
        if (!counts) continue;
        counts.segments[row.status] += row.segments;
        counts.words[row.status] += row.words;
        counts.totalSegments += row.segments;
        counts.totalWords += row.words;
      }
    }
    return {
      projectId: project.id,
      slug: project.slug,
      languages: total,
      documents: documents.map((d) => ({ documentId: d.id, position: d.position, titles: d.titles, languages: perDocument.get(d.id)! })),
    };
  }
}
