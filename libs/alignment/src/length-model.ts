/**
 * The Gale–Church length model (Gale & Church 1993, "A program for aligning sentences in bilingual
 * corpora"): the length of a translation is roughly proportional to the length of its original,
 * `l2 ≈ c · l1`, with a variance that grows with the length, `Var(l2 − c · l1) ≈ s² · l`. A bead's
 * length cost is −log P(|δ| or more) for δ = (l2 − c · l1) / √(s² · l), l = (l1 + l2 / c) / 2.
 *
 * Lengths are counted in characters without spaces (spaces differ by script and typography, letters
 * far less). The parameters per language pair are FITTED, not assumed: see FITTED_LENGTH_MODELS.
 */

export interface LengthModel {
  /** c: target characters per source character. */
  ratio: number;
  /** s²: variance of (l2 − c · l1) per character of mean length. */
  variance: number;
}

/**
 * Fitted on the verse-aligned EN/RU/DE corpus `../shared/reference/bible/` (Ruth, Jonah, Mark; 811
 * verse pairs, each verse a 1:1 gold bead) by `node bench/align-eval.mjs --fit`, which prints these
 * lines: c and s² by `fitLengthModel` on all three books; then s² is widened by the factor (1 … 4) that
 * aligns those books best, clean and perturbed — the Gaussian under-states the heavy tails of real
 * length differences (a free paraphrase, a translator's gloss), and a too-narrow s² turns honest 1:1
 * beads into 2:2 ones. The evaluation repeats all of this without the book it scores (leave one book
 * out), so the F1 it reports is never measured on training verses; see docs/alignment.md. Gale &
 * Church's own figures (English–German/French) were c = 1, s² = 6.8, the default for any other pair.
 */
export const FITTED_LENGTH_MODELS: Readonly<Record<string, LengthModel>> = {
  'en>ru': { ratio: 0.826, variance: 3.443 }, // s² fitted 1.377 × 2.5
  'ru>en': { ratio: 1.2106, variance: 6.109 }, // s² fitted 2.443 × 2.5
  'en>de': { ratio: 1.0236, variance: 4.732 }, // s² fitted 1.893 × 2.5
  'de>en': { ratio: 0.977, variance: 5.295 }, // s² fitted 1.765 × 3
  'ru>de': { ratio: 1.2392, variance: 5.166 }, // s² fitted 2.583 × 2
  'de>ru': { ratio: 0.807, variance: 4.072 }, // s² fitted 1.357 × 3
};

export const DEFAULT_LENGTH_MODEL: LengthModel = { ratio: 1, variance: 6.8 };

/** The same language on both sides (an edition against a revised copy of itself). */
const SAME_LANGUAGE: LengthModel = { ratio: 1, variance: 1 };

const base = (tag: string): string => tag.toLowerCase().split(/[-_]/)[0] ?? tag;

export function lengthModelFor(from: string, to: string): LengthModel {
  const a = base(from);
  const b = base(to);
  if (a === b) return SAME_LANGUAGE;
  return FITTED_LENGTH_MODELS[`${a}>${b}`] ?? DEFAULT_LENGTH_MODEL;
}

/**
 * Least-squares fit from 1:1 pairs of lengths (source, target): c = Σ l2 / Σ l1 (the ratio of the
 * totals, which weights long pairs as the model's variance does), then s² = Σ (l2 − c · l1)² / Σ l.
 */
export function fitLengthModel(pairs: readonly (readonly [number, number])[]): LengthModel {
  let s1 = 0;
  let s2 = 0;
  for (const [a, b] of pairs) {
    s1 += a;
    s2 += b;
  }
  if (s1 === 0 || s2 === 0) return DEFAULT_LENGTH_MODEL;
  const ratio = s2 / s1;
  let squares = 0;
  let mean = 0;
  for (const [a, b] of pairs) {
    squares += (b - ratio * a) ** 2;
    mean += (a + b / ratio) / 2;
  }
  return { ratio, variance: squares / mean };
}

/** Characters that count for length: everything but whitespace. */
export function textLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xa0) n++;
  }
  return n;
}

/**
 * −log erfc(x) for x ≥ 0, from the Chebyshev fit of Numerical Recipes (§6.2, relative error below
 * 1.2e−7), which gives the logarithm directly and so never underflows for long, badly matched beads.
 */
function minusLogErfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -x * x -
    1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return -(Math.log(t) + poly);
}

/** −log P(a deviation at least this large) of a bead with these total lengths. */
export function lengthCost(model: LengthModel, sourceLength: number, targetLength: number): number {
  const mean = (sourceLength + targetLength / model.ratio) / 2;
  if (mean === 0) return 0;
  const delta = (targetLength - model.ratio * sourceLength) / Math.sqrt(model.variance * mean);
  return minusLogErfc(Math.abs(delta) / Math.SQRT2);
}
