import { useTranslation } from 'react-i18next';
import { PROGRESS_STATUSES, type ProgressCounts } from '#libs/contracts';

/**
 * One language's progress as a stacked bar (approved, translated, draft, rejected, untranslated), by
 * segments; the words of the source text in the caption. The numbers are in the accessible name.
 */
export function ProgressBar({ counts, label, compact = false }: { counts: ProgressCounts; label: string; compact?: boolean }) {
  const { t } = useTranslation();
  const total = counts.totalSegments;
  const percent = (n: number) => (total ? (n / total) * 100 : 0);
  const approvedPercent = Math.round(percent(counts.segments.approved));
  const summary = t('review.progress.summary', {
    approved: counts.segments.approved,
    translated: counts.segments.translated,
    total,
    percent: approvedPercent,
  });
  return (
    <div className={`status-progress${compact ? ' status-progress--compact' : ''}`} data-testid="review-progress">
      <div className="status-progress__caption">
        <span className="status-progress__label">{label}</span>
        <span className="muted">
          {summary}
          {!compact && ` · ${t('review.progress.words', { done: counts.words.approved, total: counts.totalWords })}`}
        </span>
      </div>
      <div className="status-progress__bar" role="img" aria-label={`${label}: ${summary}`}>
        {PROGRESS_STATUSES.filter((s) => s !== 'untranslated' && counts.segments[s] > 0).map((status) => (
          <span
            key={status}
            className={`status-progress__part status-progress__part--${status}`}
            style={{ width: `${percent(counts.segments[status])}%` }}
            title={`${t(`status.${status}`)}: ${counts.segments[status]}`}
          />
        ))}
      </div>
    </div>
  );
}
