import type { EntityManager } from 'typeorm';
import type { Book, BookSegment } from '#libs/book-import';
import type { InlineContent } from '#libs/content';
import type { VariantWriter } from '../variants/variant-writer.js';

/**
 * Writes a parsed book into the tables with one multi-row INSERT per table (unnest of arrays), so a
 * 150k-word book with a thousand footnotes is a handful of statements inside the import transaction.
 * The ids the importer gave documents, segments and footnotes become the rows' ids, so the footnote
 * references inside the contents point at the right footnotes without any remapping.
 */
export interface WriteProgress {
  (done: number, total: number): void;
}

interface SegmentRow {
  id: string;
  documentId: string;
  footnoteId: string | null;
  position: number;
  kind: string;
  level: number | null;
  language: string | null;
  pages: string[];
}

interface VariantRow {
  segmentId: string;
  language: string;
  content: InlineContent;
}

export async function writeSourceBook(
  tx: EntityManager,
  variantWriter: VariantWriter,
  projectId: string,
  book: Book,
  actorId: string | null,
  firstPosition: number,
  progress: WriteProgress,
): Promise<void> {
  const language = book.language;
  const segments: SegmentRow[] = [];
  const variants: VariantRow[] = [];
  const footnotes: { id: string; documentId: string; position: number; label: string }[] = [];
  const addSegment = (s: BookSegment, documentId: string, footnoteId: string | null, position: number): void => {
    segments.push({
      id: s.id,
      documentId,
      footnoteId,
      position,
      kind: s.kind,
      level: s.kind === 'heading' ? (s.level ?? 1) : null,
      language: s.language === language ? null : s.language,
      pages: s.pages,
    });
    variants.push({ segmentId: s.id, language, content: s.content });
  };
  for (const document of book.documents) {
    document.segments.forEach((s, i) => addSegment(s, document.id, null, i));
    document.footnotes.forEach((f, i) => {
      footnotes.push({ id: f.id, documentId: document.id, position: i, label: f.label });
      f.body.forEach((s, j) => addSegment(s, document.id, f.id, j));
    });
  }
  const total = 4;
  await tx.query(
    `INSERT INTO documents (id, project_id, position, kind, titles)
     SELECT id, $1, pos, kind, jsonb_build_object($2::text, title)
       FROM unnest($3::uuid[], $4::int[], $5::text[], $6::text[]) AS t(id, pos, kind, title)`,
    [
      projectId,
      language,
      book.documents.map((d) => d.id),
      book.documents.map((_, i) => firstPosition + i),
      book.documents.map((d) => d.kind),
      book.documents.map((d) => d.title),
    ],
  );
  progress(1, total);
  await tx.query(
    `INSERT INTO footnotes (id, document_id, position, labels)
     SELECT id, doc, pos, jsonb_build_object($1::text, label)
       FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[]) AS t(id, doc, pos, label)`,
    [language, footnotes.map((f) => f.id), footnotes.map((f) => f.documentId), footnotes.map((f) => f.position), footnotes.map((f) => f.label)],
  );
  progress(2, total);
  await insertSegments(tx, segments);
  progress(3, total);
  // The source text as imported is declared done.
  await variantWriter.write(
    tx,
    { projectId, documentId: null, actorId, source: 'import' },
    variants.map((v) => ({ ...v, status: 'translated' as const })),
  );
  progress(4, total);
}

async function insertSegments(tx: EntityManager, rows: SegmentRow[]): Promise<void> {
  if (!rows.length) return;
  // Pages are text[] per row; unnest cannot take ragged arrays, so they travel as JSON.
  await tx.query(
    `INSERT INTO segments (id, document_id, footnote_id, position, kind, level, language, pages)
     SELECT id, doc, fn, pos, kind, lvl, lang, ARRAY(SELECT jsonb_array_elements_text(pages))
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::smallint[], $7::text[], $8::jsonb[])
         AS t(id, doc, fn, pos, kind, lvl, lang, pages)`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.documentId),
      rows.map((r) => r.footnoteId),
      rows.map((r) => r.position),
      rows.map((r) => r.kind),
      rows.map((r) => r.level),
      rows.map((r) => r.language),
      rows.map((r) => JSON.stringify(r.pages)),
    ],
  );
}
