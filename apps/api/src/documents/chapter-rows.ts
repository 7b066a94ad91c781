import type { EntityManager } from 'typeorm';
import type { DocumentKind, InlineContent, SegmentKind } from '#libs/content';

/** A segment row with the texts that were asked for (language → content). */
export interface SegmentRows {
  id: string;
  kind: SegmentKind;
  level: number | null;
  /** The source text's language when it is not the edition's source language. */
  language: string | null;
  pages: string[];
  variants: Record<string, InlineContent>;
}

export interface FootnoteRows {
  id: string;
  position: number;
  labels: Record<string, string>;
  body: SegmentRows[];
}

export interface DocumentRows {
  id: string;
  position: number;
  kind: DocumentKind;
  titles: Record<string, string>;
  /** The main flow, in order. */
  segments: SegmentRows[];
  /** Footnotes in order, each with its body in order. */
  footnotes: FootnoteRows[];
}

export type ChapterRowsScope = { projectId: string } | { documentId: string };

/**
 * The one reader of the document tree as the tables hold it: documents → main-flow segments and
 * footnotes with their bodies, each with the texts of `languages` (all languages when omitted, none
 * for `[]`). Three statements for any size of edition. Used to seed a live document, to match an
 * imported translation against the stored structure, and to export.
 */
export async function readChapterRows(
  manager: EntityManager,
  scope: ChapterRowsScope,
  languages?: readonly string[],
): Promise<DocumentRows[]> {
  const byProject = 'projectId' in scope;
  const id = byProject ? scope.projectId : scope.documentId;
  const documents = (await manager.query(
    `SELECT id, position, kind, titles FROM documents WHERE ${byProject ? 'project_id' : 'id'} = $1 ORDER BY position`,
    [id],
  )) as DocumentRows[];
  if (!documents.length) return [];
  const inScope = byProject ? 'd.project_id = $1' : 'd.id = $1';
  const segments = (await manager.query(
    `SELECT s.id, s.document_id, s.footnote_id, s.kind, s.level, s.language, s.pages
       FROM segments s JOIN documents d ON d.id = s.document_id WHERE ${inScope} ORDER BY s.position`,
    [id],
  )) as { id: string; document_id: string; footnote_id: string | null; kind: SegmentKind; level: number | null; language: string | null; pages: string[] }[];
  const footnotes = (await manager.query(
    `SELECT f.id, f.document_id, f.position, f.labels FROM footnotes f JOIN documents d ON d.id = f.document_id
      WHERE ${inScope} ORDER BY f.position`,
    [id],
  )) as { id: string; document_id: string; position: number; labels: Record<string, string> }[];
  const texts = new Map<string, Record<string, InlineContent>>();
  if (languages === undefined || languages.length) {
    const variants = (await manager.query(
      `SELECT v.segment_id, v.language, v.content FROM variants v JOIN segments s ON s.id = v.segment_id
         JOIN documents d ON d.id = s.document_id
        WHERE ${inScope} AND ($2::text[] IS NULL OR v.language = ANY($2::text[]))`,
      [id, languages ?? null],
    )) as { segment_id: string; language: string; content: InlineContent }[];
    for (const v of variants) {
      let map = texts.get(v.segment_id);
      if (!map) texts.set(v.segment_id, (map = {}));
      map[v.language] = v.content;
    }
  }
  const main = new Map<string, SegmentRows[]>();
  const bodies = new Map<string, SegmentRows[]>();
  for (const s of segments) {
    const row: SegmentRows = { id: s.id, kind: s.kind, level: s.level, language: s.language, pages: s.pages, variants: texts.get(s.id) ?? {} };
    const [map, key] = s.footnote_id ? [bodies, s.footnote_id] : [main, s.document_id];
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  const notes = new Map<string, FootnoteRows[]>();
  for (const f of footnotes) {
    const row: FootnoteRows = { id: f.id, position: f.position, labels: f.labels, body: bodies.get(f.id) ?? [] };
    const list = notes.get(f.document_id);
    if (list) list.push(row);
    else notes.set(f.document_id, [row]);
  }
  return documents.map((d) => ({
    id: d.id,
    position: d.position,
    kind: d.kind,
    titles: d.titles,
    segments: main.get(d.id) ?? [],
    footnotes: notes.get(d.id) ?? [],
  }));
}
