import { AnchorIndex, type WordPair } from './anchors.js';
import { learnWordPairs } from './lexicon.js';
import { alignInBand, type BeadShape, PARAGRAPH_SHAPES, SENTENCE_SHAPES, type SpanBead } from './banded-dp.js';
import { type LengthModel, lengthCost, lengthModelFor, textLength } from './length-model.js';
import { type NameKey, skeletonNameKey } from './name-key.js';
import { type Sentence, splitSentences } from './sentences.js';

export interface AlignOptions {
  /** BCP-47 languages of the two sides. */
  from: string;
  to: string;
  /** Overrides the fitted length model of the pair (evaluation fits its own, without the scored data). */
  lengthModel?: LengthModel;
  /** Key of a proper name in any script; default the built-in skeleton key; `null` switches names off. */
  nameKey?: NameKey | null;
  /** A bilingual word list the user supplies. */
  wordList?: readonly WordPair[];
  /**
   * Learn a word list from the texts (a first pass, then the beads it is sure of: see lexicon.ts) and
   * align again with it; default true.
   */
  learnWords?: boolean;
  /** Bead shapes and their priors for sentences (default SENTENCE_SHAPES). */
  sentenceShapes?: readonly BeadShape[];
}

/** One bead: indices of the units on each side (an empty side for 1:0 and 0:1), and its posterior. */
export interface Bead {
  source: number[];
  target: number[];
  confidence: number;
}

/** A unit of text for the aligner: a sentence (or verse, or line), or a paragraph. */
export interface AlignUnit {
  text: string;
  /** Headings align with headings. */
  heading?: boolean;
}

/** A heading against a non-heading costs this much (nats) on top of everything else. */
const HEADING_MISMATCH = 4;

const range = (start: number, end: number): number[] => Array.from({ length: end - start }, (_, k) => start + k);

const cumulative = (lengths: readonly number[]): Float64Array => {
  const out = new Float64Array(lengths.length + 1);
  lengths.forEach((l, i) => (out[i + 1] = out[i]! + l));
  return out;
};

/**
 * Aligns two sequences of units: the Gale–Church length cost of the pair, minus the bonus of the
 * anchors both sides of a bead share, plus the bead shape's prior, minimised inside a band.
 */
export function alignUnits(source: readonly AlignUnit[], target: readonly AlignUnit[], options: AlignOptions, shapes: readonly BeadShape[] = SENTENCE_SHAPES): Bead[] {
  const indexed = indexUnits(source, target, options);
  return alignSpans(indexed.anchors, indexed.source, indexed.target, options, shapes).map(toBead);
}

/** Both sides' units with their anchor keys, indexed once for a whole document. */
interface Indexed {
  units: readonly AlignUnit[];
  keys: Int32Array[];
}

function indexUnits(source: readonly AlignUnit[], target: readonly AlignUnit[], options: AlignOptions): { anchors: AnchorIndex; source: Indexed; target: Indexed } {
  const anchors = new AnchorIndex(options.nameKey === undefined ? skeletonNameKey : options.nameKey, options.from, options.to, options.wordList);
  const keys = anchors.finish(
    source.map((u) => anchors.extract(u.text, 'source', u.heading)),
    target.map((u) => anchors.extract(u.text, 'target', u.heading)),
  );
  return { anchors, source: { units: source, keys: keys.source }, target: { units: target, keys: keys.target } };
}

function alignSpans(
  anchors: AnchorIndex,
  source: Indexed,
  target: Indexed,
  options: AlignOptions,
  shapes: readonly BeadShape[],
  corridor?: { lo: Int32Array; hi: Int32Array },
): SpanBead[] {
  const model = options.lengthModel ?? lengthModelFor(options.from, options.to);
  const sourceCumulative = cumulative(source.units.map((u) => textLength(u.text)));
  const targetCumulative = cumulative(target.units.map((u) => textLength(u.text)));
  const headingsS = cumulative(source.units.map((u) => (u.heading ? 1 : 0)));
  const headingsT = cumulative(target.units.map((u) => (u.heading ? 1 : 0)));
  const cost = (i0: number, i1: number, j0: number, j1: number): number => {
    // A unit left out (1:0, 0:1) costs its prior alone: Gale–Church's δ for a missing side grows with
    // the length left out, which makes long omissions all but impossible, and they are not rare.
    if (i1 === i0 || j1 === j0) return 0;
    let c = lengthCost(model, sourceCumulative[i1]! - sourceCumulative[i0]!, targetCumulative[j1]! - targetCumulative[j0]!);
    {
      c -= anchors.shared(source.keys, target.keys, i0, i1, j0, j1);
      const hs = headingsS[i1]! - headingsS[i0]!;
      const ht = headingsT[j1]! - headingsT[j0]!;
      if ((hs > 0) !== (ht > 0)) c += HEADING_MISMATCH;
    }
    return c;
  };
  const reachS = cumulative(source.keys.map((k) => anchors.reach(k)));
  const reachT = cumulative(target.keys.map((k) => anchors.reach(k)));
  const bound = (i0: number, i1: number, j0: number, j1: number): number => {
    if (i1 === i0 || j1 === j0) return 0;
    const reach = Math.min(reachS[i1]! - reachS[i0]!, reachT[j1]! - reachT[j0]!);
    return lengthCost(model, sourceCumulative[i1]! - sourceCumulative[i0]!, targetCumulative[j1]! - targetCumulative[j0]!) - reach;
  };
  return alignInBand(source.units.length, target.units.length, cost, shapes, { sourceCumulative, targetCumulative, corridor, bound });
}

const toBead = (b: SpanBead): Bead => ({
  source: range(b.sourceStart, b.sourceEnd),
  target: range(b.targetStart, b.targetEnd),
  confidence: b.confidence,
});

/** Aligns two lists of sentences (or verses, or lines): `npm run cli -- align --lines`. */
export function alignSentences(source: readonly string[], target: readonly string[], options: AlignOptions): Bead[] {
  const run = (o: AlignOptions) =>
    alignUnits(
      source.map((text) => ({ text })),
      target.map((text) => ({ text })),
      o,
      o.sentenceShapes ?? SENTENCE_SHAPES,
    );
  const first = run(options);
  if (options.learnWords === false || sameLanguage(options)) return first;
  return run(withLearntWords(options, learnWordPairs(source, target, first)));
}

/** With the same language on both sides every word is an anchor already (anchors.ts): nothing to learn. */
const sameLanguage = (o: AlignOptions): boolean => o.from.toLowerCase().split(/[-_]/)[0] === o.to.toLowerCase().split(/[-_]/)[0];

const withLearntWords = (options: AlignOptions, learnt: WordPair[]): AlignOptions => ({
  ...options,
  wordList: [...(options.wordList ?? []), ...learnt],
});

/** A sentence of a document, by its paragraph and its place in the paragraph. */
export interface SentenceRef {
  paragraph: number;
  sentence: number;
}

export interface SentenceBead {
  source: SentenceRef[];
  target: SentenceRef[];
  confidence: number;
}

export interface DocumentAlignment {
  /** Paragraph beads in order. */
  paragraphs: Bead[];
  /** The sentences of every paragraph, per side. */
  sourceSentences: Sentence[][];
  targetSentences: Sentence[][];
  /** Sentence beads in order (near their paragraph beads: see alignDocumentOnce), with their posteriors. */
  sentences: SentenceBead[];
}

/**
 * Two-level alignment of a document and its translation: paragraphs first (length and anchors of whole
 * paragraphs, shapes up to 3:3), then the sentences inside each aligned group of paragraphs.
 */
export function alignDocument(source: readonly AlignUnit[], target: readonly AlignUnit[], options: AlignOptions): DocumentAlignment {
  const first = alignDocumentOnce(source, target, options);
  if (options.learnWords === false || sameLanguage(options)) return first;
  const textsS = first.sourceSentences.flat().map((x) => x.text);
  const textsT = first.targetSentences.flat().map((x) => x.text);
  const startS = cumulative(first.sourceSentences.map((l) => l.length));
  const startT = cumulative(first.targetSentences.map((l) => l.length));
  const flatBeads = first.sentences.map((b) => ({
    source: b.source.map((r) => startS[r.paragraph]! + r.sentence),
    target: b.target.map((r) => startT[r.paragraph]! + r.sentence),
    confidence: b.confidence,
  }));
  return alignDocumentOnce(source, target, withLearntWords(options, learnWordPairs(textsS, textsT, flatBeads)));
}

function alignDocumentOnce(source: readonly AlignUnit[], target: readonly AlignUnit[], options: AlignOptions): DocumentAlignment {
  const paragraphs = alignUnits(source, target, options, PARAGRAPH_SHAPES);
  const sourceSentences = source.map((p) => (p.heading ? [whole(p.text)] : splitSentences(p.text, options.from)));
  const targetSentences = target.map((p) => (p.heading ? [whole(p.text)] : splitSentences(p.text, options.to)));
  // One anchor index over every sentence of the document, so that a key's weight reflects the whole text.
  const flatS = sourceSentences.flatMap((list, paragraph) => list.map((x, sentence) => ({ ref: { paragraph, sentence }, text: x.text, heading: source[paragraph]!.heading })));
  const flatT = targetSentences.flatMap((list, paragraph) => list.map((x, sentence) => ({ ref: { paragraph, sentence }, text: x.text, heading: target[paragraph]!.heading })));
  const indexed = indexUnits(flatS, flatT, options);
  const firstS = cumulative(sourceSentences.map((l) => l.length));
  const firstT = cumulative(targetSentences.map((l) => l.length));
  // The sentences are aligned in one pass over the document, inside a corridor the paragraph beads
  // draw: the sentences of a paragraph bead may meet the target sentences of that bead and of its two
  // neighbours, so one wrong paragraph boundary does not strand a sentence away from its translation.
  const n = flatS.length;
  const m = flatT.length;
  const lo = new Int32Array(n + 1).fill(m);
  const hi = new Int32Array(n + 1).fill(0);
  const spanS = (b: Bead) => (b.source.length ? [firstS[b.source[0]!]!, firstS[b.source[b.source.length - 1]! + 1]!] : null);
  const spanT = (b: Bead) => (b.target.length ? [firstT[b.target[0]!]!, firstT[b.target[b.target.length - 1]! + 1]!] : null);
  let atS = 0;
  let atT = 0;
  paragraphs.forEach((bead, k) => {
    const [s0, s1] = spanS(bead) ?? [atS, atS];
    const [t0, t1] = spanT(bead) ?? [atT, atT];
    // the nearest beads on either side that have target sentences
    let before = 0;
    for (let q = k - 1; q >= 0; q--) {
      const span = spanT(paragraphs[q]!);
      if (span) {
        before = span[0]!;
        break;
      }
    }
    let after = m;
    for (let q = k + 1; q < paragraphs.length; q++) {
      const span = spanT(paragraphs[q]!);
      if (span) {
        after = span[1]!;
        break;
      }
    }
    for (let i = s0!; i <= s1!; i++) {
      lo[i] = Math.min(lo[i]!, before);
      hi[i] = Math.max(hi[i]!, after);
    }
    atS = s1!;
    atT = t1!;
  });
  const sentences: SentenceBead[] = alignSpans(indexed.anchors, indexed.source, indexed.target, options, options.sentenceShapes ?? SENTENCE_SHAPES, { lo, hi }).map((b) => ({
    source: range(b.sourceStart, b.sourceEnd).map((x) => flatS[x]!.ref),
    target: range(b.targetStart, b.targetEnd).map((x) => flatT[x]!.ref),
    confidence: b.confidence,
  }));
  return { paragraphs, sourceSentences, targetSentences, sentences };
}

function whole(text: string): Sentence {
  const start = text.length - text.trimStart().length;
  const trimmed = text.trim();
  return { start, end: start + trimmed.length, text: trimmed };
}
