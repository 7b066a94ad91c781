import type { EncodingReport } from '#libs/contracts';
import { decodeBookFile } from './decode.js';
import { isZip } from './docx/ooxml.js';
import { parseDocx } from './docx/read-docx.js';
import type { TextEncoding } from './encoding.js';
import { BookImportError } from './errors.js';
import { parseRenderedText } from './renderings/parse-rendered.js';
import type { RenderingName } from './renderings/rendering.js';
import { DEFAULT_MAX_BYTES, type ImportWarning, type ParsedBook, type ParseOptions } from './types.js';

export interface ReadBookOptions extends ParseOptions {
  /** The user's choice of rendering; detected when absent. */
  rendering?: RenderingName;
  /** The user's choice of text encoding; detected when absent (ignored for DOCX). */
  encoding?: TextEncoding;
}

export interface ReadBook {
  book: ParsedBook;
  /** The encoding of a text file; 'docx' for a Word package. */
  encoding: string;
  encodingReport: EncodingReport | null;
  /** Warnings of the decoding (the book's own are in its report). */
  warnings: ImportWarning[];
}

/**
 * A book file as uploaded → the book: a Word package by its ZIP signature (or the user's choice),
 * else text decoded (the encoding detected or chosen) and read by its rendering (detected or chosen).
 * The one entry point the API and the CLI use.
 */
export async function readBookFile(bytes: Uint8Array, opts: ReadBookOptions): Promise<ReadBook> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    throw new BookImportError('FILE_TOO_LARGE', `The file is ${bytes.length} bytes; the limit is ${maxBytes} bytes.`, { size: bytes.length, maxBytes });
  }
  if (opts.rendering === 'docx' || (isZip(bytes) && opts.rendering === undefined)) {
    if (!isZip(bytes)) throw new BookImportError('NOT_DOCX', 'The file is not a Word (DOCX) document.', {});
    const book = await parseDocx(bytes, opts);
    book.report.rendering = {
      name: 'docx',
      chosenBy: opts.rendering ? 'user' : 'detection',
      detected: isZip(bytes) ? 'docx' : 'markdown',
      reasons: [{ code: 'DOCX_PACKAGE', count: 1 }],
      droppedLines: [],
      guesses: [],
      pageMarkers: 0,
      pageTransitions: 0,
      headingsByShape: {},
      sourceAddress: null,
    };
    return { book, encoding: 'docx', encodingReport: null, warnings: [] };
  }
  const decoded = decodeBookFile(bytes, { maxBytes, encoding: opts.encoding });
  const book = parseRenderedText(decoded.text, opts);
  return { book, encoding: decoded.encoding, encodingReport: decoded.report, warnings: decoded.warnings };
}
