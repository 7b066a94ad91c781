import { visible, type Unit } from './units.js';

/**
 * Endnotes of a book without markup: numbered lines `36 Text of the note…` (or `36. …`) at the end of a
 * chapter, or after a "Notes" heading. The block is the run of consecutive numbers (a gap of up to two
 * missing notes is allowed) that reaches the end of the chapter or the section; it may start at any
 * number (a chapter of a web reader continues the book's numbering) but needs at least two notes unless
 * a "Notes" heading announces it. An unnumbered line inside the block continues the note before it.
 * A "Notes" heading after two or more chapters is the book's notes section and stays (a top-level
 * heading, so the importer's notes-section rules give each note to its chapter); otherwise it only
 * announced the chapter's notes and goes.
 */
const NOTE_LINE = /^(\d{1,4})\.?\s+(\S[\s\S]*)$/;
export const NOTES_HEADING = /^(?:(?:end)?notes|notes and references|anmerkungen|endnoten|fußnoten|примечания|комментарии|сноски)$/iu;

export interface EndnoteResult {
  /** Notes found (units turned into `note`s). */
  notes: number;
  /** The number each block of notes starts at. */
  starts: number[];
}

const noteNumber = (u: Unit): number | null => {
  if (u.kind !== 'paragraph') return null;
  const m = NOTE_LINE.exec(visible(u));
  return m ? Number(m[1]) : null;
};

/** Marks note units in each chapter (units between level-1 headings); returns what was found. */
export function findEndnotes(units: Unit[]): EndnoteResult {
  const result: EndnoteResult = { notes: 0, starts: [] };
  const bounds: number[] = [];
  units.forEach((u, i) => {
    if (u.kind === 'heading' && (u.level === 1 || NOTES_HEADING.test(visible(u)))) bounds.push(i);
  });
  const sections: [number, number][] = [];
  let from = 0;
  for (const b of bounds) {
    if (b > from) sections.push([from, b]);
    from = b;
  }
  sections.push([from, units.length]);
  for (const [start, end] of sections) {
    const announced = units[start]?.kind === 'heading' && NOTES_HEADING.test(visible(units[start]!));
    const run = trailingRun(units, announced ? start + 1 : start, end, announced);
    if (!run) continue;
    let current: Unit | null = null;
    for (let k = run.from; k < end; k++) {
      const u = units[k]!;
      const n = noteNumber(u);
      if (n !== null && run.numbers.has(k)) {
        u.kind = 'note';
        u.number = n;
        u.text = u.text.replace(/^(\s*(?:\uE000[^\uE001]*\uE001\s*)*)\d{1,4}\.?\s+/, '$1');
        current = u;
        result.notes++;
      } else if (current && u.kind === 'paragraph') {
        // A further paragraph of the note: kept with it.
        current.text += ` ${u.text}`;
        u.kind = 'note';
        u.number = -1;
      }
    }
    result.starts.push(run.first);
    if (announced) {
      const chaptersBefore = units.slice(0, start).filter((u) => u.kind === 'heading' && u.level === 1).length;
      // After two or more chapters it is the book's notes section (the importer gives each note to the
      // chapter that references it); after one, it only announced that chapter's notes.
      if (chaptersBefore >= 2) units[start]!.level = 1;
      else units[start]!.number = -1;
    }
  }
  // Continuation lines were merged into their notes; drop them.
  for (let i = units.length - 1; i >= 0; i--) if (units[i]!.number === -1) units.splice(i, 1);
  return result;
}

/** The run of numbered lines reaching the end of [start, end), scanning backwards. */
function trailingRun(units: Unit[], start: number, end: number, announced: boolean): { from: number; first: number; numbers: Set<number> } | null {
  const numbers = new Set<number>();
  let expectBelow: number | null = null;
  let from = end;
  let count = 0;
  for (let k = end - 1; k >= start; k--) {
    const u = units[k]!;
    if (u.kind === 'heading') break;
    const n = noteNumber(u);
    if (n === null) {
      // An unnumbered line may continue a note only inside the block, not before its first note.
      if (count === 0 && !announced) return null;
      continue;
    }
    if (expectBelow !== null && !(n < expectBelow && n >= expectBelow - 3)) break;
    numbers.add(k);
    count++;
    from = k;
    expectBelow = n;
  }
  if (count === 0 || (!announced && count < 2) || expectBelow === null) return null;
  // Lines before the first note that are not notes stay text (trim `from` to the first numbered line).
  return { from, first: expectBelow, numbers };
}
