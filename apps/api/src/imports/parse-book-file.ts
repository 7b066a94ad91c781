import { randomUUID } from 'node:crypto';
import { type Book, decodeBookFile, type ImportReport, type ImportWarning, parseBook } from '#libs/book-import';
import { storableText } from '#libs/content';
import { assertBookWithinBounds, assertTextWithinBounds } from './import-bounds.js';

export interface ParsedBookFile {
  book: Book & { report: ImportReport };
  encoding: string;
  warnings: ImportWarning[];
}

export type ParseProgress = (phase: 'decoding' | 'parsing', done: number, total: number) => void;

/**
 * Bytes of an uploaded file to a parsed book: decode, clean what the store cannot hold, check the
 * bounds that need no parsing, parse, check the rest of the bounds (import-bounds.ts). Pure and synchronous (seconds for a very large file): the API
 * runs it in a worker thread (parse-in-worker.ts) so that the event loop stays free meanwhile.
 */
export function parseBookFile(bytes: Uint8Array, options: { language: string; maxBytes: number }, progress: ParseProgress): ParsedBookFile {
  const decoded = decodeBookFile(bytes, { maxBytes: options.maxBytes });
  // NUL and lone surrogates cannot be stored: a file is cleaned, not refused (storable.ts).
  const text = storableText(decoded.text);
  assertTextWithinBounds(text);
  progress('decoding', 1, 1);
  const book = parseBook(text, {
    language: options.language,
    newId: randomUUID,
    maxBytes: options.maxBytes,
    onProgress: (done, total) => progress('parsing', done, total),
  });
  // Checked here, in the worker: a book too large to keep is never copied to the main thread.
  assertBookWithinBounds(book);
  return { book, encoding: decoded.encoding, warnings: decoded.warnings };
}
