import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { BookFormatError } from './errors.js';
import type { PrintedEdition } from './printed-edition.js';
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
