/**
 * The renderings a book arrives in, and what the importer says about the one it decided on. A
 * rendering decides which rules apply: Markdown converted from PDF goes through the original pipeline
 * unchanged; the other text renderings are first normalised (lines dropped, headings found by shape,
 * page markers and bare-number markers taken out of the text) into Markdown that pipeline reads.
 */
export type { RenderingName, RenderingReport, RenderingReason, DroppedLine, ImportGuess } from '#libs/contracts';
export { RENDERING_NAMES, isRenderingName } from '#libs/contracts';

/** Private-use characters that carry a page transition through the Markdown pipeline (never digits, never markup). */
export const PAGE_OPEN = '\uE000';
export const PAGE_CLOSE = '\uE001';
/** Same for a note marker found by the sequential rule, before it is written as `[^n]`. */
export const MARK_OPEN = '\uE002';
export const MARK_CLOSE = '\uE003';
const DIGIT_BASE = 0xe010;
/** The characters a page label or marker number may have (digits, lower-case roman numerals). */
const LABEL_CHARS = '0123456789ivxlc';

export const encodeNumber = (n: string): string =>
  [...n.toLowerCase()].map((d) => String.fromCharCode(DIGIT_BASE + Math.max(0, LABEL_CHARS.indexOf(d)))).join('');
export const decodeNumber = (s: string): string => [...s].map((c) => LABEL_CHARS[c.charCodeAt(0) - DIGIT_BASE] ?? '').join('');

export const pageToken = (page: string): string => `${PAGE_OPEN}${encodeNumber(page)}${PAGE_CLOSE}`;
export const markToken = (label: number): string => `${MARK_OPEN}${encodeNumber(String(label))}${MARK_CLOSE}`;
export const PAGE_TOKEN = /\uE000([\uE010-\uE01E]+)\uE001/g;
export const MARK_TOKEN = /\uE002([\uE010-\uE01E]+)\uE003/g;
/** Text without the tokens (what shape rules look at). */
export const withoutTokens = (s: string): string => s.replace(PAGE_TOKEN, '').replace(MARK_TOKEN, '');
