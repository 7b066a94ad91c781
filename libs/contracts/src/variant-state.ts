import type { VariantStatus } from './content.js';

/**
 * The one rule for what a variant becomes when something writes it (REST, live typing, imports,
 * footnote deletion, seeding, review): given the row as it is and the write, the row as it must be.
 * An approval is bound to the hash of the text it was given for; when the text changes it lapses
 * (approved → translated), and no write can claim an approval for a text it was not given for.
 */
export interface VariantState {
  contentHash: string;
  status: VariantStatus;
  /** Rises by one with every change of text; 1 for a new variant. */
  revision: number;
  approval: VariantApproval | null;
}

export interface VariantApproval {
  /** The content hash of the text that was approved. */
  hash: string;
  by: string | null;
  at: Date;
}

export interface VariantWriteIntent {
  /** The hash of the content being written. */
  contentHash: string;
  /**
   * The status asked for. Omitted: an unchanged text keeps its status; a changed one takes
   * `statusIfChanged`, or else keeps its status with an approval lapsing to `translated`.
   */
  status?: VariantStatus;
  /** The status a new or changed text takes when no `status` is given (a REST edit: draft; an import: translated). */
  statusIfChanged?: VariantStatus;
  /** An approval given now (review, seeding); it holds only for the text whose hash it names. */
  approve?: VariantApproval;
}

export interface NextVariantState extends VariantState {
  /** The text differs from the stored one (or there was none). */
  textChanged: boolean;
  /** Anything differs from the stored row: text, status or approval. */
  changed: boolean;
}

export function nextVariantState(current: VariantState | null, write: VariantWriteIntent): NextVariantState {
  const textChanged = current === null || current.contentHash !== write.contentHash;
  const asked = write.status ?? (textChanged ? write.statusIfChanged : undefined) ?? current?.status ?? 'draft';
  let approval: VariantApproval | null = null;
  if (write.approve && write.approve.hash === write.contentHash) approval = write.approve;
  else if (asked === 'approved' && !textChanged && current?.approval?.hash === write.contentHash) approval = current.approval;
  const status: VariantStatus = approval ? 'approved' : asked === 'approved' ? 'translated' : asked;
  const revision = current === null ? 1 : current.revision + (textChanged ? 1 : 0);
  const changed = textChanged || status !== current.status || !sameApproval(approval, current.approval);
  return { contentHash: write.contentHash, status, revision, approval, textChanged, changed };
}

const sameApproval = (a: VariantApproval | null, b: VariantApproval | null): boolean =>
  a === b || (a !== null && b !== null && a.hash === b.hash && a.by === b.by && a.at.getTime() === b.at.getTime());

/** What an approved text becomes when a structural change (split, merge) alters it: done, to be reviewed again. */
export const lapsedStatus = (status: VariantStatus): VariantStatus => (status === 'approved' ? 'translated' : status);

const STATUS_RANK: Record<VariantStatus, number> = { rejected: 0, draft: 1, translated: 2, approved: 3 };

/** The less finished of two statuses (a merge of two texts is as far along as the weaker one). */
export const weakerStatus = (a: VariantStatus, b: VariantStatus): VariantStatus => (STATUS_RANK[a] <= STATUS_RANK[b] ? a : b);
