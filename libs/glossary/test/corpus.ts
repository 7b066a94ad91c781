import { readFileSync } from 'node:fs';
import { parseBook } from '#libs/book-import';
import { plainText } from '#libs/content';
import type { ReportSegment } from '../src/consistency.js';
import { sharedPath } from '../../../test/support/shared-data.js';

/** The larger corpus book (003) as the consistency report sees an edition: English segments and note bodies. */
export function corpusBookSegments(): ReportSegment[] {
  const text = readFileSync(sharedPath('corpus', '003_f78e96aa30fdf1a9.txt'), 'utf8');
  const book = parseBook(text, { language: 'en' });
  const out: ReportSegment[] = [];
  for (const doc of book.documents) {
    for (const s of doc.segments) if (s.language === 'en') out.push({ segmentId: s.id, documentId: doc.id, text: plainText(s.content), context: 'main' });
    for (const f of doc.footnotes) {
      for (const s of f.body) if (s.language === 'en') out.push({ segmentId: s.id, documentId: doc.id, text: plainText(s.content), context: 'footnote' });
    }
  }
  return out;
}
