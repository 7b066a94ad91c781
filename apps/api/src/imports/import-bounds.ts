import type { Book } from '#libs/book-import';
import { CONTENT_LIMITS, plainText } from '#libs/content';
import { DomainError } from '../common/errors/domain-error.js';

/**
 * Bounds no real chapter reaches, so that an import cannot make a chapter too large to open live
 * (every chapter is one Y.Doc, loaded whole for its first edit: about 1 s of CPU per 10,000
 * segments here, measured in docs/security.md). A long chapter of a monograph has a few hundred
 * paragraphs and notes; a book without recognisable chapter headings is refused with the advice to
 * mark its chapters.
 */
export const IMPORT_BOUNDS = {
  /** Segments (main flow and note bodies) in one chapter. */
  segmentsPerDocument: 10_000,
} as const;

/**
 * Refuses a parsed book one of whose chapters has more segments than a chapter may have, or one of
 * whose segments is longer than any variant may be (CONTENT_LIMITS: a file of lines without blank
 * lines between them reads as one paragraph of millions of characters).
 */
export function assertBookWithinBounds(book: Book): void {
  for (const document of book.documents) {
    const count = document.segments.length + document.footnotes.reduce((n, f) => n + f.body.length, 0);
    if (count > IMPORT_BOUNDS.segmentsPerDocument) {
      throw new DomainError('IMPORT_TOO_LARGE', { document: document.title, count, limit: IMPORT_BOUNDS.segmentsPerDocument });
    }
    for (const segment of [...document.segments, ...document.footnotes.flatMap((f) => f.body)]) {
      if (segment.content.length > CONTENT_LIMITS.nodes || plainText(segment.content).length > CONTENT_LIMITS.characters) {
        throw new DomainError('IMPORT_TOO_LARGE', { context: 'segment', document: document.title, limit: CONTENT_LIMITS.characters });
      }
    }
  }
}
