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
  'DECODED_LEGACY',
  'ENCODING_UNCERTAIN',
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
  /** Which rendering of a book the file was read as, and why (absent in reports of older imports). */
  rendering?: RenderingReport;
}

/**
 * The renderings a book file arrives in: Markdown converted from PDF, plain text with one paragraph per
 * line, a web reader's page saved as text, a web essay with its structure flattened, Interlinea's own
 * Markdown export, a Word (DOCX) manuscript.
 */
export const RENDERING_NAMES = ['markdown', 'plain-text', 'web-page', 'flattened-essay', 'interlinea-export', 'docx'] as const;
export type RenderingName = (typeof RENDERING_NAMES)[number];
export const isRenderingName = (s: unknown): s is RenderingName => typeof s === 'string' && (RENDERING_NAMES as readonly string[]).includes(s);

/** One piece of evidence for a rendering: what was seen and how often. Worded by the reader from the code. */
export interface RenderingReason {
  code:
    | 'EXPORT_HEADER'
    | 'DOCX_PACKAGE'
    | 'MARKDOWN_SYNTAX'
    | 'BLANK_LINE_PARAGRAPHS'
    | 'ONE_PARAGRAPH_PER_LINE'
    | 'INTERFACE_LINES'
    | 'PAGE_MARKERS'
    | 'INLINE_BULLETS'
    | 'SOURCE_ADDRESS'
    | 'CHOSEN_BY_USER';
  count: number;
}

/** A source line the importer left out of the text, and why. */
export interface DroppedLine {
  line: number;
  text: string;
  reason: 'interface' | 'repeatedTitle' | 'sourceAddress';
}

/** Structure the importer inferred without clear markup: worth a look. */
export interface ImportGuess {
  kind: 'runInHeading';
  text: string;
  line: number;
}

export interface RenderingReport {
  name: RenderingName;
  /** Detected from the file, or chosen by the user (who may have overridden the detection). */
  chosenBy: 'detection' | 'user';
  /** What detection would have said (the same as `name` unless the user chose another). */
  detected: RenderingName;
  reasons: RenderingReason[];
  droppedLines: DroppedLine[];
  guesses: ImportGuess[];
  /** Inline print-page markers taken out of the text (`| 41 →`, `← 41 | 42 →`, `[p. 41]`). */
  pageMarkers: number;
  /** Page changes among them (a marker that opens the first page is not a transition). */
  pageTransitions: number;
  /** Headings found by their shape, by level (1 = chapter). */
  headingsByShape: Record<string, number>;
  /** The address a saved web page names as its source (its last line), kept as metadata. */
  sourceAddress: string | null;
}

/** The text encodings a book file may be read in (the user may name one; else it is detected). */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1251', 'koi8-r', 'cp866', 'windows-1252', 'iso-8859-1'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
export const isTextEncoding = (s: unknown): s is TextEncoding => typeof s === 'string' && (TEXT_ENCODINGS as readonly string[]).includes(s);

/** How the bytes of a text file were decoded: chosen by detection (with its confidence 0–1) or by the user. */
export interface EncodingReport {
  name: string;
  chosenBy: 'detection' | 'user';
  confidence: number;
  /** Other encodings that were considered, best first, with their score (0–1). */
  candidates: { name: string; score: number }[];
}

/** The report of an import into a project: the importer's, with how it was applied and document titles. */
export interface ProjectImportReport extends ImportReport {
  language: string;
  mode: 'source' | 'translation';
  encoding: string;
  /** How the encoding was decided (text files). */
  encodingReport?: EncodingReport;
  /** Document id → title, to name the documents of `footnotes.*` and `warnings`. */
  documentTitles: Record<string, string>;
}

export type ImportPhase = 'decoding' | 'parsing' | 'writing';
