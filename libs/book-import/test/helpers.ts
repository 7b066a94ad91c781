import { readFileSync } from 'node:fs';
import path from 'node:path';
import { plainText, type InlineContent } from '#libs/content';
import { sharedPath } from '../../../test/support/shared-data.js';
import type { Book, BookDocument, BookSegment, ImportReport } from '../src/index.js';

/** Fixture files of this library (jest runs from the repository root). */
export const fixture = (name: string): string =>
  readFileSync(path.resolve(process.cwd(), 'libs/book-import/test/fixtures', name), 'utf8');

/** A file of the corpus beside the repository (`../shared/corpus`, or under SHARED_DIR). */
export const corpusPath = (name: string): string => sharedPath('corpus', name);

/** Deterministic ids for tests. */
export function counterIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

export const text = (content: InlineContent): string => plainText(content);

export const allSegments = (doc: BookDocument): BookSegment[] => [...doc.segments, ...doc.footnotes.flatMap((f) => f.body)];

export const countKind = (doc: BookDocument, kind: BookSegment['kind']): number =>
  allSegments(doc).filter((s) => s.kind === kind).length;

export function refsIn(doc: BookDocument): string[] {
  return allSegments(doc).flatMap((s) => s.content.flatMap((n) => (n.type === 'footnoteRef' ? [n.footnoteId] : [])));
}

/** Labels of the footnotes referenced from a segment, in order. */
export function refLabels(doc: BookDocument, segment: BookSegment): string[] {
  const byId = new Map(doc.footnotes.map((f) => [f.id, f]));
  return segment.content.flatMap((n) => (n.type === 'footnoteRef' ? [byId.get(n.footnoteId)?.label ?? '?'] : []));
}

export const findDoc = (book: Book, title: string | RegExp): BookDocument => {
  const doc = book.documents.find((d) => (typeof title === 'string' ? d.title === title : title.test(d.title)));
  if (!doc) throw new Error(`no document ${String(title)} in ${book.documents.map((d) => d.title).join(' | ')}`);
  return doc;
};

/**
 * A book's structure without ids: documents (kind, title), segments (kind, level, language, pages,
 * content with footnote references replaced by the footnote's position in the document), footnotes
 * (label, body). Two books with the same shape are the same edition.
 */
export function shape(book: Book): unknown {
  return book.documents.map((doc) => {
    const index = new Map(doc.footnotes.map((f, i) => [f.id, i]));
    const segment = (s: BookSegment): unknown => ({
      kind: s.kind,
      level: s.level,
      language: s.language,
      pages: s.pages,
      content: s.content.map((n) => (n.type === 'text' ? { text: n.text, marks: n.marks ?? [] } : { ref: index.get(n.footnoteId) })),
    });
    return {
      kind: doc.kind,
      title: doc.title,
      segments: doc.segments.map(segment),
      footnotes: doc.footnotes.map((f) => ({ label: f.label, body: f.body.map(segment) })),
    };
  });
}

/** Report counts, with document ids (which differ between two imports) replaced by document positions. */
export function reportCounts(book: Book & { report: ImportReport }): unknown {
  const position = new Map(book.documents.map((d, i) => [d.id, i]));
  const r = book.report;
  return {
    documents: r.documents,
    segments: r.segments,
    segmentsByKind: r.segmentsByKind,
    pages: r.pages,
    footnotes: {
      ...r.footnotes,
      unresolvedReferences: r.footnotes.unresolvedReferences.map((u) => ({ ...u, document: position.get(u.document) })),
      orphanBodies: r.footnotes.orphanBodies.map((u) => ({ ...u, document: position.get(u.document) })),
    },
  };
}

/**
 * The Markdown export, for round-trip tests of the importer. It moves to libs/book-format (issue 12);
 * this is the one line that follows it.
 */
export { renderMarkdown } from '#libs/book-format';
