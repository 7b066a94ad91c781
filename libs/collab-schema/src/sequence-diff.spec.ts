import * as prng from 'lib0/prng';
import { type DiffRun, diffSequences } from './sequence-diff.js';

/** Applies the runs to `a`, taking inserted items from `b`; also checks that equal runs really are equal. */
function apply(a: readonly string[], b: readonly string[], runs: DiffRun[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  for (const run of runs) {
    if (run.op === 'equal') {
      const left = a.slice(i, i + run.count).join('\u0000');
      if (left !== b.slice(j, j + run.count).join('\u0000')) throw new Error(`unequal run at ${i}/${j}`);
      out.push(...a.slice(i, i + run.count));
      i += run.count;
      j += run.count;
    } else {
      out.push(...b.slice(j, j + run.insert));
      i += run.remove;
      j += run.insert;
    }
  }
  if (i !== a.length || j !== b.length) throw new Error(`runs cover ${i}/${j} of ${a.length}/${b.length}`);
  return out;
}

const cost = (runs: DiffRun[]): number => runs.reduce((n, r) => (r.op === 'change' ? n + r.remove + r.insert : n), 0);

/** Insert/delete edit distance by dynamic programming: |a| + |b| - 2·LCS. */
function editDistance(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = [0];
    for (let j = 1; j <= b.length; j++) {
      row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    }
    prev = row;
  }
  return a.length + b.length - 2 * prev[b.length]!;
}

function randomPair(gen: prng.PRNG): [string[], string[]] {
  const alphabet = ['a', 'b', 'c', 'd'].slice(0, prng.int32(gen, 1, 4));
  const a = Array.from({ length: prng.int32(gen, 0, 30) }, () => prng.oneOf(gen, alphabet));
  const b = [...a];
  for (let n = prng.int32(gen, 0, 8); n > 0; n--) {
    const at = prng.int32(gen, 0, b.length);
    if (prng.bool(gen) && b.length > 0) b.splice(Math.min(at, b.length - 1), prng.int32(gen, 1, 3));
    else b.splice(at, 0, ...Array.from({ length: prng.int32(gen, 1, 3) }, () => prng.oneOf(gen, alphabet)));
  }
  return [a, b];
}

describe('diffSequences', () => {
  it('finds a shortest edit script (without clean-up) for 2000 seeded random pairs', () => {
    const gen = prng.create(20261101);
    for (let n = 0; n < 2000; n++) {
      const [a, b] = randomPair(gen);
      const runs = diffSequences(a, b, { semanticCleanup: false });
      expect(apply(a, b, runs)).toEqual(b);
      expect(cost(runs)).toBe(editDistance(a, b));
    }
  });

  it('yields a valid script with the clean-up, never a larger one than replacing the changed middle', () => {
    const gen = prng.create(7);
    for (let n = 0; n < 2000; n++) {
      const [a, b] = randomPair(gen);
      const runs = diffSequences(a, b);
      expect(apply(a, b, runs)).toEqual(b);
      let prefix = 0;
      while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
      let suffix = 0;
      while (suffix < a.length - prefix && suffix < b.length - prefix && a.at(-1 - suffix) === b.at(-1 - suffix)) suffix++;
      expect(cost(runs)).toBeLessThanOrEqual(a.length + b.length - 2 * (prefix + suffix));
    }
  });

  it('keeps an insertion an insertion and a deletion a deletion', () => {
    const a = [...'The quick fox'];
    expect(diffSequences(a, [...'The quick brown fox'])).toEqual([
      { op: 'equal', count: 10 },
      { op: 'change', remove: 0, insert: 6 },
      { op: 'equal', count: 3 },
    ]);
    expect(diffSequences([...'The quick brown fox'], a)).toEqual([
      { op: 'equal', count: 10 },
      { op: 'change', remove: 6, insert: 0 },
      { op: 'equal', count: 3 },
    ]);
  });

  it('folds leftovers of a rewritten word into one replacement', () => {
    const a = [...'one cat sat here'];
    const b = [...'one dog ran here'];
    expect(cost(diffSequences(a, b, { semanticCleanup: false }))).toBeLessThan(14);
    expect(diffSequences(a, b)).toEqual([
      { op: 'equal', count: 4 },
      { op: 'change', remove: 7, insert: 7 },
      { op: 'equal', count: 5 },
    ]);
  });

  it('never folds an equality that holds a pinned item', () => {
    const a = ['x', 'y', 'R', 'z', 'w'];
    const b = ['p', 'q', 'R', 's', 't'];
    expect(diffSequences(a, b, { pinned: (i) => a[i] === 'R' })).toEqual([
      { op: 'change', remove: 2, insert: 2 },
      { op: 'equal', count: 1 },
      { op: 'change', remove: 2, insert: 2 },
    ]);
    expect(diffSequences(a, b)).toEqual([{ op: 'change', remove: 5, insert: 5 }]);
  });

  it('replaces the changed middle wholesale beyond the edit-distance cap', () => {
    const a = [...'head abcdefgh tail'];
    const b = [...'head hgfedcba tail'];
    const runs = diffSequences(a, b, { maxEditDistance: 3, semanticCleanup: false });
    expect(runs).toEqual([
      { op: 'equal', count: 5 },
      { op: 'change', remove: 8, insert: 8 },
      { op: 'equal', count: 5 },
    ]);
  });

  it('handles empty sides', () => {
    expect(diffSequences([], [])).toEqual([]);
    expect(diffSequences(['a'], [])).toEqual([{ op: 'change', remove: 1, insert: 0 }]);
    expect(diffSequences([], ['a', 'b'])).toEqual([{ op: 'change', remove: 0, insert: 2 }]);
  });

  it('diffs a long paragraph with scattered edits quickly', () => {
    const gen = prng.create(3);
    const a = Array.from({ length: 20000 }, () => prng.letter(gen));
    const b = [...a];
    for (let n = 0; n < 200; n++) b.splice(prng.int32(gen, 0, b.length - 1), 1, prng.letter(gen), prng.letter(gen));
    const started = performance.now();
    const runs = diffSequences(a, b);
    expect(apply(a, b, runs)).toEqual(b);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
