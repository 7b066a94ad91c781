import { headingTitle, type DocumentNames, type DocumentPlan } from './documents.js';
import { markerLabels } from './footnotes.js';
import type { FlowItem } from './flow.js';
import { misprintedWarning, missingWarning, newNote, noNotes, type DetectedNote, type NoteDetection } from './note-detection.js';
import { noteLabelOf, type NoteLabel } from './note-labels.js';
import type { ImportWarning } from './types.js';
import { pushAll } from './arrays.js';

/**
 * A notes section at the back of the book ("Notes", "Endnotes", "Anmerkungen", "Примечания"): the note
 * bodies of the chapters, collected in one place.
 *
 * - Sub-headings (any level) group the notes by chapter: "Chapter 3", "3. Title", "Notes to Chapter 3",
 *   "Introduction", the chapter's own title. A group's notes belong to the document its sub-heading names
 *   (see `DocumentNames`); under a sub-heading that names none they stay in the section, with a warning.
 * - Notes before any sub-heading are numbered through the book: each goes to the first document, from the
 *   one the previous note went to onwards, that has a reference with its label and no note of its own for
 *   it. A note no reference asks for goes with the note before it, or stays in the section if none went
 *   anywhere before it.
 * - In a group, a numbered paragraph is a note when its number is the next one (the first of a group under
 *   a sub-heading may be any number; without a sub-heading the first is 1 or continues the section), with
 *   up to two missing before it, or a misprint between two right ones; `[^x]:` definitions are notes.
 *   Any other paragraph after a note continues it (a second paragraph of the note); before the first note
 *   it is prose of the section, which stays in it.
 */
export interface NotesGroup {
  /** The sub-heading; null for notes before any sub-heading. */
  heading: { index: number; title: string; line: number } | null;
  /** The plan index of the document the sub-heading names, or null. */
  target: number | null;
  notes: DetectedNote[];
}

export interface NotesSection {
  groups: NotesGroup[];
  /** The notes, and the sub-headings that only grouped them, taken out of the section's text. */
  detection: NoteDetection;
  /** Warnings about single notes (a gap, a misprint): they go to the document the note ends up in. */
  noteWarnings: { warning: ImportWarning; note: DetectedNote }[];
}

export function readNotesSection(doc: DocumentPlan, names: DocumentNames, bookLanguage: string): NotesSection {
  const blocks = doc.blocks;
  const labels = blocks.map((b) => noteLabelOf(b, bookLanguage));
  // The number of the next numbered label after each block within its group, in one backward pass.
  const nextNumber = new Array<number | undefined>(blocks.length);
  let upcoming: number | undefined;
  for (let k = blocks.length - 1; k >= 0; k--) {
    nextNumber[k] = upcoming;
    if (blocks[k]!.type === 'heading') upcoming = undefined;
    else if (labels[k]?.number !== undefined) upcoming = labels[k]!.number;
  }

  const detection = noNotes();
  const groups: NotesGroup[] = [];
  const noteWarnings: NotesSection['noteWarnings'] = [];
  const withProse = new Set<NotesGroup>();
  let group: NotesGroup | null = null;
  let current: DetectedNote | null = null;
  let next = 0; // the number expected next in the group; 0 before its first note
  let last = 0; // the section's last number, which notes without sub-headings continue

  /** The number a labelled paragraph is taken as note of, with a warning if it is not the expected one. */
  const numberOf = (l: NoteLabel, k: number, headed: boolean): { number: number; warning?: ImportWarning } | null => {
    const n = l.number!;
    const line = blocks[k]!.line;
    if (next === 0) return headed || n === last + 1 ? { number: n } : null;
    if (n === next) return { number: n };
    if (n > next && n <= next + 2 && nextNumber[k] !== next) return { number: n, warning: missingWarning(next, n, line) };
    if (n !== 1 && nextNumber[k] === next + 1) return { number: next, warning: misprintedWarning(l.label, next, line) };
    // Without sub-headings, numbering that restarts at 1 (and goes on with 2) starts the next chapter's notes.
    if (n === 1 && !headed && nextNumber[k] === 2) return { number: 1 };
    return null;
  };

  blocks.forEach((b, k) => {
    if (b.type === 'heading') {
      const title = headingTitle(b);
      groups.push((group = { heading: { index: k, title, line: b.line }, target: names.match(title), notes: [] }));
      current = null;
      next = 0;
      return;
    }
    if (b.type === 'rule' || (b.type === 'listItem' && b.text === '')) return;
    if (!group) groups.push((group = { heading: null, target: null, notes: [] }));
    const l = labels[k];
    let note: DetectedNote | null = null;
    if (l?.form === 'markdown') note = newNote(l, b, k);
    else if (l?.number !== undefined) {
      const taken = numberOf(l, k, group.heading !== null);
      if (taken) {
        note = newNote(l, b, k, taken.number);
        if (taken.warning) noteWarnings.push({ warning: taken.warning, note });
        next = taken.number + 1;
        last = taken.number;
      }
    }
    if (note) {
      group.notes.push(note);
      detection.consumed.add(k);
      current = note;
    } else if (current && (b.type === 'paragraph' || b.type === 'listItem' || b.type === 'quote') && !b.separator) {
      current.parts.push({ text: b.text, block: b, index: k });
      detection.consumed.add(k);
    } else {
      withProse.add(group);
    }
  });

  // A sub-heading that only grouped notes goes with them; one over prose, or that names no document, stays.
  for (const g of groups) if (g.heading && g.target !== null && !withProse.has(g)) detection.consumed.add(g.heading.index);
  return { groups, detection, noteWarnings };
}

/**
 * Notes under a sub-heading go to the document it names; under one that names none they stay in their
 * section (`warn`). Notes without a sub-heading are returned as the pool to give by label.
 */
export function distributeByHeading(
  sections: (NotesSection | null)[],
  warn: (section: number, warning: ImportWarning) => void,
): { extra: DetectedNote[][]; pool: { note: DetectedNote; section: number }[] } {
  const extra = sections.map((): DetectedNote[] => []);
  const pool: { note: DetectedNote; section: number }[] = [];
  sections.forEach((section, s) => {
    for (const g of section?.groups ?? []) {
      if (!g.heading) {
        for (const note of g.notes) pool.push({ note, section: s });
        continue;
      }
      pushAll(extra[g.target ?? s]!, g.notes);
      if (g.target === null && g.notes.length > 0) {
        warn(s, {
          code: 'NOTES_HEADING_UNMATCHED',
          message: `The notes under “${g.heading.title}” name no chapter of the book; they stay in the notes section.`,
          params: { heading: g.heading.title },
          line: g.heading.line,
        });
      }
    }
  });
  return { extra, pool };
}

/** What the distribution needs to know of each document of the book. */
export interface NotesTarget {
  /** Notes found in the document itself (end or page notes). */
  notes: DetectedNote[];
  /** Its text, with every marker found (bare numbers too). */
  items: FlowItem[];
  /** Whether notes may go to it by label (chapters, front and back matter; not a notes section). */
  receives: boolean;
}

/**
 * Notes of the sections that have no sub-heading, given to documents by label (see above): into
 * `extra[document]`, which already holds the notes of the sub-headed groups. Linear: one pass over the
 * references, one over the notes, a cursor per label.
 */
export function distributeByLabel(pool: { note: DetectedNote; section: number }[], docs: NotesTarget[], extra: DetectedNote[][]): void {
  if (pool.length === 0) return;
  // For each label, the documents with a reference to it that none of their own notes answers, in order.
  const asking = new Map<string, number[]>();
  docs.forEach((doc, i) => {
    if (!doc.receives) return;
    const answered = new Set([...doc.notes, ...extra[i]!].map((n) => n.label));
    for (const label of new Set(markerLabels(doc.items))) {
      if (answered.has(label)) continue;
      const list = asking.get(label) ?? [];
      list.push(i);
      asking.set(label, list);
    }
  });
  const cursor = new Map<string, number>();
  let from = 0;
  let lastTarget: number | null = null;
  for (const { note, section } of pool) {
    const list = asking.get(note.label) ?? [];
    // Each document of a list is passed over at most once: what lies before `from` stays behind.
    let c = cursor.get(note.label) ?? 0;
    while (c < list.length && list[c]! < from) c++;
    if (c < list.length) lastTarget = from = list[c++]!;
    cursor.set(note.label, c);
    extra[lastTarget ?? section]!.push(note);
  }
}
