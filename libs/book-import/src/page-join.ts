import { piecesText, type Piece } from './inline.js';
import type { FlowItem } from './flow.js';
import { pushAll } from './arrays.js';

/**
 * Re-joining paragraphs that a page break cut in two, and page numbers as metadata.
 *
 * A paragraph joins the next paragraph when its text does not end in `. ? ! : ” " ’ ' … »` (a trailing
 * note marker does not count). Captions and figures between the halves are skipped over and placed after
 * the joined paragraph; a heading, list, quotation or table in between prevents the join.
 *
 * Pages are known only where the source shows them: form feeds (text from PDF); or, in books with notes
 * at the foot of each page, every note block ends a page and a paragraph joined across a page break
 * without a note block between its halves marks one more. Numbers come from the table of contents where
 * a heading is listed there, else they count on from the previous document.
 */
const TERMINAL = /[.?!:”"’'…»]$/;

const endsSentence = (pieces: Piece[]): boolean => TERMINAL.test(piecesText(pieces).trimEnd());

const STARTS_LOWER = /^[«“"‘'(\[]?\p{Ll}/u;

/**
 * For each paragraph, the index of the paragraph it continues into, if any. In chapters that is the rule
 * above; around them (title pages, imprint, lists of dates) lines without a full stop are the norm, so
 * there the second half must also start in lower case.
 */
export function findJoins(items: FlowItem[], strict: boolean): Map<number, number> {
  const joins = new Map<number, number>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind !== 'paragraph' || item.standalone || endsSentence(item.pieces)) continue;
    for (let j = i + 1; j < items.length; j++) {
      const next = items[j]!;
      if (next.kind === 'caption' || next.kind === 'figure') continue;
      if (next.kind === 'paragraph' && !next.standalone && (!strict || STARTS_LOWER.test(piecesText(next.pieces).trimStart()))) joins.set(i, j);
      break;
    }
  }
  return joins;
}

export interface PageContext {
  /** The page the document starts on, or null when the book has no page information. */
  startPage: number | null;
  /** Block indices after which a page ends (note blocks). */
  pageBreakAfter: Set<number>;
  /** Block index of a heading → page printed for it in the table of contents. */
  anchors: Map<number, number>;
  blockCount: number;
}

/**
 * Page of every block of the document (index -1 is the document's heading), given where pages end
 * (after a block, before a block). Returns the page the document ends on.
 */
export function assignPages(ctx: PageContext, breaksBefore: Set<number>): { pageOf: (index: number) => string[]; lastPage: number | null } {
  if (ctx.startPage === null) return { pageOf: () => [], lastPage: null };
  const pages = new Array<number>(ctx.blockCount);
  let current = ctx.startPage;
  for (let k = 0; k < ctx.blockCount; k++) {
    const anchor = ctx.anchors.get(k);
    if (anchor !== undefined) current = anchor;
    if (breaksBefore.has(k)) current++;
    pages[k] = current;
    if (ctx.pageBreakAfter.has(k)) current++;
  }
  const start = ctx.startPage;
  return {
    pageOf: (index) => [String(index < 0 ? start : (pages[index] ?? current))],
    lastPage: ctx.blockCount > 0 ? pages[ctx.blockCount - 1]! : start,
  };
}

/** Block indices where a joined paragraph's second half starts on a new page that no note block marked. */
export function joinPageBreaks(items: FlowItem[], joins: Map<number, number>, pageBreakAfter: Set<number>, blockCount: number): Set<number> {
  // before[k]: page ends after blocks 0…k-1.
  const before = new Int32Array(blockCount + 1);
  for (let k = 0; k < blockCount; k++) before[k + 1] = before[k]! + (pageBreakAfter.has(k) ? 1 : 0);
  const breaks = new Set<number>();
  for (const [a, b] of joins) {
    const from = items[a]!.index;
    const to = items[b]!.index;
    if (before[to]! - before[Math.max(0, from)]! === 0) breaks.add(to);
  }
  return breaks;
}

/** Applies the joins: halves merged (pages united), skipped captions and figures moved after the result. */
export function applyJoins(items: FlowItem[], joins: Map<number, number>): FlowItem[] {
  const out: FlowItem[] = [];
  const absorbed = new Set<number>();
  for (let i = 0; i < items.length; i++) {
    if (absorbed.has(i)) continue;
    const item = items[i]!;
    const moved: FlowItem[] = [];
    const pages = new Set(item.pages);
    let cur = i;
    while (joins.has(cur)) {
      const next = joins.get(cur)!;
      for (let k = cur + 1; k < next; k++) {
        moved.push(items[k]!);
        absorbed.add(k);
      }
      const second = items[next]!;
      item.joined = true;
      item.pieces.push({ type: 'text', text: joinSeparator(item.pieces, second.pieces), marks: [] });
      pushAll(item.pieces, second.pieces);
      for (const p of second.pages) {
        if (!pages.has(p)) item.pages.push(p);
        pages.add(p);
      }
      absorbed.add(next);
      cur = next;
    }
    out.push(item);
    pushAll(out, moved);
  }
  return out;
}

/** A word hyphenated across the break keeps its hyphen and gets no space ("self-" + "government"). */
function joinSeparator(first: Piece[], second: Piece[]): string {
  // Only the edges matter: the first half may already be long after earlier joins.
  const a = edgeText(first, -1).trimEnd();
  const b = edgeText(second, 1).trimStart();
  return /\p{L}-$/u.test(a) && /^\p{Ll}/u.test(b) ? '' : ' ';
}

/** The last (direction -1) or first (1) text piece with more than whitespace in it. */
function edgeText(pieces: Piece[], direction: 1 | -1): string {
  for (let i = direction === 1 ? 0 : pieces.length - 1; i >= 0 && i < pieces.length; i += direction) {
    const p = pieces[i]!;
    if (p.type === 'text' && p.text.trim() !== '') return p.text;
  }
  return '';
}
