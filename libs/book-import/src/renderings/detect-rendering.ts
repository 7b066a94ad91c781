import { isExport } from '../export-reader.js';
import { countInlineBullets } from './flattened-lists.js';
import { chapterShape } from './heading-shape.js';
import { countInterfaceLines } from './interface-lines.js';
import { countPageMarkers } from './page-markers.js';
import type { RenderingName, RenderingReason } from './rendering.js';
import { sourceAddress } from './source-address.js';

/**
 * Which rendering a text file is, from what it shows:
 * - Interlinea's export: its header line;
 * - a web reader's page: two or more interface lines (`Show Less`, `Open access`, …) or inline page
 *   markers (`| 41 →`, `← 41 | 42 →`);
 * - a flattened essay: three or more ` * ` list separators inside running text;
 * - Markdown (converted from PDF): Markdown syntax (headings, `<sup>`, `[^n]`, rules, quotes) on three or
 *   more lines, or paragraphs separated by blank lines (unless the text has no markup at all and two or
 *   more chapter lines like `7 THE LONG WINTER`, which only the plain-text rules see as headings);
 * - plain text: otherwise (one paragraph per line, no markup).
 * The evidence is returned with counts, so the report can say why.
 */
export interface Detection {
  name: RenderingName;
  reasons: RenderingReason[];
}

const MARKDOWN_LINE = /^(?:#{1,6}\s|>\s|-{3,}\s*$|\[\^[^\]]+\]:)|<sup>|\[\^[^\]\s]+\]|\*\*\S|\]\(/;

export function detectRendering(text: string): Detection {
  if (isExport(text)) return { name: 'interlinea-export', reasons: [{ code: 'EXPORT_HEADER', count: 1 }] };
  const lines = text.split('\n');
  const nonBlank = lines.filter((l) => l.trim() !== '');
  const interfaceLines = countInterfaceLines(lines);
  const pageMarkers = countPageMarkers(text);
  const bullets = nonBlank.reduce((n, l) => n + countInlineBullets(l), 0);
  const markdown = nonBlank.filter((l) => MARKDOWN_LINE.test(l)).length;
  const source = sourceAddress(lines) ? 1 : 0;
  // Paragraph breaks as blank lines: most non-blank lines follow a blank one.
  let afterBlank = 0;
  lines.forEach((l, i) => {
    if (l.trim() !== '' && i > 0 && lines[i - 1]!.trim() === '') afterBlank++;
  });
  const reasons: RenderingReason[] = [];
  const add = (code: RenderingReason['code'], count: number): void => {
    if (count > 0) reasons.push({ code, count });
  };
  if (markdown < 3 && (interfaceLines >= 2 || pageMarkers >= 2)) {
    add('INTERFACE_LINES', interfaceLines);
    add('PAGE_MARKERS', pageMarkers);
    add('SOURCE_ADDRESS', source);
    return { name: 'web-page', reasons };
  }
  if (markdown < 3 && bullets >= 3) {
    add('INLINE_BULLETS', bullets);
    add('SOURCE_ADDRESS', source);
    return { name: 'flattened-essay', reasons };
  }
  // Text without any markup whose chapters are lines like `7 THE LONG WINTER`: plain text, even when
  // blank lines separate its paragraphs (the Markdown rules would not see those headings).
  const chapterLines = markdown === 0 ? nonBlank.filter((l) => chapterShape(l.trim())).length : 0;
  if (markdown >= 3 || (afterBlank * 2 >= nonBlank.length && chapterLines < 2)) {
    add('MARKDOWN_SYNTAX', markdown);
    add('BLANK_LINE_PARAGRAPHS', afterBlank);
    return { name: 'markdown', reasons };
  }
  add('ONE_PARAGRAPH_PER_LINE', nonBlank.length - afterBlank);
  add('BLANK_LINE_PARAGRAPHS', chapterLines >= 2 ? afterBlank : 0);
  add('PAGE_MARKERS', pageMarkers);
  return { name: 'plain-text', reasons };
}
