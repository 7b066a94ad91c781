export type { Edition, EditionDocument, EditionFootnote, EditionSegment, EditionVariant, VariantState } from './edition.js';
export { BookFormatError, type BookFormatErrorCode } from './errors.js';
export {
  printEdition,
  type EditionMode,
  type MissingText,
  type PrintedDocument,
  type PrintedEdition,
  type PrintedNote,
  type PrintedSegment,
  type PrintOptions,
  type UnreferencedNote,
} from './printed-edition.js';
export { renderMarkdown } from './markdown.js';
export { renderHtml } from './html.js';
export { renderDocx } from './docx.js';
