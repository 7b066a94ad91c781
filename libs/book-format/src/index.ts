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
export { renderEpub, type EpubOptions } from './epub.js';
export { renderXliff, xliffState, XLIFF_NS, INTERLINEA_XLIFF_NS } from './xliff-export.js';
export { readXliff, type XliffDocument, type XliffUnit } from './xliff-import.js';
export { parseXml, decodeXml, DEFAULT_XML_LIMITS, type XmlElement, type XmlLimits } from './xml.js';
export { renderTmx, readTmx, type TmxDocument, type TmxOptions, type TmxUnit, type TmxVariant } from './tmx.js';
export { renderTypst, type PdfLayout, type TypstOptions } from './typst.js';
export { renderPdf, renderPdfOffThread } from './pdf.js';
export type { PdfJob } from './pdf-worker.js';
