import type { EntityManager } from 'typeorm';
import type { Book, BookDocument, BookSegment } from '#libs/book-import';
import type { InlineContent, SegmentKind } from '#libs/content';
import type { Project } from '../projects/project.entity.js';

interface SegmentRow {
  id: string;
  document_id: string;
  footnote_id: string | null;
  kind: SegmentKind;
  level: number | null;
  language: string | null;
  pages: string[];
  content: InlineContent | null;
}

/**
 * Reads a whole edition in one language as the importer's Book, the shape every exporter renders.
 * A segment without a variant in that language is kept with empty content, so structure survives.
 */
export async function loadEdition(manager: EntityManager, project: Project, language: string): Promise<Book> {
  const documents = (await manager.query(`SELECT id, kind, titles FROM documents WHERE project_id = $1 ORDER BY position`, [
    project.id,
  ])) as { id: string; kind: BookDocument['kind']; titles: Record<string, string> }[];
  const segments = (await manager.query(
    `SELECT s.id, s.document_id, s.footnote_id, s.kind, s.level, s.language, s.pages, v.content
       FROM segments s JOIN documents d ON d.id = s.document_id
       LEFT JOIN variants v ON v.segment_id = s.id AND v.language = $2
      WHERE d.project_id = $1 ORDER BY s.position`,
    [project.id, language],
  )) as SegmentRow[];
  const footnotes = (await manager.query(
    `SELECT f.id, f.document_id, f.labels, f.position FROM footnotes f JOIN documents d ON d.id = f.document_id
      WHERE d.project_id = $1 ORDER BY f.position`,
    [project.id],
  )) as { id: string; document_id: string; labels: Record<string, string>; position: number }[];

  const isSource = language === project.sourceLanguage;
  const toSegment = (s: SegmentRow): BookSegment => ({
    id: s.id,
    kind: s.kind,
    ...(s.kind === 'heading' ? { level: s.level ?? 1 } : {}),
    language: isSource ? (s.language ?? language) : language,
    content: s.content ?? [],
    pages: s.pages,
  });
  const byDocument = new Map<string, SegmentRow[]>();
  const byFootnote = new Map<string, SegmentRow[]>();
  for (const s of segments) {
    const map = s.footnote_id ? byFootnote : byDocument;
    const key = s.footnote_id ?? s.document_id;
    const list = map.get(key);
    if (list) list.push(s);
    else map.set(key, [s]);
  }
  return {
    language,
    title: project.title,
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      title: d.titles[language] ?? d.titles[project.sourceLanguage] ?? Object.values(d.titles)[0] ?? '',
      segments: (byDocument.get(d.id) ?? []).map(toSegment),
      footnotes: footnotes
        .filter((f) => f.document_id === d.id)
        .map((f) => ({
          id: f.id,
          label: f.labels[language] ?? f.labels[project.sourceLanguage] ?? String(f.position + 1),
          body: (byFootnote.get(f.id) ?? []).map(toSegment),
        })),
    })),
  };
}
