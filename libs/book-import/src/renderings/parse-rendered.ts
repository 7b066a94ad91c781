import { BookImportError } from '../errors.js';
import { isExport } from '../export-reader.js';
import { parseBook } from '../parse-book.js';
import { buildReport } from '../report.js';
import type { ParsedBook, ParseOptions } from '../types.js';
import { detectRendering } from './detect-rendering.js';
import { markdownPageMarkers, normalizeFlattenedEssay, normalizePlainText, normalizeWebPage, type Normalized } from './normalize-text.js';
import { countPageMarkers } from './page-markers.js';
import { applyPageTokens } from './page-tokens.js';
import type { RenderingName, RenderingReport } from './rendering.js';

export interface RenderedParseOptions extends ParseOptions {
  /** The user's choice; detected when absent. */
  rendering?: RenderingName;
}

const NORMALIZERS: Partial<Record<RenderingName, (text: string) => Normalized>> = {
  'plain-text': normalizePlainText,
  'web-page': normalizeWebPage,
  'flattened-essay': normalizeFlattenedEssay,
};

/**
 * A book's text in any text rendering → the book, with the rendering part of the report: which
 * rendering (detected or chosen), why, the lines dropped, the guesses made, the pages seen.
 */
export function parseRenderedText(input: string, opts: RenderedParseOptions): ParsedBook {
  const text = (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  const detection = detectRendering(text);
  const name = opts.rendering ?? detection.name;
  if (name === 'docx') throw new BookImportError('NOT_DOCX', 'The file is not a Word (DOCX) document.', {});
  if (name === 'interlinea-export' && !isExport(text)) {
    throw new BookImportError('INVALID_EXPORT', 'Not a valid Interlinea Markdown export: its header line is missing (line 1).', { line: 1 });
  }
  const report: RenderingReport = {
    name,
    chosenBy: opts.rendering ? 'user' : 'detection',
    detected: detection.name,
    reasons: opts.rendering && opts.rendering !== detection.name ? [{ code: 'CHOSEN_BY_USER', count: 1 }, ...detection.reasons] : detection.reasons,
    droppedLines: [],
    guesses: [],
    pageMarkers: 0,
    pageTransitions: 0,
    headingsByShape: {},
    sourceAddress: null,
  };
  const normalize = NORMALIZERS[name];
  if (isExport(text)) {
    const book = parseBook(text, opts);
    book.report.rendering = { ...report, name: 'interlinea-export' };
    return book;
  }
  if (!normalize) {
    // Markdown: its own rules, with inline page markers taken out when it has any.
    if (countPageMarkers(text) === 0) {
      const book = parseBook(text, opts);
      book.report.rendering = report;
      return book;
    }
    const marked = markdownPageMarkers(text);
    const book = parseBook(marked.markdown, opts);
    applyPageTokens(book);
    book.report = buildReport(book.documents, book.report.warnings);
    book.report.rendering = { ...report, pageMarkers: marked.pageMarkers, pageTransitions: marked.pageTransitions };
    return book;
  }
  const n = normalize(text);
  const book = parseBook(n.markdown, opts);
  applyPageTokens(book);
  book.report = buildReport(book.documents, book.report.warnings);
  book.report.rendering = {
    ...report,
    droppedLines: n.droppedLines,
    guesses: n.guesses,
    pageMarkers: n.pageMarkers,
    pageTransitions: n.pageTransitions,
    headingsByShape: n.headingsByShape,
    sourceAddress: n.sourceAddress,
  };
  return book;
}
