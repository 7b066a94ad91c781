/**
 * Shapes of the review routes: status changes and approvals, bulk approval, comments, history and
 * progress. The API answers with these and the web app reads them.
 */
import type { InlineContent } from '#libs/content';
import type { VariantStatus } from './content.js';

/** Status of a segment in a language as progress and filters count it: no text yet is untranslated. */
export const PROGRESS_STATUSES = ['untranslated', 'draft', 'translated', 'approved', 'rejected'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** A person as review views name them. */
export interface PersonRef {
  id: string;
  name: string;
}

/** Segments and words (of the source text) by status, for one language. */
export interface ProgressCounts {
  segments: Record<ProgressStatus, number>;
  words: Record<ProgressStatus, number>;
  totalSegments: number;
  totalWords: number;
}

export interface DocumentProgress {
  documentId: string;
  position: number;
  titles: Record<string, string>;
  languages: Record<string, ProgressCounts>;
}

/** GET /api/projects/:projectId/progress: the edition and each chapter, per target language. */
export interface ProjectProgress {
  projectId: string;
  slug: string;
  languages: Record<string, ProgressCounts>;
  documents: DocumentProgress[];
}

/** PUT …/segments/:segmentId/variants/:language/status — the translator says where the text stands. */
export interface SetStatusRequest {
  status: 'draft' | 'translated';
}

/** POST …/variants/:language/approve — the revision and content hash of the text the reviewer read. */
export interface ApproveRequest {
  revision: number;
  contentHash: string;
}

/** POST …/variants/:language/reject — why (kept as a comment thread on the segment in that language). */
export interface RejectRequest {
  reason: string;
  /** When given, the rejection is refused like an approval if the text changed since. */
  revision?: number;
  contentHash?: string;
}

/** GET …/documents/:documentId/review: what the editor's filters need besides the rows' statuses. */
export interface ChapterReviewState {
  /** Open threads per segment. */
  openThreads: Record<string, number>;
  /** Per segment and language: the text differs from the one last approved (the approval lapsed). */
  changedSinceApproval: Record<string, string[]>;
  /** Per segment and language: the reason of the rejection in force. */
  rejections: Record<string, Record<string, { reason: string; by: PersonRef | null; threadId: string | null }>>;
}

/** One notice on a chapter's review feed (server-sent events). */
export type ReviewFeedEvent =
  | { kind: 'variants'; documentId: string; segmentIds: string[]; language: string | null }
  | { kind: 'comments'; documentId: string; segmentId: string; threadId: string };

/** What a 409 APPROVAL_STALE carries besides its message: the text as it is now. */
export interface CurrentText {
  revision: number;
  contentHash: string;
  content: InlineContent;
  plainText: string;
  status: VariantStatus;
}

/** POST …/documents/:documentId/review/approve-all */
export interface BulkApproveRequest {
  language: string;
  /** Only these segments (what the reviewer saw); omitted: every translated segment of the chapter. */
  segments?: { segmentId: string; revision: number; contentHash: string }[];
}

export type BulkSkipReason = 'not-translated' | 'already-approved' | 'changed' | 'no-text' | 'not-found';

export interface BulkApproveResult {
  language: string;
  approved: string[];
  skipped: { segmentId: string; reason: BulkSkipReason; status: VariantStatus | 'untranslated' }[];
}

export type HistorySourceView = 'live' | 'rest' | 'import' | 'review' | 'revert' | 'structure' | 'system';

/** One change of one variant, with a word diff against the text before it. */
export interface VariantHistoryItem {
  id: string;
  at: string;
  actor: PersonRef | null;
  source: HistorySourceView;
  action: string;
  statusBefore: VariantStatus | null;
  statusAfter: VariantStatus | null;
  revision: number | null;
  textBefore: string | null;
  textAfter: string | null;
  /** Word-level diff from textBefore to textAfter; empty when the text did not change. */
  diff: WordDiffPart[];
  /** True when this change let an approval lapse. */
  lapsedApproval: boolean;
  /** Whether the text after this change can be restored (a state with content). */
  revertible: boolean;
}

export interface WordDiffPart {
  /** '=' unchanged, '+' added, '-' removed. */
  op: '=' | '+' | '-';
  text: string;
}

/** GET …/segments/:segmentId/variants/:language/history */
export interface VariantHistory {
  segmentId: string;
  language: string;
  items: VariantHistoryItem[];
  total: number;
  /** The last approval of this variant and what changed since (when the text differs now). */
  sinceApproval: { approvedAt: string; approvedBy: PersonRef | null; revision: number | null; diff: WordDiffPart[] } | null;
}

/** POST …/variants/:language/revert */
export interface RevertRequest {
  historyId: string;
}

export type CommentKind = 'comment' | 'rejection';

export interface CommentView {
  id: string;
  author: PersonRef | null;
  body: string;
  mentions: PersonRef[];
  createdAt: string;
}

export interface CommentThreadView extends CommentView {
  projectId: string;
  documentId: string;
  segmentId: string;
  language: string | null;
  kind: CommentKind;
  resolvedAt: string | null;
  resolvedBy: PersonRef | null;
  replies: CommentView[];
}

/** POST …/documents/:documentId/comments */
export interface CreateCommentRequest {
  segmentId: string;
  language?: string;
  body: string;
  /** Members to notify, besides those named in the body as @email. */
  mentions?: string[];
}

/** A comment that mentions the caller, with where it is. */
export interface MentionView {
  thread: CommentThreadView;
  comment: CommentView;
}

/** Membership history of an edition. */
export interface MemberHistoryItem {
  id: string;
  at: string;
  actor: PersonRef | null;
  action: 'member.add' | 'member.update' | 'member.remove';
  member: PersonRef | null;
  before: { role: string; languages: string[] | null } | null;
  after: { role: string; languages: string[] | null } | null;
}
