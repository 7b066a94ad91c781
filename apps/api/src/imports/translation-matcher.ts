import type { Book, BookDocument } from '#libs/book-import';
import type { InlineContent } from '#libs/content';
import { DomainError } from '../common/errors/domain-error.js';

/** The structure of a project as stored: what a translation must match segment for segment. */
export interface StoredStructure {
  documents: {
    id: string;
    title: string;
    segments: { id: string; kind: string; level: number | null }[];
    footnotes: { id: string; body: { id: string }[] }[];
  }[];
}

export interface MatchedTranslation {
  variants: { segmentId: string; language: string; content: InlineContent }[];
  titles: { documentId: string; title: string }[];
  labels: { footnoteId: string; label: string }[];
}

/**
 * Pairs a parsed translation with the stored project when both have the same documents, the same
 * segments (kind and heading level) in the same order, and the same footnotes with bodies of the same
 * length. The translation's footnote references are re-pointed at the stored footnotes by position.
 * Anything else is refused with the first difference, so that nothing is half-imported.
 */
export function matchTranslation(stored: StoredStructure, book: Book): MatchedTranslation {
  const language = book.language;
  const mismatch = (reason: string): never => {
    throw new DomainError('IMPORT_STRUCTURE_MISMATCH', { reason });
  };
  if (stored.documents.length !== book.documents.length) {
    mismatch(`the edition has ${stored.documents.length} documents, the file ${book.documents.length}`);
  }
  const out: MatchedTranslation = { variants: [], titles: [], labels: [] };
  stored.documents.forEach((doc, d) => {
    const parsed = book.documents[d] as BookDocument;
    const where = `document ${d + 1} (“${doc.title}”)`;
    if (doc.segments.length !== parsed.segments.length) {
      mismatch(`${where} has ${doc.segments.length} segments in the edition and ${parsed.segments.length} in the file`);
    }
    if (doc.footnotes.length !== parsed.footnotes.length) {
      mismatch(`${where} has ${doc.footnotes.length} footnotes in the edition and ${parsed.footnotes.length} in the file`);
    }
    const footnoteIds = new Map<string, string>();
    doc.footnotes.forEach((f, i) => {
      const pf = parsed.footnotes[i]!;
      if (f.body.length !== pf.body.length) mismatch(`${where}, footnote ${i + 1}: the body has ${f.body.length} paragraphs in the edition and ${pf.body.length} in the file`);
      footnoteIds.set(pf.id, f.id);
      out.labels.push({ footnoteId: f.id, label: pf.label });
      f.body.forEach((s, j) => out.variants.push({ segmentId: s.id, language, content: pf.body[j]!.content }));
    });
    doc.segments.forEach((s, i) => {
      const ps = parsed.segments[i]!;
      if (s.kind !== ps.kind || (s.kind === 'heading' && s.level !== (ps.level ?? 1))) {
        mismatch(`${where}, segment ${i + 1}: a ${s.kind} in the edition, a ${ps.kind} in the file`);
      }
      out.variants.push({ segmentId: s.id, language, content: ps.content });
    });
    out.titles.push({ documentId: doc.id, title: parsed.title });
    // An empty target is no variant: a segment or note the file leaves empty stays untranslated.
    out.variants = out.variants.filter((v) => v.content.length > 0);
    for (const v of out.variants) {
      v.content = v.content.map((n) => (n.type === 'footnoteRef' ? { ...n, footnoteId: footnoteIds.get(n.footnoteId) ?? n.footnoteId } : n));
    }
  });
  return out;
}
