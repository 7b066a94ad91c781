import type { DocumentKind, InlineContent, SegmentKind } from '#libs/content';

/**
 * The one model every output and exchange format is rendered from: an edition with all its languages,
 * each segment's variants with their review status, and footnotes with their per-language labels.
 * The API reads it from the database in one snapshot; tests build it from fixtures.
 */
export type VariantState = 'draft' | 'translated' | 'approved' | 'rejected';

export interface EditionVariant {
  content: InlineContent;
  status: VariantState;
  revision: number;
  contentHash: string;
}

export interface EditionSegment {
  id: string;
  kind: SegmentKind;
  level?: number;
  /** The source text's language when it is not the edition's source language (a quoted document). */
  language?: string;
  pages: string[];
  /** Keyed by language; a language without a variant is untranslated. */
  variants: Record<string, EditionVariant>;
}

export interface EditionFootnote {
  id: string;
  /** The labels printed in the books the edition was imported from; exports renumber them. */
  labels: Record<string, string>;
  body: EditionSegment[];
}

export interface EditionDocument {
  id: string;
  kind: DocumentKind;
  titles: Record<string, string>;
  segments: EditionSegment[];
  footnotes: EditionFootnote[];
}

export interface Edition {
  id: string;
  slug: string;
  title: string;
  sourceLanguage: string;
  /** Source first, then the target languages. */
  languages: string[];
  documents: EditionDocument[];
}
