import { chapterShape, isAllCaps } from './heading-shape.js';
import { endsSentence, wordCount } from './units.js';

/**
 * Re-joins text a web page re-wrapped at arbitrary places (often at sentence ends): in a file whose
 * paragraphs are separated by blank lines, a single line break inside a paragraph is false; in a file
 * without blank lines, a line that does not end a sentence, or a next line starting in lower case,
 * continues. Never across a line that looks like a heading (a chapter number with a title, a short
 * line in capitals) or before a line that starts a flattened list item (`* …`).
 *
 * Returns groups of source lines, each one paragraph to be.
 */
export interface LineGroup {
  text: string;
  /** 1-based line of the group's first line. */
  line: number;
  /** False breaks re-joined in it. */
  joined: number;
}

const headingLike = (s: string): boolean => chapterShape(s) || (isAllCaps(s) && wordCount(s) <= 12 && !/[.,;:]$/.test(s.trim()));

export function rejoinFalseBreaks(lines: (string | null)[]): LineGroup[] {
  const blankSeparated = lines.filter((l) => l !== null && l.trim() === '').length >= 2;
  const groups: LineGroup[] = [];
  let current: LineGroup | null = null;
  lines.forEach((raw, i) => {
    if (raw === null) return;
    const line = raw.trim();
    if (line === '') {
      current = null;
      return;
    }
    const continues =
      current !== null &&
      !headingLike(line) &&
      !headingLike(current.text) &&
      !/^\*\s/.test(line) &&
      (blankSeparated || !endsSentence(current.text) || /^\p{Ll}/u.test(line));
    if (continues) {
      current!.text += ` ${line}`;
      current!.joined++;
    } else {
      current = { text: line, line: i + 1, joined: 0 };
      groups.push(current);
    }
  });
  return groups;
}
