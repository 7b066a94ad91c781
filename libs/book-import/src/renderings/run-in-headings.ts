import { isAllCaps } from './heading-shape.js';
import type { ImportGuess } from './rendering.js';
import { visible, wordCount } from './units.js';

/**
 * Headings run into the text of a web essay whose structure was flattened, split out where the
 * evidence is clear, and reported as guesses:
 * - glued to the next word: a title after a sentence end, with no space before the text that follows
 *   (`…had no choice. The Harvest of 1932 (Grain and Quotas)A Rural Catastrophe…`);
 * - glued to a flattened list: a title right before `* ` (`A Rural Catastrophe* In the spring…`);
 * - a sub-head in capitals ending in ` –` (`THE GRAIN LEVY – In the autumn…`), one level lower.
 * A title is at most 12 words, starts with a capital, holds no sentence end, and is not a fragment of
 * a name (the word before a glue point has at least four letters, or ends in a bracket).
 */
export interface RunInPart {
  kind: 'paragraph' | 'heading';
  text: string;
  level?: number;
}

const MAX_WORDS = 12;
/** Where a title may start: the start of the text or after a sentence end. */
const SENTENCE_END = /[.!?…]["”’»)]*\s+/g;

function titleStart(text: string, end: number): number {
  let start = 0;
  for (const m of text.slice(0, end).matchAll(SENTENCE_END)) start = m.index + m[0].length;
  return start;
}

const isTitle = (s: string): boolean =>
  s !== '' && /^["“„«(]?\p{Lu}/u.test(s) && wordCount(s) <= MAX_WORDS && wordCount(s) >= 1 && !/[.,;:!?…]$/.test(s);

interface Hit {
  start: number;
  end: number;
  /** Where the text after the heading resumes. */
  resume: number;
  level: number;
}

function firstHit(text: string): Hit | null {
  let best: Hit | null = null;
  const consider = (h: Hit): void => {
    if (!best || h.start < best.start) best = h;
  };
  // Glued to the next word: `…Quotas)A Rural`, `…Catastrophe` + `In`.
  for (const m of text.matchAll(/(?<=\))(?=\p{Lu})|(?<=\p{Ll})(?=\p{Lu}\p{Ll})/gu)) {
    const end = m.index;
    const before = text.slice(0, end);
    const lastWord = /(\S+)$/.exec(before)?.[1] ?? '';
    if (!/[)\]]$/.test(lastWord) && (lastWord.match(/\p{L}/gu)?.length ?? 0) < 4) continue;
    const start = titleStart(text, end);
    const title = text.slice(start, end).trim();
    if (!isTitle(title) || /\p{Ll}\p{Lu}/u.test(title)) continue;
    consider({ start, end, resume: end, level: 2 });
    break;
  }
  // Glued to a flattened list: `A Rural Catastrophe* In`.
  for (const m of text.matchAll(/(?<=[\p{L})\]])\*(?=\s)/gu)) {
    const start = titleStart(text, m.index);
    const title = text.slice(start, m.index).trim();
    if (!isTitle(title)) continue;
    consider({ start, end: m.index, resume: m.index, level: 2 });
    break;
  }
  // A sub-head in capitals ending in ` –`.
  for (const m of text.matchAll(/(?:^|(?<=[.!?…]["”’»)]*\s))(\p{Lu}[\p{Lu}\d ,'’&-]{2,80}?)\s+[–—]\s+(?=\S)/gu)) {
    const title = m[1]!.trim();
    if (isAllCaps(title) && wordCount(title) <= MAX_WORDS) consider({ start: m.index, end: m.index + m[1]!.length, resume: m.index + m[0].length, level: 3 });
    break;
  }
  return best;
}

/** Splits one paragraph's text into paragraphs and headings; the headings are also returned as guesses. */
export function splitRunInHeadings(text: string, line: number): { parts: RunInPart[]; guesses: ImportGuess[] } {
  const parts: RunInPart[] = [];
  const guesses: ImportGuess[] = [];
  let rest = text;
  let previousWasHeading = false;
  for (let guard = 0; guard < 1000; guard++) {
    const hit = firstHit(rest);
    if (!hit) break;
    const before = rest.slice(0, hit.start).trim();
    const title = rest.slice(hit.start, hit.end).trim();
    if (before) parts.push({ kind: 'paragraph', text: before });
    const level = previousWasHeading && !before ? Math.min(3, hit.level + 1) : hit.level;
    parts.push({ kind: 'heading', text: title, level });
    guesses.push({ kind: 'runInHeading', text: visible(title), line });
    previousWasHeading = true;
    rest = rest.slice(hit.resume).trim();
  }
  if (rest) parts.push({ kind: 'paragraph', text: rest });
  return { parts, guesses };
}
