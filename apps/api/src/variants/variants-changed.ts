import type { EntityManager } from 'typeorm';
import type { InlineContent } from '#libs/content';
import type { VariantStatus } from '#libs/contracts';

/** Where a write came from (the history's `source`). */
export type VariantSource = 'live' | 'rest' | 'import' | 'review' | 'revert' | 'structure' | 'system';

export interface VariantSnapshot {
  content: InlineContent;
  status: VariantStatus;
  revision: number;
}

/** One variant a write touched. Unchanged ones are reported too (`changed: false`): a REST write is recorded either way. */
export interface VariantChange {
  segmentId: string;
  language: string;
  /** Whose edits it carries (live typing: everyone who typed since the last write). */
  by: readonly (string | null)[];
  textChanged: boolean;
  changed: boolean;
  /** The row before the write; null for a new variant. */
  before: VariantSnapshot | null;
  after: VariantSnapshot;
}

/** The "variants changed" event: one per `VariantWriter.write`, inside its transaction. */
export interface VariantsChanged {
  projectId: string;
  documentId: string | null;
  actorId: string | null;
  source: VariantSource;
  changes: VariantChange[];
}

export type VariantsChangedListener = (tx: EntityManager, event: VariantsChanged) => Promise<void>;
