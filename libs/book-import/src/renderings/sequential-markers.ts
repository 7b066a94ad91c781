import { markToken } from './rendering.js';
import type { Unit } from './units.js';

/**
 * Bare-number note markers by the sequential rule: only the next expected number is a marker, and only
 * when it is glued to a word or to closing punctuation (`…the party.36 The`, `in 1937.58`, `Lenin’s36`)
 * and not followed by a letter, digit, `%`, `°` or a range/decimal (`36–37%`, `3.5`). After a number and
 * a full stop (`1937.58`) it must end the text or be followed by a new sentence. A number that breaks the
 * sequence is never a marker, so years, counts and page references stay text.
 *
 * Numbering starts where the book's stands: at the first endnote number of the chapter when the chapter
 * has endnotes, else it continues from the chapter before (or restarts at 1, whichever finds more); a
 * text whose numbering is not known (a single chapter of a web reader without its notes) starts at the
 * first glued number that is followed by its successor.
 */
const PREV_OK = /[\p{L}.,;:!?)\]}”’"'»…]/u;
const CANDIDATE = /\d{1,4}/g;

interface Candidate {
  unit: number;
  index: number;
  length: number;
  n: number;
}

function candidates(units: Unit[], from: number, to: number): Candidate[] {
  const out: Candidate[] = [];
  for (let u = from; u < to; u++) {
    const unit = units[u]!;
    if (unit.kind === 'note' || unit.kind === 'heading') continue;
    const text = unit.text;
    for (const m of text.matchAll(CANDIDATE)) {
      const start = m.index;
      const end = start + m[0].length;
      const prev = text[start - 1] ?? '';
      const beforePrev = text[start - 2] ?? '';
      const rest = text.slice(end);
      if (!prev || !PREV_OK.test(prev) || /\d/.test(prev)) continue;
      if (/^[\p{L}\d%°]/u.test(rest) || /^[–\-—/.,:]\d/.test(rest)) continue;
      if (/[.,]/.test(prev) && /\d/.test(beforePrev) && !(rest.trim() === '' || /^\s+[\p{Lu}“"‘'(\[«„]/u.test(rest))) continue;
      out.push({ unit: u, index: start, length: m[0].length, n: Number(m[0]) });
    }
  }
  return out;
}

/** The candidates that form the sequence from `start`. */
function sequence(cands: Candidate[], start: number): Candidate[] {
  const taken: Candidate[] = [];
  let expected = start;
  for (const c of cands) {
    if (c.n === expected) {
      taken.push(c);
      expected++;
    }
  }
  return taken;
}

/** Replaces the markers found with marker tokens; returns their number and where the numbering ends. */
export function findSequentialMarkers(units: Unit[]): { markers: number } {
  // Chapters: units between level-1 headings.
  const starts = [0, ...units.flatMap((u, i) => (u.kind === 'heading' && u.level === 1 && i > 0 ? [i] : [])), units.length];
  let expected = 1;
  let total = 0;
  for (let c = 0; c < starts.length - 1; c++) {
    const from = starts[c]!;
    const to = starts[c + 1]!;
    const cands = candidates(units, from, to);
    let chosen: Candidate[];
    const notesStart = units.slice(from, to).find((u) => u.kind === 'note' && u.number !== undefined)?.number;
    if (notesStart !== undefined) chosen = sequence(cands, notesStart);
    else {
      const onward = sequence(cands, expected);
      const restart = expected === 1 ? onward : sequence(cands, 1);
      chosen = restart.length > onward.length ? restart : onward;
      if (chosen.length === 0) {
        const first = cands.find((cand, k) => cands.slice(k + 1).some((d) => d.n === cand.n + 1));
        if (first) chosen = sequence(cands, first.n);
      }
    }
    if (chosen.length === 0) continue;
    expected = chosen[chosen.length - 1]!.n + 1;
    total += chosen.length;
    // Replace from the end of each unit so indices stay valid.
    for (const cand of [...chosen].reverse()) {
      const unit = units[cand.unit]!;
      unit.text = unit.text.slice(0, cand.index) + markToken(cand.n) + unit.text.slice(cand.index + cand.length);
    }
  }
  return { markers: total };
}
