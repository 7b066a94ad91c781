/**
 * Scoring an alignment against a gold one, and perturbing a text to make a harder gold: what the
 * benchmarks and the goal test share.
 */
import type { Bead } from './align.js';

export interface Score {
  precision: number;
  recall: number;
  f1: number;
}

const keyOf = (b: { source: readonly number[]; target: readonly number[] }): string => `${b.source.join(',')}|${b.target.join(',')}`;

const f1 = (tp: number, predicted: number, gold: number): Score => {
  const precision = predicted ? tp / predicted : 1;
  const recall = gold ? tp / gold : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};

/**
 * Strict bead F1: a predicted bead counts only if the gold has exactly the same bead (same units on
 * both sides). `nonNull: true` leaves 1:0 and 0:1 beads out on both sides (as some published scores do).
 */
export function strictScore(gold: readonly Bead[], predicted: readonly Bead[], { nonNull = false } = {}): Score {
  const keep = (b: Bead) => !nonNull || (b.source.length > 0 && b.target.length > 0);
  const g = gold.filter(keep);
  const p = predicted.filter(keep);
  const goldKeys = new Set(g.map(keyOf));
  const tp = p.filter((b) => goldKeys.has(keyOf(b))).length;
  return f1(tp, p.length, g.length);
}

/**
 * Lax bead F1 (Vecalign's "lax"): a predicted bead counts if it shares a source or a target unit with
 * a gold bead of the same kind (both sides non-empty, or the same empty side).
 */
export function laxScore(gold: readonly Bead[], predicted: readonly Bead[]): Score {
  const overlaps = (a: Bead, b: Bead) =>
    (a.source.length > 0) === (b.source.length > 0) &&
    (a.target.length > 0) === (b.target.length > 0) &&
    (a.source.some((x) => b.source.includes(x)) || a.target.some((x) => b.target.includes(x)));
  const tpP = predicted.filter((p) => gold.some((g) => overlaps(p, g))).length;
  const tpG = gold.filter((g) => predicted.some((p) => overlaps(p, g))).length;
  const precision = predicted.length ? tpP / predicted.length : 1;
  const recall = gold.length ? tpG / gold.length : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** A small seeded generator (mulberry32), so that every perturbation is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Perturbed {
  /** The perturbed lines. */
  lines: string[];
  /** The gold beads between the original (source) lines and the perturbed ones (target). */
  gold: Bead[];
}

/**
 * Drops a share of the lines (each a 1:0 gold bead) and joins a share of neighbours into one line
 * (a 2:1 gold bead), at random but reproducibly. `lines` are the target side of a 1:1 parallel text.
 */
export function perturbLines(lines: readonly string[], { drop, merge, seed }: { drop: number; merge: number; seed: number }): Perturbed {
  const random = seededRandom(seed);
  const out: string[] = [];
  const gold: Bead[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (random() < drop) {
      gold.push({ source: [i], target: [], confidence: 1 });
      continue;
    }
    if (i + 1 < lines.length && random() < merge) {
      gold.push({ source: [i, i + 1], target: [out.length], confidence: 1 });
      out.push(`${lines[i]} ${lines[i + 1]}`);
      i++;
      continue;
    }
    gold.push({ source: [i], target: [out.length], confidence: 1 });
    out.push(lines[i]!);
  }
  return { lines: out, gold };
}

/**
 * The finest gold alignment of two sentence sequences whose sentences are known only by the range of
 * reference units (verses) they cover, `[first, last]` in order: consecutive sentences are grouped on
 * each side until both groups end at the same unit and neither side's next sentence reaches back into
 * it. Used when verses are run together into paragraphs and the aligner splits its own sentences.
 */
export function goldFromRanges(source: readonly (readonly [number, number])[], target: readonly (readonly [number, number])[]): Bead[] {
  const gold: Bead[] = [];
  let i = 0;
  let j = 0;
  while (i < source.length || j < target.length) {
    const s: number[] = [];
    const t: number[] = [];
    let end = -Infinity;
    const take = (side: 'source' | 'target') => {
      if (side === 'source') {
        end = Math.max(end, source[i]![1]);
        s.push(i++);
      } else {
        end = Math.max(end, target[j]![1]);
        t.push(j++);
      }
    };
    if (i < source.length) take('source');
    if (j < target.length) take('target');
    for (;;) {
      if (i < source.length && source[i]![0] <= end) take('source');
      else if (j < target.length && target[j]![0] <= end) take('target');
      else break;
    }
    gold.push({ source: s, target: t, confidence: 1 });
  }
  return gold;
}

/**
 * Scores beads by the reference units (verse ids) their two sides cover, as the Bible gold set's
 * README prescribes: a bead is strictly correct when both sides cover exactly the same units, laxly
 * when they share one. Precision is over the predicted beads (1:0 and 0:1 included: a dropped
 * sentence is correct only if it covers no unit the other side kept — pass `unitsOnBothSides`), recall
 * over the units: a unit is found when a (strictly / laxly) correct bead holds it on both sides.
 */
export function referenceScore(
  beads: readonly { source: readonly number[]; target: readonly number[] }[],
  units: readonly number[],
): { strict: Score; lax: Score } {
  const wanted = new Set(units);
  let strictBeads = 0;
  let laxBeads = 0;
  const foundStrict = new Set<number>();
  const foundLax = new Set<number>();
  for (const b of beads) {
    const s = new Set(b.source);
    const t = new Set(b.target);
    if (!s.size || !t.size) {
      // correct when what was left out has no counterpart
      const side = s.size ? s : t;
      if ([...side].every((u) => !wanted.has(u))) {
        strictBeads++;
        laxBeads++;
      }
      continue;
    }
    const same = s.size === t.size && [...s].every((u) => t.has(u));
    const shared = [...s].filter((u) => t.has(u));
    if (same) {
      strictBeads++;
      shared.forEach((u) => foundStrict.add(u));
    }
    if (shared.length) {
      laxBeads++;
      shared.forEach((u) => foundLax.add(u));
    }
  }
  const score = (correct: number, found: Set<number>): Score => {
    const precision = beads.length ? correct / beads.length : 1;
    const recall = wanted.size ? [...wanted].filter((u) => found.has(u)).length / wanted.size : 1;
    return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  };
  return { strict: score(strictBeads, foundStrict), lax: score(laxBeads, foundLax) };
}
