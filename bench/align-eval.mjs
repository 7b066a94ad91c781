#!/usr/bin/env node
// Evaluates the aligner on the verse-aligned Bible gold set (../shared/reference/bible/: Ruth, Jonah,
// Mark in EN/RU/DE; verse ids are the gold) for EN–RU and EN–DE:
//
//   1. lines: one verse per line through `npm run cli -- align --lines` (the CLI itself), clean and
//      with one side perturbed (5 % of verses dropped, 10 % of neighbours merged into one line);
//      strict bead F1 (every bead, 1:0 and 0:1 included), the same without null beads, and lax F1;
//   2. paragraphs: the verses of each chapter run together into one paragraph per language, aligned by
//      the library's two-level aligner (paragraphs, then its own sentences), scored by verse ids.
//
// Leave one book out: the length model (ratio c, variance s², and the factor the variance is widened
// by) is fitted on the two other books, never on the verses it scores. `--fit` prints the parameters
// fitted on all three books instead (the library's built-in FITTED_LENGTH_MODELS), `--json` the
// figures as JSON (the goal test reads them).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild } from '../scripts/ensure-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.SHARED_DIR ?? join(root, '../shared');
const bibleDir = join(shared, 'reference/bible');
const json = process.argv.includes('--json');
const fitOnly = process.argv.includes('--fit');

ensureBuild({ web: false });
const A = await import('../dist/libs/alignment/src/index.js');

const BOOKS = ['ruth', 'jonah', 'mark'];
const PAIRS = [['en', 'ru'], ['en', 'de']];
const PERTURBATION = { drop: 0.05, merge: 0.1, seed: 15 };
/** Candidate widenings of the fitted Gaussian variance (the length differences have heavy tails). */
const SCALES = [1, 1.5, 2, 2.5, 3, 4];

const read = (book) =>
  readFileSync(join(bibleDir, `${book}.tsv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [id, en, ru, de] = line.split('\t');
      return { id, en, ru, de };
    });
const data = Object.fromEntries(BOOKS.map((b) => [b, read(b)]));
const identity = (n) => Array.from({ length: n }, (_, i) => ({ source: [i], target: [i], confidence: 1 }));

function fit(books, from, to) {
  const verses = books.flatMap((b) => data[b]);
  const base = A.fitLengthModel(verses.map((v) => [A.textLength(v[from]), A.textLength(v[to])]));
  // The widening is chosen on the same training books: mean strict F1, clean and perturbed.
  let best = { scale: 1, f1: -1 };
  for (const scale of SCALES) {
    const model = { ratio: base.ratio, variance: base.variance * scale };
    let sum = 0;
    for (const b of books) {
      const src = data[b].map((v) => v[from]);
      const tgt = data[b].map((v) => v[to]);
      sum += A.strictScore(identity(src.length), A.alignSentences(src, tgt, { from, to, lengthModel: model })).f1;
      const p = A.perturbLines(tgt, { ...PERTURBATION, seed: PERTURBATION.seed + 1 });
      sum += A.strictScore(p.gold, A.alignSentences(src, p.lines, { from, to, lengthModel: model })).f1;
    }
    if (sum > best.f1 + 1e-9) best = { scale, f1: sum };
  }
  return { ratio: base.ratio, variance: base.variance * best.scale, fittedVariance: base.variance, scale: best.scale };
}

if (fitOnly) {
  const out = {};
  for (const [a, b] of [['en', 'ru'], ['ru', 'en'], ['en', 'de'], ['de', 'en'], ['ru', 'de'], ['de', 'ru']]) {
    const m = fit(BOOKS, a, b);
    out[`${a}>${b}`] = m;
    if (!json) console.log(`'${a}>${b}': { ratio: ${m.ratio.toFixed(4)}, variance: ${m.variance.toFixed(3)} }, // s² fitted ${m.fittedVariance.toFixed(3)} × ${m.scale}`);
  }
  if (json) console.log(JSON.stringify(out, null, 2));
  process.exit(0);
}

const tmp = mkdtempSync(join(os.tmpdir(), 'align-eval-'));
const cli = (src, tgt, from, to, model, extra = []) => {
  const s = join(tmp, 'source.txt');
  const t = join(tmp, 'target.txt');
  writeFileSync(s, `${src.join('\n')}\n`);
  writeFileSync(t, `${tgt.join('\n')}\n`);
  const args = ['dist/apps/api/src/cli/main.js', 'align', '--lines', s, t, '--from', from, '--to', to, '--length-ratio', String(model.ratio), '--length-variance', String(model.variance), '--json', ...extra];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 }));
};

function paragraphs(rows, lang) {
  const chapters = [...new Set(rows.map((r) => r.id.split('.')[1]))];
  return chapters.map((c) => {
    let text = '';
    const spans = [];
    rows.forEach((r, v) => {
      if (r.id.split('.')[1] !== c) return;
      if (text) text += ' ';
      spans.push([text.length, text.length + r[lang].length, v]);
      text += r[lang];
    });
    return { text, spans };
  });
}

function paragraphEval(rows, from, to, model) {
  const P = paragraphs(rows, from);
  const Q = paragraphs(rows, to);
  const res = A.alignDocument(P.map((p) => ({ text: p.text })), Q.map((p) => ({ text: p.text })), { from, to, lengthModel: model });
  const verses = (paras, sentences, refs) =>
    refs.flatMap((r) => {
      const s = sentences[r.paragraph][r.sentence];
      return paras[r.paragraph].spans.filter(([a, b]) => a < s.end && b > s.start).map((x) => x[2]);
    });
  const byVerse = res.sentences.map((b) => ({ source: verses(P, res.sourceSentences, b.source), target: verses(Q, res.targetSentences, b.target) }));
  const ref = A.referenceScore(byVerse, rows.map((_, i) => i));
  // Sentence-level gold: the finest grouping of both sides' sentences that verse boundaries allow.
  const ranges = (paras, sentences) =>
    sentences.flatMap((list, p) =>
      list.map((s) => {
        const vs = paras[p].spans.filter(([a, b]) => a < s.end && b > s.start).map((x) => x[2]);
        return [Math.min(...vs), Math.max(...vs)];
      }),
    );
  const gold = A.goldFromRanges(ranges(P, res.sourceSentences), ranges(Q, res.targetSentences));
  const start = (lists) => lists.reduce((acc, l) => [...acc, acc[acc.length - 1] + l.length], [0]);
  const sS = start(res.sourceSentences);
  const sT = start(res.targetSentences);
  const flat = res.sentences.map((b) => ({ source: b.source.map((r) => sS[r.paragraph] + r.sentence), target: b.target.map((r) => sT[r.paragraph] + r.sentence) }));
  return { verseStrict: ref.strict.f1, verseLax: ref.lax.f1, groupStrict: A.strictScore(gold, flat).f1, paragraphBeads: res.paragraphs.length };
}

const results = [];
for (const [from, to] of PAIRS) {
  for (const held of BOOKS) {
    const model = fit(BOOKS.filter((b) => b !== held), from, to);
    const rows = data[held];
    const src = rows.map((r) => r[from]);
    const tgt = rows.map((r) => r[to]);
    const p = A.perturbLines(tgt, PERTURBATION);
    const clean = cli(src, tgt, from, to, model);
    const perturbed = cli(src, p.lines, from, to, model);
    const perturbedNoLearn = cli(src, p.lines, from, to, model, ['--no-learn']);
    const cleanNoLearn = cli(src, tgt, from, to, model, ['--no-learn']);
    const gold = identity(src.length);
    results.push({
      pair: `${from}-${to}`,
      heldOut: held,
      verses: rows.length,
      model: { ratio: +model.ratio.toFixed(4), variance: +model.variance.toFixed(3), scale: model.scale },
      clean: { strict: A.strictScore(gold, clean).f1, lax: A.laxScore(gold, clean).f1, strictNoLearn: A.strictScore(gold, cleanNoLearn).f1 },
      perturbed: {
        lines: p.lines.length,
        strict: A.strictScore(p.gold, perturbed).f1,
        strictNonNull: A.strictScore(p.gold, perturbed, { nonNull: true }).f1,
        lax: A.laxScore(p.gold, perturbed).f1,
        strictNoLearn: A.strictScore(p.gold, perturbedNoLearn).f1,
      },
      paragraphs: paragraphEval(rows, from, to, model),
    });
  }
}
rmSync(tmp, { recursive: true, force: true });

// Verse-weighted totals per pair.
const totals = PAIRS.map(([from, to]) => {
  const rs = results.filter((r) => r.pair === `${from}-${to}`);
  const n = rs.reduce((s, r) => s + r.verses, 0);
  const avg = (f) => rs.reduce((s, r) => s + f(r) * r.verses, 0) / n;
  return {
    pair: `${from}-${to}`,
    verses: n,
    cleanStrict: avg((r) => r.clean.strict),
    cleanStrictNoLearn: avg((r) => r.clean.strictNoLearn),
    perturbedStrict: avg((r) => r.perturbed.strict),
    perturbedStrictNoLearn: avg((r) => r.perturbed.strictNoLearn),
    perturbedNonNull: avg((r) => r.perturbed.strictNonNull),
    paragraphVerseStrict: avg((r) => r.paragraphs.verseStrict),
    paragraphVerseLax: avg((r) => r.paragraphs.verseLax),
    paragraphGroupStrict: avg((r) => r.paragraphs.groupStrict),
  };
});

if (json) {
  console.log(JSON.stringify({ results, totals }, null, 2));
} else {
  const f = (x) => x.toFixed(3);
  console.log(`Bible gold set, leave one book out; perturbation: ${PERTURBATION.drop * 100} % dropped, ${PERTURBATION.merge * 100} % merged (seed ${PERTURBATION.seed})`);
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}\n`);
  console.log('| pair | held out | c | s² (×) | clean strict | clean lax | perturbed strict | perturbed non-null | perturbed lax | paragraphs: verse strict | verse lax | sentence groups strict |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(`| ${r.pair} | ${r.heldOut} | ${r.model.ratio} | ${r.model.variance} (${r.model.scale}) | ${f(r.clean.strict)} | ${f(r.clean.lax)} | ${f(r.perturbed.strict)} | ${f(r.perturbed.strictNonNull)} | ${f(r.perturbed.lax)} | ${f(r.paragraphs.verseStrict)} | ${f(r.paragraphs.verseLax)} | ${f(r.paragraphs.groupStrict)} |`);
  }
  console.log('\n| pair | verses | clean strict (no learnt words) | perturbed strict (no learnt words) | perturbed non-null | paragraphs verse strict / lax | sentence groups strict |');
  console.log('|---|---|---|---|---|---|---|');
  for (const t of totals) {
    console.log(`| ${t.pair} | ${t.verses} | ${f(t.cleanStrict)} (${f(t.cleanStrictNoLearn)}) | ${f(t.perturbedStrict)} (${f(t.perturbedStrictNoLearn)}) | ${f(t.perturbedNonNull)} | ${f(t.paragraphVerseStrict)} / ${f(t.paragraphVerseLax)} | ${f(t.paragraphGroupStrict)} |`);
  }
}
