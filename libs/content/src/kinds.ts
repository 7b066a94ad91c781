/** What a document of an edition is: a chapter, or one of the parts of a book around the chapters. */
export const DOCUMENT_KINDS = [
  'frontMatter',
  'contents',
  'chapter',
  'backMatter',
  'bibliography',
  'index',
  'glossary',
  'biographies',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * What a segment is. `figure` holds the text of a pictured document (a facsimile's OCR text), usually
 * in another language than the book; `noteBody` segments belong to a footnote, not to the main flow.
 */
export const SEGMENT_KINDS = [
  'heading',
  'paragraph',
  'blockQuote',
  'listItem',
  'table',
  'caption',
  'figure',
  'noteBody',
] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

export const isDocumentKind = (v: unknown): v is DocumentKind =>
  typeof v === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(v);
export const isSegmentKind = (v: unknown): v is SegmentKind =>
  typeof v === 'string' && (SEGMENT_KINDS as readonly string[]).includes(v);
