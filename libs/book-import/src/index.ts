export { decodeBookFile } from './decode.js';
export { BookImportError, type BookImportErrorCode } from './errors.js';
export { parseBook } from './parse-book.js';
export { renderMarkdown } from './render-markdown.js';
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
