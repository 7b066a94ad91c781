import type { SegmentKind } from '#libs/content';
import type { BookDocument, BookSegment, ImportReport, ImportWarning } from './types.js';

/**
 * A note has a body when one of its paragraphs has text: a body whose paragraphs are all empty (a
 * language exported before its notes were translated) is no body, and so no note without a reference.
 */
const hasBody = (f: BookDocument['footnotes'][number]): boolean => f.body.some((s) => s.content.length > 0);

/** What the import found, computed from the finished structure alone (so a re-import reports the same). */
export function buildReport(documents: BookDocument[], warnings: ImportWarning[]): ImportReport {
  const byKind: Partial<Record<SegmentKind, number>> = {};
  const pages = new Set<string>();
  let segments = 0;
  const count = (s: BookSegment): void => {
    segments++;
    byKind[s.kind] = (byKind[s.kind] ?? 0) + 1;
    for (const p of s.pages) pages.add(p);
  };
  let references = 0;
  let linked = 0;
  let bodies = 0;
  const unresolvedReferences: ImportReport['footnotes']['unresolvedReferences'] = [];
  const orphanBodies: ImportReport['footnotes']['orphanBodies'] = [];
  for (const doc of documents) {
    const footnotes = new Map(doc.footnotes.map((f) => [f.id, f]));
    const refCount = new Map<string, number>();
    const visit = (s: BookSegment): void => {
      count(s);
      for (const node of s.content) {
        if (node.type !== 'footnoteRef') continue;
        references++;
        refCount.set(node.footnoteId, (refCount.get(node.footnoteId) ?? 0) + 1);
        const footnote = footnotes.get(node.footnoteId);
        if (footnote && hasBody(footnote)) linked++;
        else unresolvedReferences.push({ document: doc.id, label: footnote?.label ?? '?' });
      }
    };
    doc.segments.forEach(visit);
    for (const f of doc.footnotes) {
      f.body.forEach(visit);
      if (hasBody(f)) {
        bodies++;
        if (!refCount.has(f.id)) orphanBodies.push({ document: doc.id, label: f.label });
      }
    }
  }
  return {
    documents: documents.length,
    segments,
    segmentsByKind: byKind,
    footnotes: { references, bodies, linked, unresolvedReferences, orphanBodies },
    pages: pages.size,
    warnings,
  };
}
