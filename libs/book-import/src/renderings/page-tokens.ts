import type { InlineContent } from '#libs/content';
import { canonicalContent } from '../content.js';
import type { BookSegment, ParsedBook } from '../types.js';
import { decodeNumber, PAGE_TOKEN } from './rendering.js';

/**
 * The page tokens the rendering rules left in the text (see page-markers.ts) → page references of the
 * segments, and out of the text. A segment is on the page current at its start and on every page a
 * marker inside it opens; a heading without a page of its own is on the page of the text under it; a
 * note body without markers is on the page the chapter ends on (where endnotes are printed).
 */
const TOKEN_WITH_SPACE = new RegExp(`(\\S?)(\\s*)${PAGE_TOKEN.source}(\\s*)(\\S?)`, 'g');

function stripTokens(text: string): string {
  let s = text;
  // Repeat: neighbouring tokens share the characters the pattern looks at.
  for (let guard = 0; guard < 4 && s.includes('\uE000'); guard++) {
    s = s.replace(TOKEN_WITH_SPACE, (_m, before: string, sp1: string, _n: string, sp2: string, after: string) => {
      const joint = before && after && !/^[.,;:!?)\]”’»]/.test(after) && (sp1 || sp2) ? ' ' : '';
      return `${before}${before ? joint : sp1 ? ' ' : ''}${after}`;
    });
  }
  return s;
}

/** Pages opened inside the content, in order, and whether the first opens before any text. */
function tokensOf(content: InlineContent): { pages: string[]; leading: boolean } {
  const pages: string[] = [];
  let leading = false;
  let seenText = false;
  for (const node of content) {
    if (node.type !== 'text') {
      seenText = true;
      continue;
    }
    let last = 0;
    for (const m of node.text.matchAll(PAGE_TOKEN)) {
      if (!seenText && node.text.slice(last, m.index).trim() === '' && pages.length === 0) leading = true;
      pages.push(decodeNumber(m[1]!));
      last = m.index + m[0].length;
    }
    if (node.text.replace(PAGE_TOKEN, '').trim() !== '') seenText = true;
  }
  return { pages, leading };
}

function clean(segment: BookSegment): void {
  segment.content = canonicalContent(segment.content.map((n) => (n.type === 'text' ? { ...n, text: stripTokens(n.text) } : n)));
}

/** Applies the page tokens of the whole book in reading order; returns the number of distinct pages. */
export function applyPageTokens(book: ParsedBook): void {
  let current: string | null = null;
  for (const doc of book.documents) {
    const place = (s: BookSegment): void => {
      const { pages, leading } = tokensOf(s.content);
      const own: string[] = [];
      if (leading) current = pages[0]!;
      if (current !== null) own.push(current);
      for (const p of pages) {
        if (!own.includes(p)) own.push(p);
        current = p;
      }
      s.pages = own;
      clean(s);
    };
    doc.segments.forEach(place);
    doc.segments.forEach((s, i) => {
      if (s.kind === 'heading' && s.pages.length === 0) s.pages = doc.segments.slice(i + 1).find((n) => n.pages.length > 0)?.pages.slice(0, 1) ?? [];
    });
    const end = current;
    for (const f of doc.footnotes) {
      for (const s of f.body) {
        const before: string | null = current;
        current = end;
        place(s);
        current = before;
      }
    }
  }
}
