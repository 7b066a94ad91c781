import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseBook } from '#libs/book-import';
import { plainText } from '#libs/content';
import type { ReportSegment } from '../src/consistency.js';

/** The larger corpus book (003) as the consistency report sees an edition: English segments and note bodies. */
export function corpusBookSegments(): ReportSegment[] {
  const shared = process.env.SHARED_DIR ?? resolve(process.cwd(), '..', 'shared');
  const text = readFileSync(resolve(shared, 'corpus/003_f78e96aa30fdf1a9.txt'), 'utf8');
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
