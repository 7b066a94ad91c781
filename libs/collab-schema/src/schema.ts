import * as Y from 'yjs';
import type { InlineContent, SegmentKind } from '#libs/content';

/**
 * The names inside one chapter's Y.Doc. Everything that reads or writes the document spells them
 * through these constants; the README has the whole picture.
 */

/** Top level: Y.Array<string> of the main-flow segment ids, in reading order. */
export const ORDER = 'order';
/** Top level: Y.Map segment id → Y.Map (SEGMENT_FIELDS). */
export const SEGMENTS = 'segments';
/** Top level: Y.Map footnote id → Y.Map (FOOTNOTE_FIELDS). */
export const FOOTNOTES = 'footnotes';

/** Keys of one segment's Y.Map. */
export const SEGMENT_FIELDS = {
  /** string, one of SEGMENT_KINDS */
  kind: 'kind',
  /** number, headings only */
  level: 'level',
  /** string, noteBody segments only (informative: the footnote's `body` array is what counts) */
  footnoteId: 'footnoteId',
  /** Y.Map language tag → Y.Text */
  text: 'text',
} as const;

/** Keys of one footnote's Y.Map. */
export const FOOTNOTE_FIELDS = {
  /** Y.Array<string> of the footnote's noteBody segment ids, in order */
  body: 'body',
  /** Y.Map language tag → printed label (string) */
  labels: 'labels',
} as const;

/** The embed a footnote reference is inside a Y.Text: `{ footnoteRef: '<footnote uuid>' }`. */
export const FOOTNOTE_EMBED_KEY = 'footnoteRef';
export interface FootnoteEmbed {
  [FOOTNOTE_EMBED_KEY]: string;
}
export const footnoteEmbed = (footnoteId: string): FootnoteEmbed => ({ [FOOTNOTE_EMBED_KEY]: footnoteId });

/** One segment as the relational side sees it. */
export interface SegmentSnapshot {
  id: string;
  kind: SegmentKind;
  /** Headings only. */
  level?: number;
  /** noteBody segments only: the footnote whose body it belongs to. */
  footnoteId?: string;
  /** Language tag → content; a language without a variant is absent. */
  variants: Record<string, InlineContent>;
}

export interface FootnoteSnapshot {
  id: string;
  /** Language tag → printed label ("76", "*"). */
  labels: Record<string, string>;
  /** Ids of its noteBody segments, in order. */
  body: string[];
}

/** A whole chapter: what the database materialises from, and what a fresh Y.Doc is filled from. */
export interface ChapterSnapshot {
  /** The main flow in order, then the note bodies (footnote by footnote, each body in order). */
  segments: SegmentSnapshot[];
  /** Main-flow segment ids in order. */
  order: string[];
  footnotes: FootnoteSnapshot[];
}

/** Language keys follow the project's rule for language tags (one rule, in libs/contracts). */
export { isLanguageTag } from '#libs/contracts';

export interface ChapterRoots {
  order: Y.Array<unknown>;
  segments: Y.Map<unknown>;
  footnotes: Y.Map<unknown>;
}

/**
 * The three top-level types. Values are typed `unknown` on purpose: any client can write anything
 * into the document, so every reader narrows what it finds.
 */
export function chapterRoots(doc: Y.Doc): ChapterRoots {
  return {
    order: doc.getArray<unknown>(ORDER),
    segments: doc.getMap<unknown>(SEGMENTS),
    footnotes: doc.getMap<unknown>(FOOTNOTES),
  };
}
