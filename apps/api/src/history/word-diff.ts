import { diffArrays } from 'diff';
import type { WordDiffPart } from '#libs/contracts';

/**
 * Words (letters, digits and combining marks of any script: Cyrillic, German umlauts), runs of
 * whitespace, and single other characters. The diff library's own word tokeniser knows Latin letters
 * only, and its Intl.Segmenter mode costs about half a millisecond per sentence — too slow for a
 * history of a hundred changes.
 */
const TOKEN = /[\p{L}\p{N}\p{M}]+|\s+|[^\s\p{L}\p{N}\p{M}]/gu;

/**
 * A word-level diff from `before` to `after`: the parts joined give either text back (removed parts
 * left out for `after`, added ones for `before`); neighbouring parts of one kind are merged. Empty when
 * the texts are equal.
 */
export function wordDiff(before: string, after: string): WordDiffPart[] {
  if (before === after) return [];
  const parts: WordDiffPart[] = [];
  const push = (op: WordDiffPart['op'], text: string) => {
    const last = parts.at(-1);
    if (last && last.op === op) last.text += text;
    else if (text) parts.push({ op, text });
  };
  for (const change of diffArrays(before.match(TOKEN) ?? [], after.match(TOKEN) ?? [])) {
    push(change.added ? '+' : change.removed ? '-' : '=', change.value.join(''));
  }
  return parts;
}
