import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { BookFormatError } from './errors.js';
import { renderPdf } from './pdf.js';
import type { PrintedEdition } from './printed-edition.js';
import type { TypstOptions } from './typst.js';

/** Marks the thread's job, which keeps this module inert wherever else it is imported. */
export const PDF_JOB = 'interlinea-pdf';

/** What the thread is given. */
export interface PdfJob {
  kind: typeof PDF_JOB;
  edition: PrintedEdition;
  options: TypstOptions;
}

export type PdfReply =
  | { ok: true; pdf: Uint8Array; pages: number }
  | { ok: false; code: string; message: string; params: Record<string, string | number> };

const job = workerData as PdfJob | null;
if (!isMainThread && parentPort && job?.kind === PDF_JOB) {
  let reply: PdfReply;
  try {
    const { pdf, pages } = renderPdf(job.edition, job.options);
    reply = { ok: true, pdf, pages };
  } catch (error) {
    reply =
      error instanceof BookFormatError
        ? { ok: false, code: error.code, message: error.message, params: error.params }
        : { ok: false, code: 'TYPESET_FAILED', message: (error as Error).message, params: { reason: (error as Error).message } };
  }
  parentPort.postMessage(reply);
}
