import type { BookFootnote, BookSegment, ImportWarning } from './types.js';
import type { FlowItem } from './flow.js';
import { parseInline, piecesText, type MarkerPiece, type Piece } from './inline.js';
import type { DetectedNote } from './note-detection.js';
import { toContent } from './content.js';
import { segmentLanguage } from './script.js';

/**
 * Linking note markers to note bodies within a document, and building the document's footnotes.
 *
 * - A numbered or named marker links to the body with its label in the same document; two markers with
 *   the same label share that body (one footnote, two references).
 * - A marker without a body becomes a footnote with an empty body (an unresolved reference); markers
 *   inside a facsimile (`figure`) never link to the book's notes: they belong to the pictured document.
 * - `*`-style markers link to the symbol notes in order; a lone `*` with no such note is plain text.
 * - A body nobody references stays as an orphan footnote.
 * - Books without any explicit marker (`<sup>`, `[^n]`) write bare numbers: "…the year before.76". These
 *   are found by looking only for the next expected number after a word or punctuation, so `76–77%`,
 *   `1939` or `3.5 percent` are never taken for markers. In a book with explicit markers, a bare number
 *   is a marker only for a note that no explicit marker of the document references (a superscript lost
 *   in conversion), and only where its number is the next after the explicit markers before it.
 */
export interface LinkContext {
  newId: () => string;
  bookLanguage: string;
  documentLanguage: string;
  documentId: string;
  notePages: (note: DetectedNote, part: number) => string[];
}

export interface LinkResult {
  segments: BookSegment[];
  footnotes: BookFootnote[];
  warnings: ImportWarning[];
}

/** The expected next bare-number marker, continuous through the book or restarting with a document's notes. */
export class BareMarkerSequence {
  private last = 0;
  startDocument(firstNoteLabel: number | undefined): void {
    if (firstNoteLabel === 1) this.last = 0;
  }
  get expected(): number {
    return this.last + 1;
  }
  accept(n: number): void {
    this.last = n;
  }
}

export function linkFootnotes(items: FlowItem[], notes: DetectedNote[], ctx: LinkContext): LinkResult {
  const warnings: ImportWarning[] = [];
  const footnoteOf = new Map<DetectedNote, BookFootnote>();
  const byLabel = new Map<string, BookFootnote>();
  const bySymbol = new Map<string, BookFootnote[]>();
  const symbolUse = new Map<string, number>();
  const unresolved = new Map<string, BookFootnote>();
  const firstRef = new Map<BookFootnote, number>();
  let refCounter = 0;

  for (const note of notes) {
    const footnote: BookFootnote = { id: ctx.newId(), label: note.label, body: [] };
    footnoteOf.set(note, footnote);
    if (note.symbol) {
      const list = bySymbol.get(note.label) ?? [];
      list.push(footnote);
      bySymbol.set(note.label, list);
    } else if (!byLabel.has(note.label)) {
      byLabel.set(note.label, footnote);
    } else {
      warnings.push({
        code: 'NOTE_LABEL_DUPLICATE',
        message: `Two notes are labelled "${note.label}"; the second is not linked.`,
        params: { label: note.label },
        document: ctx.documentId,
        line: note.parts[0]!.block.line,
      });
    }
  }

  // Footnotes are ordered by their first reference in the text (references inside notes do not count,
  // so that the export, which writes notes in this order, reads back in the same order).
  const refFor = (item: FlowItem | null, marker: MarkerPiece): string | null => {
    let footnote: BookFootnote | undefined;
    if (marker.form === 'symbol') {
      const used = symbolUse.get(marker.label) ?? 0;
      footnote = bySymbol.get(marker.label)?.[used];
      if (footnote) symbolUse.set(marker.label, used + 1);
      else if (marker.tentative) return null;
    } else if (item?.kind !== 'figure') {
      footnote = byLabel.get(marker.label);
    }
    if (!footnote) {
      const key = `${item?.kind === 'figure' ? 'figure:' : ''}${marker.form === 'symbol' ? `${marker.label}#${refCounter}` : marker.label}`;
      footnote = unresolved.get(key);
      if (!footnote) {
        footnote = { id: ctx.newId(), label: marker.label, body: [] };
        unresolved.set(key, footnote);
      }
    }
    if (item && !firstRef.has(footnote)) firstRef.set(footnote, refCounter);
    refCounter++;
    return footnote.id;
  };

  const segments: BookSegment[] = items.map((item) => {
    const content = toContent(item.pieces, (m) => refFor(item, m));
    const language =
      item.joined && item.kind !== 'figure'
        ? segmentLanguage(piecesText(item.pieces), ctx.bookLanguage, ctx.documentLanguage)
        : item.language;
    const segment: BookSegment = { id: ctx.newId(), kind: item.kind, language, content, pages: item.pages };
    if (item.level !== undefined) segment.level = item.level;
    return segment;
  });

  // Note bodies, after the text so that references order the footnotes.
  for (const note of notes) {
    const footnote = footnoteOf.get(note)!;
    note.parts.forEach((part, i) => {
      const pieces: Piece[] = parseInline(part.text);
      const content = toContent(pieces, (m) => (m.tentative ? null : refFor(null, m)));
      if (content.length === 0) return;
      footnote.body.push({
        id: ctx.newId(),
        kind: 'noteBody',
        language: segmentLanguage(piecesText(pieces), ctx.bookLanguage, ctx.documentLanguage),
        content,
        pages: ctx.notePages(note, i),
      });
    });
  }

  const all = [...footnoteOf.values(), ...unresolved.values()];
  const order = new Map(all.map((f, i) => [f, i]));
  all.sort((a, b) => {
    const ra = firstRef.get(a) ?? Infinity;
    const rb = firstRef.get(b) ?? Infinity;
    return ra !== rb ? ra - rb : order.get(a)! - order.get(b)!;
  });
  return { segments, footnotes: all, warnings };
}

const PREV_OK = /[\p{L}.,;:!?)\]}”’"'»…]/u;

export interface NumberSet {
  has(n: number): boolean;
  readonly size: number;
}

/** Labels of the markers in the text (not in facsimiles, not the tentative `*`), in reading order. */
export function markerLabels(items: FlowItem[]): string[] {
  const labels: string[] = [];
  for (const item of items) {
    if (item.kind === 'figure') continue;
    for (const p of item.pieces) if (p.type === 'marker' && !p.tentative) labels.push(p.label);
  }
  return labels;
}

/**
 * Splits text pieces where the next expected bare-number marker stands. `only`: the numbers that may be
 * bare (in a book with explicit markers), or null for any (a book without); explicit numbered markers
 * advance the expected number either way.
 */
export function findBareMarkers(items: FlowItem[], notes: DetectedNote[], seq: BareMarkerSequence, only: NumberSet | null): void {
  const numbered = new Set(notes.filter((n) => n.number !== undefined).map((n) => n.number!));
  seq.startDocument(notes.find((n) => n.number !== undefined)?.number);
  const search = only === null || only.size > 0;
  for (const item of items) {
    if (item.kind === 'figure') continue;
    const out: Piece[] = [];
    let prevChar = '';
    item.pieces.forEach((piece, pi) => {
      if (piece.type !== 'text') {
        if (piece.form !== 'symbol' && /^\d{1,4}$/.test(piece.label)) seq.accept(Number(piece.label));
        out.push(piece);
        prevChar = '';
        return;
      }
      if (!search) {
        out.push(piece);
        return;
      }
      const nextPiece = item.pieces[pi + 1];
      const after = nextPiece?.type === 'text' ? nextPiece.text : '';
      const text = piece.text;
      let last = 0;
      for (const m of text.matchAll(/\d{1,4}/g)) {
        const n = Number(m[0]);
        const want = seq.expected;
        const fits = n === want || (n === want + 1 && !numbered.has(want) && numbered.has(n));
        if (!fits || (only !== null && !only.has(n))) continue;
        const start = m.index;
        const end = start + m[0].length;
        const prev = start > 0 ? text[start - 1]! : prevChar;
        const rest = text.slice(end) + after;
        if (!isBareMarker(prev, start > 1 ? text[start - 2]! : '', rest)) continue;
        if (start > last) out.push({ ...piece, text: text.slice(last, start) });
        out.push({ type: 'marker', label: String(n), form: 'bare', literal: m[0], marks: piece.marks });
        seq.accept(n);
        last = end;
      }
      if (last < text.length) out.push({ ...piece, text: text.slice(last) });
      prevChar = text[text.length - 1] ?? '';
    });
    item.pieces = out;
  }
}

function isBareMarker(prev: string, beforePrev: string, rest: string): boolean {
  if (!prev || !PREV_OK.test(prev)) return false;
  const next = rest[0] ?? '';
  if (/[\p{L}\d%°]/u.test(next)) return false;
  if (/^[–\-—/.,:]\d/.test(rest)) return false;
  // "1939.108": after a number and a full stop, only a marker if a sentence (or the text) ends there.
  if (/[.,]/.test(prev) && /\d/.test(beforePrev)) return rest === '' || /^\s+[\p{Lu}“"‘'(\[]/u.test(rest);
  return true;
}
