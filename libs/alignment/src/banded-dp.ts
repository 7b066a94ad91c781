/**
 * Dynamic programming over bead sequences inside a band. Cell (i, j) means "the first i source units
 * and the first j target units are aligned"; a bead of shape a:b steps from (i − a, j − b). Only cells
 * near the expected diagonal are computed: the band follows the cumulative length of both sides
 * (where the first 40 % of the source's characters end, about 40 % of the target's should), so
 * unequal unit counts at the start do not drag it off. If the best path touches the band's edge, the
 * band doubles and the search runs again, so a narrow band never forces a wrong answer silently. A
 * caller that knows better (the paragraph beads, for the sentences inside them) passes a corridor.
 *
 * Besides the best path, a forward–backward pass over the same band gives each chosen bead its
 * posterior probability, the bead's confidence.
 */

export interface BeadShape {
  source: number;
  target: number;
  /** Prior probability of this shape. */
  prior: number;
}

/** Gale & Church's priors (1:1 0.89, 1:0 + 0:1 0.0099, 2:1 + 1:2 0.089, 2:2 0.011). */
export const SENTENCE_SHAPES: readonly BeadShape[] = [
  { source: 1, target: 1, prior: 0.89 },
  { source: 1, target: 0, prior: 0.005 },
  { source: 0, target: 1, prior: 0.005 },
  { source: 2, target: 1, prior: 0.0445 },
  { source: 1, target: 2, prior: 0.0445 },
  { source: 2, target: 2, prior: 0.011 },
];

/**
 * Paragraphs are split and merged more freely than sentences, and three-way splits occur. A large
 * shape is always less likely than the smaller shapes it can be cut into (3:3 below 2:1 then 1:2):
 * a large bead's cost cannot tell how its parts are arranged, so it must never be the cheap way out.
 */
export const PARAGRAPH_SHAPES: readonly BeadShape[] = [
  { source: 1, target: 1, prior: 0.85 },
  { source: 1, target: 0, prior: 0.005 },
  { source: 0, target: 1, prior: 0.005 },
  { source: 2, target: 1, prior: 0.05 },
  { source: 1, target: 2, prior: 0.05 },
  { source: 2, target: 2, prior: 0.002 },
  { source: 3, target: 1, prior: 0.002 },
  { source: 1, target: 3, prior: 0.002 },
  { source: 3, target: 2, prior: 0.0002 },
  { source: 2, target: 3, prior: 0.0002 },
  { source: 3, target: 3, prior: 0.0001 },
];

/** A bead as spans of unit indices: source units [sourceStart, sourceEnd), target likewise. */
export interface SpanBead {
  sourceStart: number;
  sourceEnd: number;
  targetStart: number;
  targetEnd: number;
  confidence: number;
}

/** The cost of aligning source units [i0, i1) with target units [j0, j1), without the shape's prior. */
export type SpanCost = (i0: number, i1: number, j0: number, j1: number) => number;

export interface BandOptions {
  /** A cheap lower bound of `cost`, if there is one: lets the search skip hopeless beads. */
  bound?: SpanCost;
  /** Cumulative lengths, `sourceCumulative[i]` = length of the first i source units (n + 1 entries). */
  sourceCumulative: ArrayLike<number>;
  targetCumulative: ArrayLike<number>;
  /** Half-width of the first band, in target units; default 12, or 1 % of the longer side. */
  initialWidth?: number;
  /** An explicit band instead: target units lo[i] … hi[i] for row i (n + 1 entries each). */
  corridor?: { lo: Int32Array; hi: Int32Array };
}

function centers(source: ArrayLike<number>, target: ArrayLike<number>): Int32Array {
  const n = source.length - 1;
  const m = target.length - 1;
  const out = new Int32Array(n + 1);
  const totalS = source[n]! || 1;
  const totalT = target[m]! || 1;
  let j = 0;
  for (let i = 0; i <= n; i++) {
    const want = (source[i]! / totalS) * totalT;
    while (j < m && target[j + 1]! <= want) j++;
    // the nearer of j and j + 1
    out[i] = j < m && want - target[j]! > target[j + 1]! - want ? j + 1 : j;
  }
  if (n === 0) out[0] = 0;
  return out;
}

/** The most units a corridor is widened by on each side. */
const MAX_CORRIDOR_WIDENING = 16;

const logAdd = (a: number, b: number): number => {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
};

/** The best bead sequence from (0, 0) to (n, m), with each bead's posterior probability. */
export function alignInBand(n: number, m: number, cost: SpanCost, shapes: readonly BeadShape[], options: BandOptions): SpanBead[] {
  const penalties = shapes.map((s) => -Math.log(s.prior));
  const full = Math.max(n, m) + 1;
  const { corridor } = options;
  if (corridor) {
    // A corridor drawn from a coarser alignment (paragraphs) widens on both sides, like the band,
    // while the best path touches its edge, but not without end: it already reaches a whole bead
    // beyond its own on either side.
    for (let extra = 0; ; extra = extra ? extra * 2 : 4) {
      const lo = corridor.lo.map((x) => Math.max(0, x - extra));
      const hi = corridor.hi.map((x) => Math.min(m, x + extra));
      const result = search(n, m, cost, shapes, penalties, connect(lo, hi, m), options.bound);
      if (!result.touchesEdge || extra >= Math.min(full, MAX_CORRIDOR_WIDENING)) return result.beads;
    }
  }
  const center = centers(options.sourceCumulative, options.targetCumulative);
  let width = Math.max(1, options.initialWidth ?? Math.max(12, Math.ceil(0.01 * full)));
  for (;;) {
    const lo = center.map((c) => Math.max(0, c - width));
    const hi = center.map((c) => Math.min(m, c + width));
    const result = search(n, m, cost, shapes, penalties, connect(lo, hi, m), options.bound);
    if (!result.touchesEdge || width >= full) return result.beads;
    width *= 2;
  }
}

/** Makes a band usable: it starts at (0, 0), ends at (n, m), rows overlap and never move backwards. */
function connect(lo: Int32Array, hi: Int32Array, m: number): { lo: Int32Array; hi: Int32Array } {
  const n = lo.length - 1;
  lo[0] = 0;
  hi[n] = m;
  for (let i = 1; i <= n; i++) {
    if (hi[i]! < hi[i - 1]!) hi[i] = hi[i - 1]!;
    if (lo[i]! < lo[i - 1]!) lo[i] = lo[i - 1]!;
    if (lo[i]! > hi[i - 1]!) lo[i] = hi[i - 1]!;
  }
  for (let i = 0; i <= n; i++) if (hi[i]! < lo[i]!) hi[i] = lo[i]!;
  return { lo, hi };
}

function search(n: number, m: number, cost: SpanCost, shapes: readonly BeadShape[], penalties: number[], band: { lo: Int32Array; hi: Int32Array }, bound?: SpanCost) {
  const { lo, hi } = band;
  const offset = new Int32Array(n + 2);
  for (let i = 0; i <= n; i++) offset[i + 1] = offset[i]! + (hi[i]! - lo[i]! + 1);
  const cells = offset[n + 1]!;
  const k = shapes.length;
  const best = new Float64Array(cells).fill(Infinity);
  const back = new Int8Array(cells).fill(-1);
  const alpha = new Float64Array(cells).fill(-Infinity);
  const costs = new Float64Array(cells * k).fill(Infinity);
  const at = (i: number, j: number): number => (j < lo[i]! || j > hi[i]! ? -1 : offset[i]! + j - lo[i]!);
  best[0] = 0;
  alpha[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = lo[i]!; j <= hi[i]!; j++) {
      const cell = offset[i]! + j - lo[i]!;
      if (cell === 0) continue;
      let b = Infinity;
      let bs = -1;
      let a = -Infinity;
      for (let s = 0; s < k; s++) {
        const pi = i - shapes[s]!.source;
        const pj = j - shapes[s]!.target;
        if (pi < 0 || pj < 0) continue;
        const prev = at(pi, pj);
        if (prev < 0 || best[prev] === Infinity) continue;
        // A transition that cannot come within 30 nats of the best one so far adds nothing (e^−30) to
        // the forward sum either: skip its full cost.
        if (bound && best[prev]! + bound(pi, i, pj, j) + penalties[s]! > b + 30) continue;
        const c = cost(pi, i, pj, j) + penalties[s]!;
        costs[cell * k + s] = c;
        const total = best[prev]! + c;
        if (total < b) {
          b = total;
          bs = s;
        }
        a = logAdd(a, alpha[prev]! - c);
      }
      best[cell] = b;
      back[cell] = bs;
      alpha[cell] = a;
    }
  }
  // Backward pass for the posteriors.
  const beta = new Float64Array(cells).fill(-Infinity);
  beta[cells - 1] = 0;
  for (let i = n; i >= 0; i--) {
    for (let j = hi[i]!; j >= lo[i]!; j--) {
      const cell = offset[i]! + j - lo[i]!;
      if (beta[cell] === -Infinity) continue;
      for (let s = 0; s < k; s++) {
        const c = costs[cell * k + s]!;
        if (c === Infinity) continue;
        const prev = at(i - shapes[s]!.source, j - shapes[s]!.target);
        beta[prev] = logAdd(beta[prev]!, beta[cell]! - c);
      }
    }
  }
  const z = alpha[cells - 1]!;
  const beads: SpanBead[] = [];
  let touchesEdge = false;
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const cell = at(i, j);
    const s = back[cell]!;
    if (s < 0) throw new Error(`alignment band has no path to (${i}, ${j})`);
    if ((j === lo[i] && lo[i]! > 0) || (j === hi[i] && hi[i]! < m)) touchesEdge = true;
    const shape = shapes[s]!;
    const prev = at(i - shape.source, j - shape.target);
    const posterior = Math.exp(alpha[prev]! - costs[cell * k + s]! + beta[cell]! - z);
    beads.push({
      sourceStart: i - shape.source,
      sourceEnd: i,
      targetStart: j - shape.target,
      targetEnd: j,
      confidence: Math.min(1, Math.max(0, Number.isFinite(posterior) ? posterior : 0)),
    });
    i -= shape.source;
    j -= shape.target;
  }
  beads.reverse();
  return { beads, touchesEdge };
}
