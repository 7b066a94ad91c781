import { parentPort, workerData } from 'node:worker_threads';
import { BookImportError } from '#libs/book-import';
import { DomainError } from '../common/errors/domain-error.js';
import { parseBookFile } from './parse-book-file.js';
import type { WorkerReply, WorkerRequest } from './parse-in-worker.js';

/** The worker thread of parse-in-worker.ts: one file, one answer, progress on the way. */
const request = workerData as WorkerRequest;
const post = (reply: WorkerReply): void => parentPort!.postMessage(reply);
let lastProgress = 0;
try {
  const parsed = await parseBookFile(request.bytes, request, (phase, done, total) => {
    // Progress is for a bar: a few messages a second are plenty.
    const now = Date.now();
    if (done < total && now - lastProgress < 200) return;
    lastProgress = now;
    post({ type: 'progress', phase, done, total });
  });
  post({ type: 'done', parsed });
} catch (error) {
  if (error instanceof BookImportError) post({ type: 'importError', code: error.code, message: error.message, details: error.details ?? {} });
  else if (error instanceof DomainError) post({ type: 'domainError', code: error.code, params: error.params });
  else post({ type: 'crash', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
