#!/usr/bin/env node
// Renders the whole larger corpus book (003: 1.2 MB, ~3,000 segments, ~900 notes) as a bilingual
// edition in every format, with the built libs/book-format, and prints wall time and peak memory per
// format. The corpus book exists in English only, so the second language is generated: every Latin
// letter of the English text mapped to a Cyrillic one (same lengths, same notes, Cyrillic glyphs and
// Russian hyphenation for the typesetter).
// Targets (issue 12): HTML and DOCX under 5 s each, PDF under 30 s, peak memory under 1.5 GB.
//
//   npm run build:api && node --expose-gc bench/export.mjs
//   FORMATS=pdf-facing,html RUNS=1 BOOK=path node --expose-gc bench/export.mjs
//
// Wall time suffers when other work shares the cores; CPU time (user + system of the process, the
// typesetter's threads included) is printed beside it.
// Each format runs in a child process of its own (peak RSS is that process's VmHWM, which also counts
// the typesetter's native memory), so one format's garbage never counts against the next.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild } from '../scripts/ensure-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bookPath = process.env.BOOK ?? join(root, '../shared/corpus/003_f78e96aa30fdf1a9.txt');
const formats = (process.env.FORMATS ?? 'html,docx,epub,xliff,tmx,pdf-columns,pdf-facing').split(',');
const runs = Number(process.env.RUNS ?? 1);

if (process.argv[2] === '--child') {
  const [, , , format, out] = process.argv;
  const { parseBook } = await import('../dist/libs/book-import/src/index.js');
  const lib = await import('../dist/libs/book-format/src/index.js');
  const started = performance.now();
  const book = parseBook(readFileSync(bookPath, 'utf8'), { language: 'en' });
  const edition = toEdition(book);
  const loaded = performance.now();
  const cpuStart = process.cpuUsage();
  const printed = () => lib.printEdition(edition, { languages: ['en', 'ru'], mode: 'draft' });
  let bytes;
  let pages = null;
  switch (format) {
    case 'html':
      bytes = Buffer.byteLength(lib.renderHtml(printed()));
      break;
    case 'docx':
      bytes = (await lib.renderDocx(printed())).byteLength;
      break;
    case 'epub':
      bytes = (await lib.renderEpub(lib.printEdition(edition, { languages: ['ru'], mode: 'draft' }), { modified: new Date() })).byteLength;
      break;
    case 'xliff':
      bytes = Buffer.byteLength(lib.renderXliff(edition, 'en', 'ru'));
      break;
    case 'tmx':
      bytes = Buffer.byteLength(lib.renderTmx(edition, { created: new Date(), toolVersion: 'bench' }));
      break;
    default: {
      const result = lib.renderPdf(printed(), { layout: format.replace('pdf-', '') });
      bytes = result.pdf.byteLength;
      pages = result.pages;
      if (out) writeFileSync(out, result.pdf);
    }
  }
  const done = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
  const segments = edition.documents.reduce((n, d) => n + d.segments.length, 0);
  const notes = edition.documents.reduce((n, d) => n + d.footnotes.length, 0);
  console.log(JSON.stringify({ format, cpu: (cpu.user + cpu.system) / 1e6, seconds: (done - loaded) / 1000, parseSeconds: (loaded - started) / 1000, bytes, pages, peak: hwm, segments, notes, documents: edition.documents.length }));
  process.exit(0);
}

/** Latin → Cyrillic, letter by letter: a stand-in Russian text of the same shape. */
function cyrillic(text) {
  const map = 'абцдефгхийклмнопярстуввхыз';
  return text.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? map[c.charCodeAt(0) - 97] : map[c.toLowerCase().charCodeAt(0) - 97].toUpperCase()));
}

function translate(content) {
  return content.map((n) => (n.type === 'text' ? { ...n, text: cyrillic(n.text) } : n));
}

function toEdition(book) {
  let revision = 0;
  const segment = (s) => ({
    id: s.id,
    kind: s.kind,
    ...(s.level !== undefined ? { level: s.level } : {}),
    pages: s.pages,
    variants: {
      en: { content: s.content, status: 'approved', revision: 1, contentHash: `e${++revision}` },
      ru: { content: translate(s.content), status: 'translated', revision: 1, contentHash: `r${revision}` },
    },
  });
  return {
    id: 'bench',
    slug: 'bench',
    title: book.title || 'Corpus 003',
    sourceLanguage: 'en',
    languages: ['en', 'ru'],
    documents: book.documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      titles: { en: d.title, ru: cyrillic(d.title) },
      segments: d.segments.map(segment),
      footnotes: d.footnotes.map((f) => ({ id: f.id, labels: { en: f.label, ru: f.label }, body: f.body.map(segment) })),
    })),
  };
}

ensureBuild({ web: false });
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(`Book: ${bookPath.split('/').pop()} (${(readFileSync(bookPath).length / 1024).toFixed(0)} KiB), English + generated Cyrillic, draft (every text printed); ${runs} run(s) per format`);
console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${mb(os.totalmem())} RAM, Node ${process.version}\n`);
const dir = mkdtempSync(join(os.tmpdir(), 'interlinea-bench-export-'));
console.log('format        wall      CPU       peak RSS   output');
for (const format of formats) {
  for (let run = 0; run < runs; run++) {
    const out = format.startsWith('pdf') ? join(dir, `${format}.pdf`) : '';
    const line = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', format, out], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim().split('\n').pop();
    const r = JSON.parse(line);
    if (format === formats[0] && run === 0) console.log(`(${r.documents} documents, ${r.segments} segments, ${r.notes} notes; parsing the book took ${r.parseSeconds.toFixed(2)} s, not counted)\n`);
    console.log(`${format.padEnd(12)} ${r.seconds.toFixed(2).padStart(6)} s  ${r.cpu.toFixed(2).padStart(6)} s  ${mb(r.peak).padStart(8)}   ${(r.bytes / 1024 / 1024).toFixed(1)} MB${r.pages ? `, ${r.pages} pages` : ''}${out ? ` → ${out}` : ''}`);
  }
}
