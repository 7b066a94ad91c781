/**
 * Shapes of the content routes: documents, segments with their variants, footnotes, jobs.
 */
import type { DocumentKind, InlineContent, SegmentKind } from '#libs/content';

/**
 * draft: edited, not yet declared done; translated: declared done (or imported); approved: a reviewer
 * approved exactly this text; rejected: a reviewer sent it back. No variant at all: untranslated.
 */
export const VARIANT_STATUSES = ['draft', 'translated', 'approved', 'rejected'] as const;
export type VariantStatus = (typeof VARIANT_STATUSES)[number];

export interface DocumentSummary {
  id: string;
  position: number;
  kind: DocumentKind;
  titles: Record<string, string>;
  /** Segments of the main flow (note bodies not counted). */
  segmentCount: number;
  footnoteCount: number;
  updatedAt: string;
}

export interface VariantView {
  language: string;
  content: InlineContent;
  plainText: string;
  status: VariantStatus;
  revision: number;
  contentHash: string;
  updatedBy: string | null;
  updatedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface SegmentView {
  id: string;
  documentId: string;
  footnoteId: string | null;
  position: number;
  kind: SegmentKind;
  level: number | null;
  /** The source text's language when it is not the edition's source language. */
  language: string | null;
  pages: string[];
  /** Keyed by language; a language without a variant is untranslated and absent here. */
  variants: Record<string, VariantView>;
}

export interface FootnoteView {
  id: string;
  documentId: string;
  position: number;
  labels: Record<string, string>;
  body: SegmentView[];
  /** How many references to it the variants of each language hold. */
  references: Record<string, number>;
}

export const JOB_KINDS = ['import', 'export', 'align'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobView {
  id: string;
  projectId: string;
  kind: JobKind;
  status: JobStatus;
  phase: string | null;
  done: number;
  total: number;
  params: Record<string, unknown>;
  result: unknown;
  error: { code: string; message: string; details?: unknown } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/**
 * Whether a segment is already written in `language`, unlike the edition's source (a Russian summary or
 * a quoted Russian document in an English book): then its source text is that language's text itself,
 * shown as the original rather than as untranslated. One rule for the reader, the editor and exports.
 */
export function isOwnLanguage(segment: Pick<SegmentView, 'language'>, language: string, sourceLanguage: string): boolean {
  const primary = (tag: string): string => tag.toLowerCase().split(/[-_]/)[0] ?? tag;
  return segment.language !== null && primary(segment.language) !== primary(sourceLanguage) && primary(segment.language) === primary(language);
}
