import type { Block } from './blocks.js';
import { isWhollyItalic } from './inline.js';
import { noteLabelOf, type NoteLabel } from './note-labels.js';
import { hasLetters, isForeignScript } from './script.js';
import type { ImportWarning } from './types.js';
import { pushAll } from './arrays.js';

/**
 * Finding note bodies among a document's blocks.
 *
 * Page notes (footnotes printed at the foot of each page, after a `---` line): the paragraphs after a
 * rule whose labels continue the note sequence are notes; an unlabelled first paragraph after the rule
 * continues the previous note (it ran over the page); the first paragraph that is neither ends the
 * block and is body text again. Each such block ends a page.
 *
 * End notes (all notes of a chapter at its end, after `---`, an empty `- ` or nothing): the longest run
 * of paragraphs labelled 1, 2, 3, … (or continuing the book's numbering) is the note block. Rules,
 * empty list items, captions and foreign-script text may sit inside the run. A wrongly printed label
 * between two correct ones is taken by its position (`…8, 2, 10…` → 9).
 *
 * In both, `[^x]: …` definitions are notes wherever they are, and a numbered paragraph is a note only if
 * its number is the one expected next.
 */
export type NotesMode = 'page' | 'end';

/** The running note numbering of the book: continuous, or restarting at 1 in a new document. */
export class NoteSequence {
  private last = 0;
  private newDocument = true;

  startDocument(): void {
    this.newDocument = true;
  }

  accepts(n: number): boolean {
    return n === this.last + 1 || (n === 1 && this.newDocument);
  }

  accept(n: number): void {
    this.last = n;
    this.newDocument = false;
  }

  /** Labels an end-note block of the current document may start with. */
  starts(): number[] {
    return this.last > 0 ? [1, this.last + 1] : [1];
  }
}

export interface NotePart {
  /** Inline source of this paragraph of the note. */
  text: string;
  block: Block;
  index: number;
  /** Source pages, for a note printed in another document than the one it belongs to (a notes section). */
  pages?: string[];
}

export interface DetectedNote {
  /** The label the note is known by: the expected number (also for a misprinted one), a symbol, a name. */
  label: string;
  number?: number;
  symbol: boolean;
  parts: NotePart[];
}

export interface NoteDetection {
  notes: DetectedNote[];
  /** Block indices that belong to notes (removed from the text flow). */
  consumed: Set<number>;
  /** Page notes: indices of the last block of each note block (a page ends there). */
  pageBreakAfter: Set<number>;
  /** End notes: the index after the last note, where trailing captions and facsimiles begin. */
  trailingFrom: number | null;
  /** Continued notes (page notes whose text ran over a page). */
  continued: number;
  warnings: ImportWarning[];
}

interface DetectContext {
  bookLanguage: string;
  /** The document has explicit markers (`<sup>`, `[^x]`), so a numbered run at its end is not a list. */
  hasExplicitMarkers: boolean;
  /** The number of the document's first explicit marker: its end notes start there. */
  firstMarker?: number;
}

const isTransparent = (b: Block): boolean => b.type === 'rule' || (b.type === 'listItem' && b.text === '');

function label(block: Block, ctx: DetectContext): NoteLabel | null {
  return noteLabelOf(block, ctx.bookLanguage);
}

export const misprintedWarning = (printed: string, expected: number, line: number): ImportWarning => ({
  code: 'NOTE_LABEL_MISPRINTED',
  message: `Note printed as "${printed}" between notes ${expected - 1} and ${expected + 1} was taken as note ${expected}.`,
  params: { printed, expected, before: expected - 1, after: expected + 1 },
  line,
});

export const missingWarning = (expected: number, found: number, line: number): ImportWarning => ({
  code: 'NOTE_MISSING',
  message: `Note ${expected}${found - 1 > expected ? `–${found - 1}` : ''} is missing before note ${found}.`,
  params: { missing: `${expected}${found - 1 > expected ? `–${found - 1}` : ''}`, found },
  line,
});

export function newNote(l: NoteLabel, block: Block, index: number, number?: number): DetectedNote {
  return {
    label: number !== undefined ? String(number) : l.label,
    number: number ?? l.number,
    symbol: l.form === 'symbol',
    parts: [{ text: l.rest, block, index }],
  };
}

/** The result for a document that has no notes (or is not searched for them: contents, index). */
export const noNotes = (): NoteDetection => ({
  notes: [],
  consumed: new Set(),
  pageBreakAfter: new Set(),
  trailingFrom: null,
  continued: 0,
  warnings: [],
});

export function detectNotes(blocks: Block[], mode: NotesMode, seq: NoteSequence, ctx: DetectContext): NoteDetection {
  const result = noNotes();
  // Markdown footnote definitions are notes wherever they stand.
  blocks.forEach((b, i) => {
    const l = label(b, ctx);
    if (l?.form === 'markdown') {
      result.notes.push(newNote(l, b, i));
      result.consumed.add(i);
    }
  });
  if (mode === 'page') detectPageNotes(blocks, seq, ctx, result);
  else detectEndNotes(blocks, seq, ctx, result);
  result.notes.sort((a, b) => a.parts[0]!.index - b.parts[0]!.index);
  return result;
}

function detectPageNotes(blocks: Block[], seq: NoteSequence, ctx: DetectContext, result: NoteDetection): void {
  let lastNote: DetectedNote | null = null;
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i]!.type !== 'rule') continue;
    let j = i + 1;
    let taken = 0;
    const first = blocks[j];
    const firstLabel = first ? label(first, ctx) : null;
    const opensNote = firstLabel && (firstLabel.number === undefined ? firstLabel.form === 'symbol' : seq.accepts(firstLabel.number));
    if (first && !opensNote && lastNote && isContinuation(first, ctx)) {
      lastNote.parts.push({ text: first.text, block: first, index: j });
      result.consumed.add(j);
      result.continued++;
      j++;
      taken++;
    }
    for (; j < blocks.length; j++) {
      const b = blocks[j]!;
      const l = label(b, ctx);
      if (!l || l.form === 'markdown') break;
      if (l.number !== undefined) {
        if (!seq.accepts(l.number)) break;
        seq.accept(l.number);
      } else if (l.form !== 'symbol') break;
      lastNote = newNote(l, b, j);
      result.notes.push(lastNote);
      result.consumed.add(j);
      taken++;
    }
    if (taken > 0) {
      result.consumed.add(i);
      result.pageBreakAfter.add(j - 1);
      i = j - 1;
    }
  }
}

function isContinuation(b: Block, ctx: DetectContext): boolean {
  return b.type === 'paragraph' && !b.separator && !isForeignScript(b.text, ctx.bookLanguage) && hasLetters(b.text);
}

interface Run {
  notes: DetectedNote[];
  indices: number[];
  next: number;
  warnings: ImportWarning[];
}

function detectEndNotes(blocks: Block[], seq: NoteSequence, ctx: DetectContext, result: NoteDetection): void {
  const labels = blocks.map((b) => (isTransparent(b) ? null : label(b, ctx)));
  // Blocks that may sit inside a note run without ending it.
  const passable = blocks.map(
    (b, i) =>
      isTransparent(b) ||
      (labels[i] === null &&
        (b.type === 'paragraph' || b.type === 'heading' || b.type === 'table') &&
        (isForeignScript(b.text || (b.rows ?? []).flat().join(' '), ctx.bookLanguage) ||
          !hasLetters(b.text || (b.rows ?? []).flat().join(' ')) ||
          isWhollyItalic(b.text))),
  );
  const nextLabelled = (from: number): NoteLabel | null => {
    for (let k = from; k < blocks.length; k++) {
      if (labels[k]) return labels[k]!;
      if (!passable[k]) return null;
    }
    return null;
  };

  const runs: Run[] = [];
  let cur: Run | null = null;
  const starts = ctx.firstMarker !== undefined ? [ctx.firstMarker] : seq.starts();
  for (let k = 0; k < blocks.length; k++) {
    const l = labels[k];
    if (!l) {
      if (cur && !passable[k]) {
        runs.push(cur);
        cur = null;
      }
      continue;
    }
    if (l.form === 'markdown') continue;
    if (cur) {
      if (l.form === 'symbol') {
        cur.notes.push(newNote(l, blocks[k]!, k));
        cur.indices.push(k);
        continue;
      }
      const n = l.number!;
      if (n === cur.next) {
        cur.notes.push(newNote(l, blocks[k]!, k));
      } else if (nextLabelled(k + 1)?.number === cur.next + 1 && !starts.includes(n)) {
        cur.notes.push(newNote(l, blocks[k]!, k, cur.next));
        cur.warnings.push(misprintedWarning(l.label, cur.next, blocks[k]!.line));
      } else if (n > cur.next && n <= cur.next + 2) {
        cur.notes.push(newNote(l, blocks[k]!, k));
        cur.warnings.push(missingWarning(cur.next, n, blocks[k]!.line));
      } else {
        runs.push(cur);
        cur = null;
      }
      if (cur) {
        cur.indices.push(k);
        cur.next = Number(cur.notes[cur.notes.length - 1]!.label) + 1;
        continue;
      }
    }
    if (l.number !== undefined && starts.includes(l.number)) {
      cur = { notes: [newNote(l, blocks[k]!, k)], indices: [k], next: l.number + 1, warnings: [] };
    } else if (l.form === 'symbol' && k > 0 && blocks[k - 1]!.type === 'rule') {
      cur = { notes: [newNote(l, blocks[k]!, k)], indices: [k], next: starts[0]!, warnings: [] };
    }
  }
  if (cur) runs.push(cur);

  let best: Run | null = null;
  for (const run of runs) if (!best || run.notes.length >= best.notes.length) best = run;
  if (!best) return;
  const end = best.indices[best.indices.length - 1]! + 1;
  if (!ctx.hasExplicitMarkers && !trailingIsFigureMaterial(blocks, end, passable)) return;
  for (const note of best.notes) result.notes.push(note);
  for (const k of best.indices) result.consumed.add(k);
  pushAll(result.warnings, best.warnings);
  result.trailingFrom = end;
  const lastNumber = [...best.notes].reverse().find((n) => n.number !== undefined)?.number;
  if (lastNumber !== undefined) seq.accept(lastNumber);
}

/** After a chapter's notes only captions and facsimiles may follow (else the "notes" were a list in the text). */
function trailingIsFigureMaterial(blocks: Block[], from: number, passable: boolean[]): boolean {
  let sawFigure = false;
  for (let k = from; k < blocks.length; k++) {
    if (passable[k]) {
      sawFigure = sawFigure || !isTransparent(blocks[k]!);
      continue;
    }
    if (!sawFigure) return false;
  }
  return true;
}
