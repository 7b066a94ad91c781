import type { DocumentKind, InlineContent, SegmentKind } from '#libs/content';

/** An edition's structure in one source language, as the importer produces it and the exporter reads it. */
export interface Book {
  language: string;
  title: string | null;
  documents: BookDocument[];
}

export interface BookDocument {
  id: string;
  kind: DocumentKind;
  title: string;
  segments: BookSegment[];
  /** Ordered by first reference; footnotes nobody references come last, in reading order. */
  footnotes: BookFootnote[];
}

export interface BookSegment {
  id: string;
  kind: SegmentKind;
  /** Headings only, 1–6. A chapter's own title is its first segment, level 1. */
  level?: number;
  /** BCP-47; differs from the book's language for e.g. a Russian facsimile in an English book. */
  language: string;
  content: InlineContent;
  /** Source page references, metadata only (empty when the source has no page information). */
  pages: string[];
}

export interface BookFootnote {
  id: string;
  /** The printed label ("76", "*"); unique per document except where the source itself repeats one. */
  label: string;
  /** Segments of kind `noteBody`; empty for a reference whose note is not in the source. */
  body: BookSegment[];
}

export type { FootnoteProblem, ImportReport, ImportWarning } from '#libs/contracts';

import type { ImportReport, ImportWarning } from '#libs/contracts';

export interface ParsedBook extends Book {
  report: ImportReport;
}

export interface ParseOptions {
  /** The book's language, BCP-47 ('en'). */
  language: string;
  /** Id generator for documents, segments and footnotes; default `crypto.randomUUID`. */
  newId?: () => string;
  /** Largest accepted input in bytes (UTF-8 length of the text); default 50 MiB. */
  maxBytes?: number;
  /** Called once per document, and once at the end. */
  onProgress?: (done: number, total: number) => void;
}

export type { TextEncoding as BookEncoding } from './encoding.js';
import type { TextEncoding } from './encoding.js';
import type { EncodingReport } from '#libs/contracts';

export interface DecodedBookFile {
  text: string;
  encoding: TextEncoding;
  warnings: ImportWarning[];
  /** How the encoding was decided, and how surely. */
  report: EncodingReport;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
