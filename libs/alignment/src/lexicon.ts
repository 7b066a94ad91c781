/**
 * A word list learnt from the texts themselves, when the user gives none (the bootstrapping of Moore
 * 2002 and hunalign, in its simplest form): the beads a first, length-and-anchor pass is sure of are
 * read as a small parallel corpus, and word stems that occur in the same beads far more often than
 * chance (Dice coefficient, each stem linked to its best partner only, "competitive linking") become
 * word pairs for the second pass. No outside data: what is learnt is what the book itself repeats.
 */
import type { Bead } from './align.js';
import { type WordPair, wordStem } from './anchors.js';

const WORD = /[\p{L}][\p{L}\p{M}'’-]*/gu;

const stemsOf = (text: string): Set<string> => {
  const out = new Set<string>();
  for (const m of text.matchAll(WORD)) if (m[0].length >= 3) out.add(wordStem(m[0]));
  return out;
};

export interface LexiconOptions {
  /** Beads below this confidence are not learnt from; default 0.9. */
  minConfidence?: number;
  /** A pair must co-occur in at least this many beads; default 2. */
  minCount?: number;
  /** Smallest Dice coefficient 2·c(s,t) / (c(s) + c(t)); default 0.5. */
  minDice?: number;
}

export function learnWordPairs(source: readonly string[], target: readonly string[], beads: readonly Bead[], options: LexiconOptions = {}): WordPair[] {
  const { minConfidence = 0.9, minCount = 2, minDice = 0.5 } = options;
  const countS = new Map<string, number>();
  const countT = new Map<string, number>();
  const joint = new Map<string, Map<string, number>>();
  for (const b of beads) {
    if (b.confidence < minConfidence || !b.source.length || !b.target.length) continue;
    const s = new Set<string>();
    const t = new Set<string>();
    for (const i of b.source) for (const w of stemsOf(source[i]!)) s.add(w);
    for (const j of b.target) for (const w of stemsOf(target[j]!)) t.add(w);
    for (const w of s) countS.set(w, (countS.get(w) ?? 0) + 1);
    for (const w of t) countT.set(w, (countT.get(w) ?? 0) + 1);
    for (const a of s) {
      let row = joint.get(a);
      if (!row) joint.set(a, (row = new Map()));
      for (const c of t) row.set(c, (row.get(c) ?? 0) + 1);
    }
  }
  const candidates: { s: string; t: string; dice: number }[] = [];
  for (const [a, row] of joint) {
    for (const [c, n] of row) {
      if (n < minCount) continue;
      const dice = (2 * n) / (countS.get(a)! + countT.get(c)!);
      if (dice >= minDice) candidates.push({ s: a, t: c, dice });
    }
  }
  candidates.sort((x, y) => y.dice - x.dice || (x.s < y.s ? -1 : x.s > y.s ? 1 : x.t < y.t ? -1 : 1));
  const usedS = new Set<string>();
  const usedT = new Set<string>();
  const out: WordPair[] = [];
  for (const c of candidates) {
    if (usedS.has(c.s) || usedT.has(c.t)) continue;
    usedS.add(c.s);
    usedT.add(c.t);
    out.push({ source: c.s, target: c.t });
  }
  return out;
}
