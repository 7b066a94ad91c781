import { type ProjectRole, roleAllows, type VariantStatus } from '#libs/contracts';
import type { ErrorCode } from '../common/errors/error-codes.js';

/** The status a variant has for review; `untranslated` when there is no row or no text. */
export type ReviewState = VariantStatus | 'untranslated';

export type StatusVerdict = { ok: true; unchanged: boolean } | { ok: false; code: ErrorCode };

/**
 * Who may move a variant to which status, and from where:
 *
 * - draft and translated: translators (in their languages) and owners — the text's author says where
 *   it stands; never out of `approved` (only a reviewer takes an approval back, or an edit lets it lapse);
 * - approved and rejected: reviewers and owners, from any status with text; a rejection needs a reason;
 * - nothing becomes translated, approved or rejected without text.
 *
 * Pure, so the REST route, the bulk action and the tests ask the same question.
 */
export function judgeStatusChange(role: ProjectRole, from: ReviewState, to: VariantStatus, hasText: boolean): StatusVerdict {
  const decides = roleAllows(role, 'review.decide');
  const edits = roleAllows(role, 'content.edit');
  if (to === 'approved' || to === 'rejected') {
    if (!decides) return { ok: false, code: 'STATUS_NOT_ALLOWED' };
  } else {
    if (!edits) return { ok: false, code: 'STATUS_NOT_ALLOWED' };
    if (from === 'approved' && !decides) return { ok: false, code: 'STATUS_NOT_ALLOWED' };
  }
  if (!hasText && to !== 'draft') return { ok: false, code: 'STATUS_CHANGE_INVALID' };
  return { ok: true, unchanged: from === to };
}
