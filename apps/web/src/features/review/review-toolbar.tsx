import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkApproveResult, ProjectSummary, SegmentView } from '#libs/contracts';
import { currentLanguage } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { cellStatus, REVIEW_FILTERS, type ReviewFilter } from './filters.js';
import { ProgressBar } from './progress-bar.js';
import { approveAll } from './review-api.js';
import type { ChapterReview } from './use-chapter-review.js';

/** Above the chapter: the language under review, its progress, filters and the bulk approval. */
export function ReviewToolbar({
  project,
  documentId,
  review,
  segments,
  shown,
  total,
}: {
  project: ProjectSummary;
  documentId: string;
  review: ChapterReview;
  /** The loaded segments (what a bulk approval may approve: what the reviewer can see). */
  segments: SegmentView[];
  shown: number;
  total: number | null;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BulkApproveResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const counts = review.progress?.languages[review.language];
  const toReview = segments.map(review.fresh).filter((s) => cellStatus(s, review.language) === 'translated');

  const approveShown = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const seen = toReview.map((s) => ({ segmentId: s.id, revision: s.variants[review.language]!.revision, contentHash: s.variants[review.language]!.contentHash }));
      const answer = await approveAll(project.id, documentId, review.language, seen);
      setResult(answer);
      review.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="review-toolbar" aria-label={t('review.toolbar')} data-testid="review-toolbar">
      <div className="review-toolbar__controls">
        <label className="review-toolbar__field">
          <span>{t('review.language')}</span>
          <select value={review.language} onChange={(e) => review.setLanguage(e.target.value)} data-testid="review-language">
            {project.targetLanguages.map((language) => (
              <option key={language} value={language}>
                {languageName(language)}
              </option>
            ))}
          </select>
        </label>
        <label className="review-toolbar__field">
          <span>{t('review.filter')}</span>
          <select value={review.filter} onChange={(e) => review.setFilter(e.target.value as ReviewFilter)} data-testid="review-filter">
            {REVIEW_FILTERS.map((filter) => (
              <option key={filter} value={filter}>
                {t(`review.filters.${filter}`)}
              </option>
            ))}
          </select>
        </label>
        {review.filter !== 'all' && total !== null && (
          <span className="muted" role="status">
            {t('review.shown', { shown, total })}
          </span>
        )}
        {review.can.decide && (
          <button type="button" className="button" onClick={approveShown} aria-disabled={busy || toReview.length === 0} disabled={busy || toReview.length === 0} data-testid="approve-all">
            {busy ? t('review.approvingAll') : t('review.approveAll', { count: toReview.length })}
          </button>
        )}
      </div>
      {counts && <ProgressBar counts={counts} label={languageName(review.language)} />}
      {result && (
        <p className="notice" role="status" data-testid="bulk-result">
          {t('review.bulkResult', { approved: result.approved.length, skipped: result.skipped.length })}
          {result.skipped.length > 0 &&
            ` ${t('review.bulkSkipped', {
              reasons: [...new Set(result.skipped.map((s) => s.reason))].map((r) => t(`review.skipReasons.${r}`)).join(', '),
            })}`}
        </p>
      )}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
