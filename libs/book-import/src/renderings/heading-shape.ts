import { NOTES_HEADING } from './endnote-lines.js';
import { visible, wordCount, type Unit } from './units.js';

/**
 * Headings of a book without markup, told by their shape:
 * - a chapter number with a title (`7 THE LONG WINTER`, `7. The Long Winter`, `Chapter 7`, `Глава 7.
 *   Зима`, `Kapitel 7: Der Winter`, `IV. The Thaw`): level 1;
 * - a short line in capitals (`THE GRAIN LEVY`): level 2;
 * - a short line without final punctuation standing between paragraphs, starting with a capital:
 *   level 2, or 3 in a book that also has capital-letter headings.
 * A line with a note marker, a line of digits, a line ending in punctuation (other than `?`/`!` for a
 * chapter title) or longer than a heading can be is text.
 */
export type HeadingReason = 'chapterNumber' | 'allCaps' | 'shortLine' | 'title' | 'notes';

export interface HeadingShape {
  level: 1 | 2 | 3;
  reason: HeadingReason;
}

const MAX_WORDS = 12;
const CHAPTER_WORD = /^(?:chapter|part|глава|часть|kapitel|teil)\s+(\d{1,3}|[IVXLC]{1,7})\b\.?:?\s*(.*)$/iu;
const NUMBERED = /^(\d{1,3}|[IVXLC]{1,7})(?:\.|\s)\s*(\p{Lu}.*)$/u;
const FINAL_PUNCTUATION = /[.,;:…]["”’»)]*$/;

/** Whether all letters are capitals (and there are at least three of them). */
export function isAllCaps(s: string): boolean {
  const letters = s.match(/\p{L}/gu) ?? [];
  return letters.length >= 3 && letters.every((c) => c === c.toUpperCase() && c !== c.toLowerCase());
}

/** The chapter-number shape alone (used for run-in and short lines as well). */
export function chapterShape(text: string): boolean {
  const s = visible(text);
  if (s.length > 120 || wordCount(s) > MAX_WORDS + 2 || FINAL_PUNCTUATION.test(s)) return false;
  // A line of a table of contents (`1 THE FIRST SNOW 7`, `Chapter 2 …… 31`) ends in its page number.
  if (/\S\s+\d{1,4}$/.test(s) && !/^(?:chapter|part|глава|часть|kapitel|teil)\s+\S+$/iu.test(s)) return false;
  const word = CHAPTER_WORD.exec(s);
  if (word) return true;
  const m = NUMBERED.exec(s);
  if (!m) return false;
  const title = m[2]!;
  // `7 THE LONG WINTER` or `7. The Long Winter`: the title reads as a title, not a sentence.
  return wordCount(title) <= MAX_WORDS && (isAllCaps(title) || /^(?:\p{Lu}\S*\s*)(?:\S+\s*){0,11}$/u.test(title)) && !/\d{3,}/.test(title);
}

/**
 * The shape of one unit among its neighbours, or null for text. `capsHeadings`: whether the book has
 * capital-letter headings (short headings are then one level below them).
 */
export function headingShape(units: Unit[], i: number, capsHeadings: boolean): HeadingShape | null {
  const u = units[i]!;
  if (u.kind !== 'paragraph') return null;
  const s = visible(u);
  if (s === '' || !/\p{L}/u.test(s) || /\uE002/.test(u.text)) return null;
  if (chapterShape(s)) return { level: 1, reason: 'chapterNumber' };
  if (NOTES_HEADING.test(s)) return { level: 2, reason: 'notes' };
  if (s.length > 100 || wordCount(s) > MAX_WORDS || FINAL_PUNCTUATION.test(s)) return null;
  if (isAllCaps(s)) return { level: 2, reason: 'allCaps' };
  if (!/^["“„«(]?\p{Lu}/u.test(s) || /[!?]["”’»)]*$/.test(s)) return null;
  // A short line between paragraphs (or at the start, before one): a title or a section heading.
  const prev = units[i - 1];
  const next = units[i + 1];
  const isText = (n: Unit | undefined): boolean => n !== undefined && (n.kind === 'paragraph' || n.kind === 'quote') && wordCount(n.text) > MAX_WORDS;
  // The first line of the file, before text or a chapter heading: the book's (or essay's) title.
  if (i === 0 && next !== undefined && (isText(next) || chapterShape(next.text))) return { level: 1, reason: 'title' };
  const beforeOk = prev === undefined || prev.kind === 'heading' || isText(prev);
  if (!beforeOk || !isText(next)) return null;
  return { level: capsHeadings ? 3 : 2, reason: 'shortLine' };
}

/** Marks the units that are headings by shape; returns how many of each level. */
export function applyHeadingShapes(units: Unit[]): Record<string, number> {
  const caps = units.some((u, i) => u.kind === 'paragraph' && headingShape(units, i, false)?.reason === 'allCaps');
  const counts: Record<string, number> = {};
  const mark = (i: number, shape: HeadingShape): void => {
    const u = units[i]!;
    u.kind = 'heading';
    u.level = shape.level;
    // A "Notes" heading announces endnotes and usually goes with them (see endnote-lines.ts).
    if (shape.reason !== 'notes') counts[String(shape.level)] = (counts[String(shape.level)] ?? 0) + 1;
  };
  // Chapter numbers and capitals first, so that a short line right under one is seen after a heading.
  const first = units.map((_, i) => headingShape(units, i, caps));
  first.forEach((shape, i) => {
    if (shape && shape.reason !== 'shortLine' && shape.reason !== 'title') mark(i, shape);
  });
  units.forEach((_, i) => {
    const shape = headingShape(units, i, caps);
    if (shape) mark(i, shape);
  });
  return counts;
}
