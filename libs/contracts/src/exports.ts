/**
 * Shapes of the export and exchange routes, shared by the API, the CLI and the web app.
 */
export const EXPORT_FORMATS = ['pdf', 'html', 'docx', 'epub', 'md', 'xliff', 'tmx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** facing: left page one language, right page the other; columns: side by side on each page. */
export const EXPORT_LAYOUTS = ['facing', 'columns'] as const;
export type ExportLayout = (typeof EXPORT_LAYOUTS)[number];

/** How many languages each format takes: editions one or two, exchange formats a pair or all. */
export const FORMAT_LANGUAGES: Record<ExportFormat, { min: number; max: number }> = {
  pdf: { min: 1, max: 2 },
  html: { min: 1, max: 2 },
  docx: { min: 1, max: 2 },
  epub: { min: 1, max: 1 },
  md: { min: 1, max: 1 },
  xliff: { min: 2, max: 2 },
  tmx: { min: 0, max: 0 },
};

/** Formats that print an edition (final or draft); the others carry all text with its status. */
export const EDITION_FORMATS: readonly ExportFormat[] = ['pdf', 'html', 'docx', 'epub'];

export interface ExportRequest {
  format: ExportFormat;
  /** Editions: one or two (left/first, right/second); XLIFF: source and target; TMX: none (all). */
  languages: string[];
  /** Approved text only (editions); otherwise a draft, marked as such. */
  final?: boolean;
  /** With final: refuse, listing what is missing, instead of leaving gaps. */
  refuseIncomplete?: boolean;
  layout?: ExportLayout;
}

export interface MissingTextView {
  documentId: string;
  documentTitle: string;
  segmentId: string;
  footnoteId?: string;
  language: string;
  /** The beginning of the segment's source text. */
  excerpt: string;
  status: 'untranslated' | 'draft' | 'translated' | 'rejected' | 'approved';
}

/** The result of a finished export job; the file is at `download`. */
export interface ExportResult {
  format: ExportFormat;
  filename: string;
  mediaType: string;
  bytes: number;
  pages: number | null;
  final: boolean;
  /** Texts left out of a final edition (or untranslated in a draft); at most 1000 listed. */
  missingCount: number;
  missing: MissingTextView[];
  unreferencedNotes: number;
  download: string;
}

export type ExportPhase = 'loading' | 'rendering' | 'storing';

export interface ExchangeConflict {
  documentId: string;
  segmentId: string;
  language: string;
  /** The text in the edition now (changed since the file was exported). */
  current: string;
  /** The text in the file. */
  incoming: string;
}

/** The result of an XLIFF or TMX import: exactly what changed, and what was left for a person to decide. */
export interface ExchangeImportResult {
  format: 'xliff' | 'tmx';
  languages: string[];
  changed: { documentId: string; segmentId: string; language: string }[];
  unchanged: number;
  conflicts: ExchangeConflict[];
  /** TMX: units whose tuid is not a segment of this edition, or whose languages it does not have. */
  skipped: number;
}
