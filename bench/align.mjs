#!/usr/bin/env node
// Aligns the larger corpus book (../shared/corpus/003_…, parsed by libs/book-import) against a
// generated perturbation of itself, the whole book as one sequence of paragraphs: 5 % of the
// sentences dropped, 10 % of the paragraphs split at a random sentence boundary, 10 % merged with the
// next. Prints the wall time of the alignment (two-level, with the learnt word list: two passes) and
// the strict F1 over sentences. Target: under 10 s, F1 ≥ 0.99.
//
//   node bench/align.mjs      SEED=7 …      BOOK=path …      RUNS=5 …      SHOW_ERRORS=1 … (the first wrong beads)
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild } from '../scripts/ensure-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bookPath = process.env.BOOK ?? join(process.env.SHARED_DIR ?? join(root, '../shared'), 'corpus/003_f78e96aa30fdf1a9.txt');
const seed = Number(process.env.SEED ?? 15);
const runs = Number(process.env.RUNS ?? 3);

ensureBuild({ web: false });
const A = await import('../dist/libs/alignment/src/index.js');
const { parseBook } = await import('../dist/libs/book-import/src/index.js');
const { plainText } = await import('../dist/libs/content/src/index.js');

const book = parseBook(readFileSync(bookPath, 'utf8'), { language: 'en' });
const source = book.documents.flatMap((d) => d.segments.map((s) => ({ text: plainText(s.content), heading: s.kind === 'heading' }))).filter((p) => p.text.trim());
const words = source.reduce((n, p) => n + p.text.split(/\s+/).filter(Boolean).length, 0);

// The perturbed copy: every kept sentence remembers which source sentence it is.
const random = A.seededRandom(seed);
const sentences = source.map((p) => (p.heading ? [{ text: p.text.trim() }] : A.splitSentences(p.text, 'en')));
let id = 0;
const ids = sentences.map((list) => list.map(() => id++));
const kept = new Set();
const groups = []; // target paragraphs as lists of [sentence id, text]
let pendingMerge = false;
source.forEach((p, k) => {
  const list = sentences[k].map((s, i) => [ids[k][i], s.text]).filter(([sid]) => p.heading || random() >= 0.05);
  list.forEach(([sid]) => kept.add(sid));
  if (!list.length) return;
  const parts = !p.heading && list.length >= 2 && random() < 0.1 ? (() => {
    const at = 1 + Math.floor(random() * (list.length - 1));
    return [list.slice(0, at), list.slice(at)];
  })() : [list];
  for (const part of parts) {
    if (pendingMerge && groups.length) groups[groups.length - 1].items.push(...part);
    else groups.push({ heading: p.heading, items: [...part] });
    pendingMerge = false;
  }
  pendingMerge = !p.heading && random() < 0.1;
});
const target = groups.map((g) => {
  let text = '';
  const spans = [];
  for (const [sid, t] of g.items) {
    if (text) text += ' ';
    spans.push([text.length, text.length + t.length, sid]);
    text += t;
  }
  return { text, heading: g.heading, spans };
});

console.log(`Book: ${bookPath.split('/').pop()}: ${source.length} paragraphs, ${id} sentences, ${words.toLocaleString('en')} words`);
console.log(`Perturbed (seed ${seed}): ${target.length} paragraphs, ${kept.size} sentences kept (${id - kept.size} dropped)`);
console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}\n`);

let result;
const times = [];
for (let r = 0; r < runs; r++) {
  const started = performance.now();
  result = A.alignDocument(source, target.map(({ text, heading }) => ({ text, heading })), { from: 'en', to: 'en' });
  times.push((performance.now() - started) / 1000);
}
const sourceIds = (refs) => refs.map((r) => ids[r.paragraph][r.sentence]);
const targetIds = (refs) =>
  refs.flatMap((r) => {
    const s = result.targetSentences[r.paragraph][r.sentence];
    return target[r.paragraph].spans.filter(([a, b]) => a < s.end && b > s.start).map((x) => x[2]);
  });
const beads = result.sentences.map((b) => ({ source: sourceIds(b.source), target: targetIds(b.target) }));
const score = A.referenceScore(beads, [...kept]);
times.sort((a, b) => a - b);
console.log(`alignment: median ${times[Math.floor(times.length / 2)].toFixed(2)} s, worst ${times[times.length - 1].toFixed(2)} s over ${runs} runs; ${result.paragraphs.length} paragraph beads, ${result.sentences.length} sentence beads`);
console.log(`strict F1 ${score.strict.f1.toFixed(4)} (precision ${score.strict.precision.toFixed(4)}, recall ${score.strict.recall.toFixed(4)}); lax F1 ${score.lax.f1.toFixed(4)}`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
if (process.env.SHOW_ERRORS) {
  const wanted = kept;
  let shown = 0;
  for (const b of beads) {
    const s = new Set(b.source), t = new Set(b.target);
    const ok = b.source.length && b.target.length ? s.size === t.size && [...s].every((u) => t.has(u)) : (b.source.length ? b.source : b.target).every((u) => !wanted.has(u));
    if (!ok && shown++ < 15) console.log(JSON.stringify(b), b.source.map((i) => sentences.flat()[i].text.slice(0, 60)));
  }
}
