import { useTranslation } from 'react-i18next';
import type { SegmentView } from '#libs/contracts';
import { cellStatus } from './filters.js';
import type { ChapterReview } from './use-chapter-review.js';

/** Flags in the cell of the language under review: needs review, changed since approval, open comments. */
export function ReviewMarks({ review, segment, language }: { review: ChapterReview; segment: SegmentView; language: string }) {
  const { t } = useTranslation();
  if (language !== review.language) return null;
  const needsReview = cellStatus(segment, language) === 'translated';
  const changed = review.state?.changedSinceApproval[segment.id]?.includes(language) ?? false;
  const threads = review.state?.openThreads[segment.id] ?? 0;
  if (!needsReview && !changed && !threads) return null;
  return (
    <span className="review-marks" data-testid="review-marks">
      {needsReview && (
        <span className="review-flag review-flag--review" data-testid="needs-review">
          {t('review.needsReview')}
        </span>
      )}
      {changed && (
        <span className="review-flag review-flag--changed" data-testid="changed-since-approval">
          {t('review.changedSinceApproval')}
        </span>
      )}
      {threads > 0 && <span className="review-flag review-flag--comments">{t('review.openThreads', { count: threads })}</span>}
    </span>
  );
}
