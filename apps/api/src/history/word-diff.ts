import { diffWords } from 'diff';
import type { WordDiffPart } from '#libs/contracts';

/** Words by Unicode's rules: the diff library's own tokeniser knows Latin letters only, not Cyrillic. */
const words = new Intl.Segmenter('und', { granularity: 'word' });

/**
 * A word-level diff from `before` to `after`, neighbouring parts of the same kind merged; a change of
 * spacing alone is not a change. Empty when the texts are equal.
 */
export function wordDiff(before: string, after: string): WordDiffPart[] {
  if (before === after) return [];
  const parts: WordDiffPart[] = [];
  for (const change of diffWords(before, after, { intlSegmenter: words })) {
    const op = change.added ? '+' : change.removed ? '-' : '=';
    const last = parts.at(-1);
    if (last && last.op === op) last.text += change.value;
    else if (change.value) parts.push({ op, text: change.value });
  }
  return parts;
}
