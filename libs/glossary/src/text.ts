/** Words with their offsets: letters and marks, joined by inner apostrophes and hyphens. */
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’ʹʺ‐-]\p{L}[\p{L}\p{M}]*)*/gu;

export interface Token {
  text: string;
  start: number;
  end: number;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) out.push({ text: m[0], start: m.index!, end: m.index! + m[0].length });
  return out;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** The comparison key of a form: lower case, one apostrophe, ё as е, NFC (plain ASCII, the common case, takes the short way). */
export function formKey(s: string): string {
  const k = s.toLowerCase();
  if (NON_ASCII.test(k)) return k.normalize('NFC').replace(/['ʹ]/g, '’').replace(/ё/g, 'е').replace(/‐/g, '-');
  return k.includes("'") ? k.replace(/'/g, '’') : k;
}

export const isCyrillic = (s: string): boolean => /\p{Script=Cyrillic}/u.test(s);
export const isCapitalised = (s: string): boolean => /^\p{Lu}/u.test(s);

/** Damerau–Levenshtein distance (optimal string alignment), stopping early above `limit`. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const m = a.length;
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}

/** Makes `replacement` look like `found` (all capitals, capitalised, lower case). */
export function matchCase(replacement: string, found: string): string {
  if (found.length > 1 && found === found.toUpperCase() && found !== found.toLowerCase()) return replacement.toUpperCase();
  if (/^\p{Lu}/u.test(found)) return replacement[0]!.toUpperCase() + replacement.slice(1);
  if (/^\p{Ll}/u.test(found)) return replacement[0]!.toLowerCase() + replacement.slice(1);
  return replacement;
}
