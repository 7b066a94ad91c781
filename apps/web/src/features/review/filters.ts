import type { ChapterReviewState, SegmentView } from '#libs/contracts';

export const REVIEW_FILTERS = ['all', 'untranslated', 'needsReview', 'rejected', 'openComments', 'changedSinceApproval'] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];

/** The status a cell shows: no variant or a draft without text is untranslated. */
export function cellStatus(segment: SegmentView, language: string): 'untranslated' | 'draft' | 'translated' | 'approved' | 'rejected' {
  const variant = segment.variants[language];
  if (!variant) return 'untranslated';
  if (variant.status === 'draft' && variant.plainText.trim() === '' && variant.content.length === 0) return 'untranslated';
  return variant.status;
}

/** Does the segment belong in the list under this filter, for this language? */
export function matchesFilter(segment: SegmentView, language: string, filter: ReviewFilter, state: ChapterReviewState | null): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'untranslated':
      return cellStatus(segment, language) === 'untranslated';
    case 'needsReview':
      return cellStatus(segment, language) === 'translated';
    case 'rejected':
      return cellStatus(segment, language) === 'rejected';
    case 'openComments':
      return (state?.openThreads[segment.id] ?? 0) > 0;
    case 'changedSinceApproval':
      return state?.changedSinceApproval[segment.id]?.includes(language) ?? false;
  }
}
