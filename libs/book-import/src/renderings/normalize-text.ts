import { findEndnotes } from './endnote-lines.js';
import { rejoinFalseBreaks } from './false-line-breaks.js';
import { splitFlattenedList } from './flattened-lists.js';
import { applyHeadingShapes } from './heading-shape.js';
import { dropInterfaceLines } from './interface-lines.js';
import { extractPageMarkers } from './page-markers.js';
import { PAGE_TOKEN, type DroppedLine, type ImportGuess } from './rendering.js';
import { splitRunInHeadings } from './run-in-headings.js';
import { findSequentialMarkers } from './sequential-markers.js';
import { sourceAddress } from './source-address.js';
import { unitsToMarkdown } from './to-markdown.js';
import { endsSentence, moveTrailingPageTokens, visible, type Unit } from './units.js';

/**
 * The text renderings without markup, each turned into Markdown by the rules that fit it (see
 * rendering.ts). What each rule found goes into the rendering part of the report.
 */
export interface Normalized {
  markdown: string;
  droppedLines: DroppedLine[];
  guesses: ImportGuess[];
  pageMarkers: number;
  pageTransitions: number;
  headingsByShape: Record<string, number>;
  sourceAddress: string | null;
  markers: number;
  notes: number;
}

interface Collected {
  dropped: DroppedLine[];
  guesses: ImportGuess[];
  pageMarkers: number;
  openings: number;
  source: string | null;
}

const collected = (): Collected => ({ dropped: [], guesses: [], pageMarkers: 0, openings: 0, source: null });

/** Page markers out of every line; a line that was only a marker joins the lines around it when they are one sentence. */
function pageMarkerLines(lines: (string | null)[], c: Collected): (string | null)[] {
  const out = lines.map((line) => {
    if (line === null) return null;
    const r = extractPageMarkers(line);
    c.pageMarkers += r.markers;
    if (c.pageMarkers === r.markers && r.openings > 0) c.openings = 1;
    return r.text;
  });
  // A marker alone on its line: it belongs to the text around it, never splits a paragraph.
  for (let i = 0; i < out.length; i++) {
    const line = out[i];
    if (line === null || line === undefined || line.trim() === '' || visible(line) !== '') continue;
    const prev = previousText(out, i);
    const next = nextText(out, i);
    // Mid-sentence (the line before ends no sentence, the line after goes on in lower case): one paragraph.
    if (prev !== null && next !== null && !endsSentence(out[prev]!) && /^\p{Ll}/u.test(visible(out[next]!))) {
      out[prev] = `${out[prev]!.trimEnd()} ${line.trim()} ${out[next]!.trimStart()}`;
      for (let k = prev + 1; k <= next; k++) out[k] = null;
    } else if (next !== null) {
      out[next] = `${line.trim()} ${out[next]!}`;
      for (let k = i; k < next; k++) out[k] = null;
    }
  }
  return out;
}

function previousText(lines: (string | null)[], i: number): number | null {
  for (let k = i - 1; k >= 0; k--) {
    const l = lines[k];
    if (l === null || l === undefined) continue;
    if (l.trim() === '') continue;
    return k;
  }
  return null;
}

function nextText(lines: (string | null)[], i: number): number | null {
  for (let k = i + 1; k < lines.length; k++) {
    const l = lines[k];
    if (l === null || l === undefined || l.trim() === '') continue;
    return k;
  }
  return null;
}

/** Paragraphs: one per line, or per blank-separated group of lines when the text is wrapped. */
function lineUnits(lines: (string | null)[], quotes: boolean): Unit[] {
  const present = lines.filter((l): l is string => l !== null && l.trim() !== '');
  // Blank lines between text (not the ones at either end).
  const firstText = lines.findIndex((l) => l !== null && l.trim() !== '');
  const lastText = lines.length - 1 - [...lines].reverse().findIndex((l) => l !== null && l.trim() !== '');
  const blank = lines.slice(firstText, lastText + 1).filter((l) => l !== null && l.trim() === '').length;
  // Wrapped text: blank lines separate paragraphs and most groups hold more than one line.
  const wrapped = quotes && blank >= 2 && present.length > blank * 1.5;
  const units: Unit[] = [];
  const indentOf = (l: string): number => /^[ \t]*/.exec(l)![0].replace(/\t/g, '    ').length;
  const bodyIndent = quotes ? Math.min(...present.map(indentOf).concat(0).filter((n) => n >= 0)) : 0;
  let current: Unit | null = null;
  lines.forEach((raw, i) => {
    if (raw === null) return;
    if (raw.trim() === '') {
      current = null;
      return;
    }
    const quote = quotes && indentOf(raw) >= bodyIndent + 2;
    if (wrapped && current !== null && (current.kind === 'quote') === quote) {
      current.text += ` ${raw.trim()}`;
      return;
    }
    current = { kind: quote ? 'quote' : 'paragraph', text: raw.trim(), line: i + 1 };
    units.push(current);
  });
  return units;
}

function finish(units: Unit[], c: Collected): Normalized {
  const headingsByShape = applyHeadingShapes(units);
  const notes = findEndnotes(units).notes;
  const markers = findSequentialMarkers(units).markers;
  moveTrailingPageTokens(units);
  return {
    markdown: unitsToMarkdown(units),
    droppedLines: c.dropped,
    guesses: c.guesses,
    pageMarkers: c.pageMarkers,
    pageTransitions: Math.max(0, c.pageMarkers - c.openings),
    headingsByShape,
    sourceAddress: c.source,
    markers,
    notes,
  };
}

/**
 * Markdown (from PDF) that carries inline page markers: only the markers are taken out (as tokens, see
 * page-tokens.ts); everything else is left to the Markdown rules. A marker alone on its line joins the
 * text around it when that is one sentence, and tokens that end a line move to the start of the next
 * text line, so that no paragraph seems to end or begin at a page marker.
 */
export function markdownPageMarkers(text: string): { markdown: string; pageMarkers: number; pageTransitions: number } {
  const c = collected();
  const lines = pageMarkerLines(text.split('\n'), c);
  const trailing = new RegExp(`(?:\\s*${PAGE_TOKEN.source})+\\s*$`);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === null || line === undefined) continue;
    const m = trailing.exec(line);
    const next = m && visible(line) !== '' ? nextText(lines, i) : null;
    if (m && next !== null) {
      lines[i] = line.slice(0, m.index);
      lines[next] = lines[next]!.replace(/^(\s*(?:[#>]+\s+|[-*+]\s+)?)/, `$1${m[0].trim()} `);
    }
  }
  return { markdown: lines.filter((l): l is string => l !== null).join('\n'), pageMarkers: c.pageMarkers, pageTransitions: Math.max(0, c.pageMarkers - c.openings) };
}

/** Plain text, one paragraph per line (or wrapped paragraphs between blank lines); indented lines are quotations. */
export function normalizePlainText(text: string): Normalized {
  const c = collected();
  const lines = pageMarkerLines(text.split('\n'), c);
  return finish(lineUnits(lines, true), c);
}

/** A web reader's page saved as text: interface lines and the repeated title dropped, page markers out. */
export function normalizeWebPage(text: string): Normalized {
  const c = collected();
  const raw = text.split('\n');
  const source = sourceAddress(raw);
  if (source) {
    c.source = source.address;
    c.dropped.push({ line: source.index + 1, text: raw[source.index]!.trim(), reason: 'sourceAddress' });
    raw[source.index] = '';
  }
  const { kept, dropped } = dropInterfaceLines(raw);
  c.dropped.push(...dropped);
  c.dropped.sort((a, b) => a.line - b.line);
  const lines = pageMarkerLines(kept, c);
  return finish(lineUnits(lines, false), c);
}

/** A web essay with its structure flattened: lists, run-in headings, false line breaks, a source address. */
export function normalizeFlattenedEssay(text: string): Normalized {
  const c = collected();
  const raw: (string | null)[] = text.split('\n');
  const source = sourceAddress(raw as string[]);
  if (source) {
    c.source = source.address;
    c.dropped.push({ line: source.index + 1, text: raw[source.index]!.trim(), reason: 'sourceAddress' });
    raw[source.index] = null;
  }
  const lines = pageMarkerLines(raw, c);
  const units: Unit[] = [];
  for (const group of rejoinFalseBreaks(lines)) {
    const { parts, guesses } = splitRunInHeadings(group.text, group.line);
    c.guesses.push(...guesses);
    for (const part of parts) {
      if (part.kind === 'heading') {
        units.push({ kind: 'heading', text: part.text, level: part.level ?? 2, line: group.line });
        continue;
      }
      for (const piece of splitFlattenedList(part.text)) units.push({ kind: piece.kind, text: piece.text, line: group.line });
    }
  }
  return finish(units, c);
}
