import { Worker } from 'node:worker_threads';
import { BookImportError, type BookImportErrorCode } from '#libs/book-import';
import { DomainError } from '../common/errors/domain-error.js';
import type { ErrorCode } from '../common/errors/error-codes.js';
import { type ParseBookFileOptions, type ParsedBookFile, type ParseProgress, parseBookFile } from './parse-book-file.js';

export type WorkerRequest = ParseBookFileOptions & { bytes: Uint8Array };

export type WorkerReply =
  | { type: 'progress'; phase: 'decoding' | 'parsing'; done: number; total: number }
  | { type: 'done'; parsed: ParsedBookFile }
  | { type: 'importError'; code: BookImportErrorCode; message: string; details: Record<string, unknown> }
  | { type: 'domainError'; code: ErrorCode; params: Record<string, string | number> }
  | { type: 'crash'; message: string };

const WORKER = new URL('./parse-worker.js', import.meta.url);

/**
 * parseBookFile in a worker thread: parsing a large book takes seconds of CPU (200,000 paragraphs:
 * about 4 s here), which on the main thread would stall every request and socket of the process.
 * The same errors come out as from parseBookFile. Where there is no compiled worker (the sources
 * run directly, as under jest's transpiler) it parses in the calling thread.
 */
export async function parseInWorker(request: WorkerRequest, progress: ParseProgress): Promise<ParsedBookFile> {
  if (!import.meta.url.endsWith('.js')) return parseBookFile(request.bytes, request, progress);
  return new Promise<ParsedBookFile>((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: request });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on('message', (reply: WorkerReply) => {
      switch (reply.type) {
        case 'progress':
          progress(reply.phase, reply.done, reply.total);
          return;
        case 'done':
          return settle(() => resolve(reply.parsed));
        case 'importError':
          return settle(() => reject(new BookImportError(reply.code, reply.message, reply.details)));
        case 'domainError':
          return settle(() => reject(new DomainError(reply.code, reply.params)));
        case 'crash':
          return settle(() => reject(new Error(`book parser failed: ${reply.message}`)));
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`book parser exited with code ${code}`))));
  });
}
