import type { EntityManager } from 'typeorm';
import type { Book, BookSegment } from '#libs/book-import';
import { readChapterRows, type SegmentRows } from '../documents/chapter-rows.js';
import type { Edition, EditionDocument, EditionSegment, VariantState } from '#libs/book-format';
import type { InlineContent, SegmentKind } from '#libs/content';
import type { Project } from '../projects/project.entity.js';

/**
 * Reads a whole edition in one language as the importer's Book, the shape every exporter renders.
 * A segment without a variant in that language is kept with empty content, so structure survives.
 */
export async function loadEdition(manager: EntityManager, project: Project, language: string): Promise<Book> {
  const documents = await readChapterRows(manager, { projectId: project.id }, [language]);
  const isSource = language === project.sourceLanguage;
  const toSegment = (s: SegmentRows): BookSegment => ({
    id: s.id,
    kind: s.kind,
    ...(s.kind === 'heading' ? { level: s.level ?? 1 } : {}),
    language: isSource ? (s.language ?? language) : language,
    content: s.variants[language] ?? [],
    pages: s.pages,
  });
  return {
    language,
    title: project.title,
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      title: d.titles[language] ?? d.titles[project.sourceLanguage] ?? Object.values(d.titles)[0] ?? '',
      segments: d.segments.map(toSegment),
      footnotes: d.footnotes.map((f) => ({
        id: f.id,
        label: f.labels[language] ?? f.labels[project.sourceLanguage] ?? String(f.position + 1),
        body: f.body.map(toSegment),
      })),
    })),
  };
}

interface ModelSegmentRow {
  id: string;
  document_id: string;
  footnote_id: string | null;
  kind: SegmentKind;
  level: number | null;
  language: string | null;
  pages: string[];
}

interface ModelVariantRow {
  segment_id: string;
  language: string;
  content: InlineContent;
  status: VariantState;
  revision: number;
  content_hash: string;
}

/**
 * The whole edition with every language's variants, statuses, revisions and hashes: the model every
 * format of libs/book-format renders from. Read inside one REPEATABLE READ transaction by the caller.
 */
export async function loadEditionModel(manager: EntityManager, project: Project): Promise<Edition> {
  const documents = (await manager.query(`SELECT id, kind, titles FROM documents WHERE project_id = $1 ORDER BY position`, [project.id])) as {
    id: string;
    kind: EditionDocument['kind'];
    titles: Record<string, string>;
  }[];
  const segments = (await manager.query(
    `SELECT s.id, s.document_id, s.footnote_id, s.kind, s.level, s.language, s.pages
       FROM segments s JOIN documents d ON d.id = s.document_id
      WHERE d.project_id = $1 ORDER BY s.position`,
    [project.id],
  )) as ModelSegmentRow[];
  const variants = (await manager.query(
    `SELECT v.segment_id, v.language, v.content, v.status, v.revision, v.content_hash
       FROM variants v JOIN segments s ON s.id = v.segment_id JOIN documents d ON d.id = s.document_id
      WHERE d.project_id = $1`,
    [project.id],
  )) as ModelVariantRow[];
  const footnotes = (await manager.query(
    `SELECT f.id, f.document_id, f.labels FROM footnotes f JOIN documents d ON d.id = f.document_id
      WHERE d.project_id = $1 ORDER BY f.position`,
    [project.id],
  )) as { id: string; document_id: string; labels: Record<string, string> }[];

  const byVariant = new Map<string, EditionSegment['variants']>();
  for (const v of variants) {
    let map = byVariant.get(v.segment_id);
    if (!map) byVariant.set(v.segment_id, (map = {}));
    map[v.language] = { content: v.content, status: v.status, revision: v.revision, contentHash: v.content_hash };
  }
  const toSegment = (s: ModelSegmentRow): EditionSegment => ({
    id: s.id,
    kind: s.kind,
    ...(s.kind === 'heading' ? { level: s.level ?? 1 } : {}),
    ...(s.language ? { language: s.language } : {}),
    pages: s.pages,
    variants: byVariant.get(s.id) ?? {},
  });
  const main = new Map<string, EditionSegment[]>();
  const bodies = new Map<string, EditionSegment[]>();
  for (const s of segments) {
    const map = s.footnote_id ? bodies : main;
    const key = s.footnote_id ?? s.document_id;
    const list = map.get(key);
    if (list) list.push(toSegment(s));
    else map.set(key, [toSegment(s)]);
  }
  const notesOf = new Map<string, EditionDocument['footnotes']>();
  for (const f of footnotes) {
    const list = notesOf.get(f.document_id) ?? [];
    list.push({ id: f.id, labels: f.labels, body: bodies.get(f.id) ?? [] });
    notesOf.set(f.document_id, list);
  }
  return {
    id: project.id,
    slug: project.slug,
    title: project.title,
    sourceLanguage: project.sourceLanguage,
    languages: project.languages,
    documents: documents.map((d) => ({ id: d.id, kind: d.kind, titles: d.titles, segments: main.get(d.id) ?? [], footnotes: notesOf.get(d.id) ?? [] })),
  };
}
