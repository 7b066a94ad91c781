import { randomUUID } from 'node:crypto';
import { readBookFile, type ReadBook } from '#libs/book-import';
import type { RenderingName } from '#libs/contracts';
import type { TextEncoding } from '#libs/book-import';
import { assertBookWithinBounds } from './import-bounds.js';

export type ParsedBookFile = ReadBook;

export type ParseProgress = (phase: 'decoding' | 'parsing', done: number, total: number) => void;

export interface ParseBookFileOptions {
  language: string;
  maxBytes: number;
  rendering?: RenderingName;
  encoding?: TextEncoding;
}

/**
 * Bytes of an uploaded file to a parsed book (readBookFile: the importer's one entry point), then
 * the bounds of import-bounds.ts. CPU-bound for seconds on a very large file: the API runs it in a
 * worker thread (parse-in-worker.ts) so that the event loop stays free meanwhile. Text the store
 * cannot hold is cleaned by normalizeContent as the importer builds the content.
 */
export async function parseBookFile(bytes: Uint8Array, options: ParseBookFileOptions, progress: ParseProgress): Promise<ParsedBookFile> {
  const read = await readBookFile(bytes, {
    language: options.language,
    newId: randomUUID,
    maxBytes: options.maxBytes,
    rendering: options.rendering,
    encoding: options.encoding,
    onProgress: (done, total) => progress('parsing', done, total),
  });
  progress('decoding', 1, 1);
  // Checked here, in the worker: a book too large to keep is never copied to the main thread.
  assertBookWithinBounds(read.book);
  return read;
}
