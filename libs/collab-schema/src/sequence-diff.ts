/**
 * A diff between two sequences of keys (one key per character or footnote reference), shaped for
 * editing a live CRDT text: unchanged stretches stay untouched, so concurrent edits elsewhere in
 * the text survive.
 *
 * Myers' O((N+M)·D) algorithm on what is left after the common prefix and suffix, with the edit
 * distance D capped (a paragraph rewritten beyond the cap becomes one replacement of its changed
 * middle), followed by a semantic clean-up in the spirit of diff-match-patch: a short equality
 * between two larger changes ("The cat sat" → "A dog ran" keeps the spaces and the "a" otherwise)
 * is folded into one change, which is what a person meant and keeps a concurrent insertion next to
 * the replacement instead of inside scattered leftovers.
 */
export type DiffRun = { op: 'equal'; count: number } | { op: 'change'; remove: number; insert: number };

export interface DiffOptions {
  /** Above this edit distance the changed middle is replaced wholesale. */
  maxEditDistance?: number;
  /** Fold short equalities into surrounding changes (default true). */
  semanticCleanup?: boolean;
  /** Items of `a` that must never be deleted and re-inserted just to tidy a diff (footnote references). */
  pinned?: (aIndex: number) => boolean;
}

export const DEFAULT_MAX_EDIT_DISTANCE = 1000;

export function diffSequences(a: readonly string[], b: readonly string[], options: DiffOptions = {}): DiffRun[] {
  const maxD = options.maxEditDistance ?? DEFAULT_MAX_EDIT_DISTANCE;
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  const n = a.length - prefix - suffix;
  const m = b.length - prefix - suffix;
  const runs = new RunBuilder();
  runs.equal(prefix);
  if (n === 0 || m === 0) {
    runs.change(n, m);
  } else {
    const ids = new Map<string, number>();
    const intern = (key: string): number => {
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      return id;
    };
    const as = Int32Array.from(a.slice(prefix, prefix + n), intern);
    const bs = Int32Array.from(b.slice(prefix, prefix + m), intern);
    const script = myers(as, bs, maxD);
    if (script === null) {
      runs.change(n, m);
    } else {
      for (const step of script) {
        if (step === EQUAL) runs.equal(1);
        else if (step === DELETE) runs.change(1, 0);
        else runs.change(0, 1);
      }
    }
  }
  runs.equal(suffix);
  const result = runs.runs;
  return options.semanticCleanup === false ? result : foldShortEqualities(result, options.pinned ?? (() => false));
}

const EQUAL = 0;
const DELETE = 1;
const INSERT = 2;
const NONE = 0;
const DOWN = 1;
const RIGHT = 2;

/**
 * Which move reaches diagonal k furthest from the previous round's endpoints: down (an insertion,
 * from diagonal k+1) or right (a deletion, from k-1). Endpoints outside the grid are never used,
 * and -1 marks a diagonal the previous round did not reach. `v[base + k]` is diagonal k.
 */
function choose(v: Int32Array, base: number, k: number, n: number, m: number): number {
  const down = v[base + k + 1];
  const right = v[base + k - 1];
  const canDown = down >= 0 && down - (k + 1) < m;
  const canRight = right >= 0 && right < n;
  if (canDown && (!canRight || down >= right + 1)) return DOWN;
  return canRight ? RIGHT : NONE;
}

/** The shortest edit script from a to b (EQUAL/DELETE/INSERT per step), or null when D > maxD. */
function myers(a: Int32Array, b: Int32Array, maxD: number): number[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const off = max + 1;
  const v = new Int32Array(2 * max + 3).fill(-1);
  // trace[d] is v as round d found it, diagonals -d-1 … d+1 (index k + d + 1).
  const trace: Int32Array[] = [];
  let x0 = 0;
  while (x0 < n && x0 < m && a[x0] === b[x0]) x0++;
  v[off] = x0;
  for (let d = 1; d <= Math.min(max, maxD); d++) {
    trace[d] = v.slice(off - d - 1, off + d + 2);
    for (let k = -d; k <= d; k += 2) {
      const move = choose(v, off, k, n, m);
      if (move === NONE) {
        v[off + k] = -1;
        continue;
      }
      let x = move === DOWN ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x === n && y === m) return backtrack(trace, d, n, m);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], depth: number, n: number, m: number): number[] {
  const script: number[] = [];
  let x = n;
  let y = m;
  for (let d = depth; d >= 1; d--) {
    const t = trace[d];
    const k = x - y;
    const move = choose(t, d + 1, k, n, m);
    const from = move === DOWN ? k + 1 : k - 1;
    const prevX = t[d + 1 + from];
    const startX = move === DOWN ? prevX : prevX + 1;
    for (; x > startX; x--, y--) script.push(EQUAL);
    script.push(move === DOWN ? INSERT : DELETE);
    x = prevX;
    y = prevX - from;
  }
  for (; x > 0; x--) script.push(EQUAL);
  return script.reverse();
}

class RunBuilder {
  readonly runs: DiffRun[] = [];

  equal(count: number): void {
    if (count === 0) return;
    const last = this.runs[this.runs.length - 1];
    if (last?.op === 'equal') last.count += count;
    else this.runs.push({ op: 'equal', count });
  }

  change(remove: number, insert: number): void {
    if (remove === 0 && insert === 0) return;
    const last = this.runs[this.runs.length - 1];
    if (last?.op === 'change') {
      last.remove += remove;
      last.insert += insert;
    } else {
      this.runs.push({ op: 'change', remove, insert });
    }
  }
}

function foldShortEqualities(input: DiffRun[], pinned: (aIndex: number) => boolean): DiffRun[] {
  let runs = input;
  for (let folded = true; folded; ) {
    folded = false;
    const out = new RunBuilder();
    let aIndex = 0;
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i];
      const before = runs[i - 1];
      const after = runs[i + 1];
      if (
        run.op === 'equal' &&
        before?.op === 'change' &&
        after?.op === 'change' &&
        run.count <= Math.max(before.remove, before.insert) &&
        run.count <= Math.max(after.remove, after.insert) &&
        !anyPinned(aIndex, run.count, pinned)
      ) {
        out.change(run.count, run.count);
        folded = true;
      } else if (run.op === 'equal') {
        out.equal(run.count);
      } else {
        out.change(run.remove, run.insert);
      }
      aIndex += run.op === 'equal' ? run.count : run.remove;
    }
    runs = out.runs;
  }
  return runs;
}

function anyPinned(from: number, count: number, pinned: (aIndex: number) => boolean): boolean {
  for (let i = from; i < from + count; i++) if (pinned(i)) return true;
  return false;
}
