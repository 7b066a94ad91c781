import { pageToken } from './rendering.js';

/**
 * Inline print-page markers of web readers and scanned-book text, taken out of the text and kept as
 * page tokens (which become the segment's page references):
 * - `← 41 | 42 →` page 41 ends, 42 begins (a transition; mid-sentence as often as not);
 * - `| 41 →` page 41 begins (the opening marker of a page view);
 * - `← 41 |` page 41 ends (42 begins);
 * - `[p. 41]`, `[pp. 41]`, `[page 41]`, `[S. 41]`, `[Seite 41]`, `[с. 41]`, `[стр. 41]`: page 41 begins.
 * Numbers may be roman for front matter (`| xii →`). A marker never ends a paragraph: the caller keeps
 * the text around it together.
 */
export interface PageMarkerResult {
  text: string;
  markers: number;
  /** Markers that open a page rather than change it (`| 41 →`). */
  openings: number;
}

const NUM = '(\\d{1,4}|[ivxlc]{1,7})';
const TRANSITION = new RegExp(`←\\s*${NUM}\\s*\\|\\s*${NUM}\\s*→`, 'giu');
const OPENING = new RegExp(`(?<![←\\d]\\s*)\\|\\s*${NUM}\\s*→`, 'giu');
const CLOSING = new RegExp(`←\\s*${NUM}\\s*\\|(?!\\s*(?:\\d|[ivxlc]+\\s*→))`, 'giu');
const BRACKETED = /\[(?:p{1,2}\.|page|s\.|seite|с\.|стр\.)\s*(\d{1,4})\]/giu;

const next = (page: string): string => (/^\d+$/.test(page) ? String(Number(page) + 1) : page);

export function extractPageMarkers(line: string): PageMarkerResult {
  let markers = 0;
  let openings = 0;
  let text = line.replace(TRANSITION, (_m, _a: string, b: string) => {
    markers++;
    return ` ${pageToken(b)} `;
  });
  text = text.replace(OPENING, (_m, a: string) => {
    markers++;
    openings++;
    return ` ${pageToken(a)} `;
  });
  text = text.replace(CLOSING, (_m, a: string) => {
    markers++;
    return ` ${pageToken(next(a))} `;
  });
  text = text.replace(BRACKETED, (_m, a: string) => {
    markers++;
    return ` ${pageToken(a)} `;
  });
  if (markers === 0) return { text: line, markers, openings };
  // Spaces the marker stood between are one space; none before punctuation that followed it.
  text = text.replace(/[ \t]{2,}/g, ' ').trim();
  return { text, markers, openings };
}

/** Page counts the rule recognises (a cheap test for detection). */
export function countPageMarkers(text: string): number {
  return (text.match(TRANSITION)?.length ?? 0) + (text.match(OPENING)?.length ?? 0) + (text.match(BRACKETED)?.length ?? 0);
}
