/**
 * The import report: what the importer found in a book, as libs/book-import produces it and the API
 * returns it (from the CLI, and as the result of an import job). Pure types, so the web app can use
 * them without pulling the importer (Node code) into its build.
 */
import type { SegmentKind } from '#libs/content';

/**
 * Every warning the importer gives. The API words each in the reader's language from its code and
 * `params` (`importWarnings.<CODE>` in its locales); `message` is the importer's English.
 */
export const IMPORT_WARNING_CODES = [
  'DECODED_WINDOWS_1251',
  'NOTE_LABEL_DUPLICATE',
  'NOTE_LABEL_MISPRINTED',
  'NOTE_MISSING',
  'NOTES_HEADING_UNMATCHED',
  'NOTES_IN_TWO_PLACES',
  'NOTES_CONTINUED',
] as const;
export type ImportWarningCode = (typeof IMPORT_WARNING_CODES)[number];

export interface ImportWarning {
  code: ImportWarningCode;
  message: string;
  /** What the message names (labels, numbers, titles), so it can be worded in another language. */
  params?: Record<string, string | number>;
  /** Document id. */
  document?: string;
  /** 1-based source line. */
  line?: number;
}

export interface FootnoteProblem {
  /** Document id. */
  document: string;
  label: string;
}

export interface ImportReport {
  documents: number;
  segments: number;
  segmentsByKind: Partial<Record<SegmentKind, number>>;
  footnotes: {
    /** Reference nodes in the text. */
    references: number;
    /** Footnotes that have a body. */
    bodies: number;
    /** Reference nodes whose footnote has a body. */
    linked: number;
    /** One entry per reference node whose footnote has no body. */
    unresolvedReferences: FootnoteProblem[];
    /** Footnotes with a body that nothing references. */
    orphanBodies: FootnoteProblem[];
  };
  /** Distinct source pages seen; 0 when the source has no page information. */
  pages: number;
  warnings: ImportWarning[];
}

/** The report of an import into a project: the importer's, with how it was applied and document titles. */
export interface ProjectImportReport extends ImportReport {
  language: string;
  mode: 'source' | 'translation';
  encoding: string;
  /** Document id → title, to name the documents of `footnotes.*` and `warnings`. */
  documentTitles: Record<string, string>;
}

export type ImportPhase = 'decoding' | 'parsing' | 'writing';
