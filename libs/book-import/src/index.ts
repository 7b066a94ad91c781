export { decodeBookFile } from './decode.js';
export { BookImportError, type BookImportErrorCode } from './errors.js';
export { parseBook } from './parse-book.js';
export { readBookFile, type ReadBook, type ReadBookOptions } from './read-book-file.js';
export { parseRenderedText } from './renderings/parse-rendered.js';
export { detectRendering } from './renderings/detect-rendering.js';
export { parseDocx } from './docx/read-docx.js';
export { TEXT_ENCODINGS, isTextEncoding, type TextEncoding } from './encoding.js';
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
