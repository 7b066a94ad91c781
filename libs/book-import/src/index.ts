export { decodeBookFile } from './decode.js';
export { BookImportError, type BookImportErrorCode } from './errors.js';
export { parseBook } from './parse-book.js';
// The Markdown export lives in libs/book-format; it writes the format export-reader reads back.
export { canonicalContent } from './content.js';
export { EMPHASIS_SEPARATOR, encodeDirective, EXPORT_HEADER, type SegmentDirective } from './export-format.js';
export { readBookFile, type ReadBook, type ReadBookOptions } from './read-book-file.js';
export { parseRenderedText } from './renderings/parse-rendered.js';
export { detectRendering } from './renderings/detect-rendering.js';
export { parseDocx } from './docx/read-docx.js';
export { TEXT_ENCODINGS, isTextEncoding, type TextEncoding } from './encoding.js';
export type {
  Book,
  BookDocument,
  BookEncoding,
  BookFootnote,
  BookSegment,
  DecodedBookFile,
  FootnoteProblem,
  ImportReport,
  ImportWarning,
  ParsedBook,
  ParseOptions,
} from './types.js';
export { DEFAULT_MAX_BYTES } from './types.js';
