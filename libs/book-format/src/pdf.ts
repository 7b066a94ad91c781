import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { BookFormatError } from './errors.js';
import type { PrintedEdition } from './printed-edition.js';
import { PDF_JOB, type PdfJob, type PdfReply } from './pdf-worker.js';
import { renderTypst, type TypstOptions } from './typst.js';

/** The edition typeset as PDF with Typst (fonts embedded by the compiler: Libertinus, with Cyrillic). */
export function renderPdf(edition: PrintedEdition, options: TypstOptions): { pdf: Uint8Array; pages: number } {
  const source = renderTypst(edition, options);
  const compiler = NodeCompiler.create();
  try {
    const result = compiler.compile({ mainFileContent: source });
    const document = result.result;
    if (!document || result.hasError()) {
      const diagnostics = result.takeDiagnostics()?.shortDiagnostics ?? [];
      const diagnostic = diagnostics[0] as { message?: string; range?: string; hints?: string[] } | undefined;
      const first = diagnostic ? `${diagnostic.message ?? 'error'}${diagnostic.range ? ` at ${diagnostic.range}` : ''}` : 'unknown error';
      throw new BookFormatError('TYPESET_FAILED', `typesetting failed: ${first}`, { reason: first });
    }
    // Untagged: tags (PDF/UA structure) double the time of writing and the size of a book-length file.
    const pdf = compiler.pdf(document, { pdfTags: false });
    return { pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), pages: document.numOfPages };
  } finally {
    compiler.evictCache(0);
  }
}

/**
 * `renderPdf` on a thread of its own, so a process serving live editors keeps answering while a book
 * is typeset (a whole book takes seconds of CPU). The thread runs the compiled `pdf-worker.js` beside
 * this file; when the TypeScript sources run (tests), the built one in `dist/` (the test setup keeps it
 * fresh); with neither, it typesets in place.
 */
export async function renderPdfOffThread(edition: PrintedEdition, options: TypstOptions): Promise<{ pdf: Uint8Array; pages: number }> {
  const script = [new URL('./pdf-worker.js', import.meta.url), new URL('../../../dist/libs/book-format/src/pdf-worker.js', import.meta.url)].find((u) => existsSync(fileURLToPath(u)));
  if (!script) return renderPdf(edition, options);
  const job: PdfJob = { kind: PDF_JOB, edition, options };
  const reply = await new Promise<PdfReply>((resolve, reject) => {
    const worker = new Worker(script, { workerData: job });
    worker.once('message', (message: PdfReply) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new BookFormatError('TYPESET_FAILED', `the typesetting thread stopped (exit code ${code})`, { reason: `exit code ${code}` })));
  });
  if (!reply.ok) throw new BookFormatError(reply.code as BookFormatError['code'], reply.message, reply.params);
  return { pdf: reply.pdf, pages: reply.pages };
}
