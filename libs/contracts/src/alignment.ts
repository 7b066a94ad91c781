/**
 * Aligned imports: the proposal the API keeps until an owner or publisher confirms it, and what the
 * web app's review page reads and changes (apps/api/src/alignment, apps/web/src/features/alignment).
 */
import type { InlineContent } from '#libs/content';

/** A source sentence of the edition: which segment, which sentence of it, its text. */
export interface ProposalSource {
  segmentId: string;
  sentence: number;
  text: string;
}

/** A sentence of the translation: its plain text and its content (footnote references re-pointed). */
export interface ProposalTarget {
  text: string;
  content: InlineContent;
}

export interface ProposalBead {
  source: ProposalSource[];
  target: ProposalTarget[];
  confidence: number;
  /** Set by the reviewer (accept, or any change they made). */
  reviewed: boolean;
}

export interface ProposalNote {
  footnoteId: string;
  /** The translation's printed label. */
  label: string;
  /** The edition's body segments with the translation's text, in order. */
  body: { segmentId: string; content: InlineContent }[];
  confidence: number;
}

export interface ProposalDocument {
  documentId: string;
  title: string;
  /** The translation's title of the chapter. */
  translationTitle: string;
  beads: ProposalBead[];
  notes: ProposalNote[];
  /** Labels of the translation's notes that found no note of the edition (their references are dropped). */
  unmatchedNotes: string[];
}

export interface AlignmentProposal {
  language: string;
  documents: ProposalDocument[];
  /** Documents of the translation that found no document of the edition (by title and length). */
  unmatchedDocuments: string[];
}

/** What the reviewer can do to a bead (one key each in the web app). */
export type ProposalOperation =
  | { op: 'accept'; bead: number }
  /** The boundary above this bead moves up: the previous bead's last translation sentence comes down into this one. */
  | { op: 'shiftUp'; bead: number }
  /** The boundary above this bead moves down: this bead's first translation sentence goes up into the previous one. */
  | { op: 'shiftDown'; bead: number }
  | { op: 'merge'; bead: number }
  /** Cuts the bead before its `source`-th source sentence and its `target`-th translation sentence. */
  | { op: 'split'; bead: number; source: number; target: number };

export type AlignmentStatus = 'open' | 'confirmed' | 'discarded';
export type AlignmentPhase = 'parsing' | 'aligning' | 'storing';

export interface AlignmentSummary {
  documents: number;
  beads: number;
  /** Beads below LOW_CONFIDENCE that nobody reviewed yet. */
  lowConfidence: number;
  reviewed: number;
  /** Beads by shape, "1:1" → count. */
  shapes: Record<string, number>;
  notes: number;
  unmatchedNotes: number;
  unmatchedDocuments: string[];
}

export interface AlignmentView {
  id: string;
  language: string;
  filename: string | null;
  status: AlignmentStatus;
  revision: number;
  createdAt: string;
  summary: AlignmentSummary;
  proposal: AlignmentProposal;
}

/** The result of an alignment job. */
export interface AlignmentJobResult {
  alignmentId: string;
  summary: AlignmentSummary;
}

export interface AlignmentConfirmResult {
  id: string;
  language: string;
  variants: number;
  notes: number;
  documents: number;
}

/** Confidence below which a bead is shown to the reviewer first. */
export const LOW_CONFIDENCE = 0.9;
