import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary, SegmentView } from '#libs/contracts';
import { currentLanguage } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { useResource } from '../../lib/use-resource.js';
import { DiffView } from './diff-view.js';
import { getHistory, revert } from './review-api.js';

const dateTime = (iso: string) => new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** Every change of the variant, newest first, each with its word diff; any version can be restored. */
export function HistoryPanel({
  project,
  documentId,
  segment,
  language,
  canRevert,
  onReverted,
}: {
  project: ProjectSummary;
  documentId: string;
  segment: SegmentView;
  language: string;
  canRevert: boolean;
  onReverted(view: SegmentView): void;
}) {
  const { t } = useTranslation();
  const variant = segment.variants[language];
  // Refetched whenever the variant changes (a decision, an edit, a revert).
  const history = useResource(
    (signal) => getHistory(project.id, documentId, segment.id, language, signal),
    [project.id, documentId, segment.id, language, variant?.revision, variant?.status],
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const restore = async (historyId: string) => {
    setBusy(historyId);
    setError(null);
    try {
      onReverted(await revert(project.id, documentId, segment.id, language, historyId));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="review-section" aria-labelledby="history-title" data-testid="history-panel">
      <h3 id="history-title" className="review-section__title">
        {t('review.history.title')}
      </h3>
      {history.status === 'error' && (
        <p className="alert" role="alert">
          {t('review.history.loadFailed')} {history.error.message}
        </p>
      )}
      {history.status === 'ready' && history.data.sinceApproval && (
        <div className="since-approval" data-testid="since-approval">
          <p className="since-approval__title">
            {t('review.history.sinceApproval', { name: history.data.sinceApproval.approvedBy?.name ?? '?', date: dateTime(history.data.sinceApproval.approvedAt) })}
          </p>
          <DiffView parts={history.data.sinceApproval.diff} lang={language} />
        </div>
      )}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {history.status === 'ready' &&
        (history.data.items.length === 0 ? (
          <p className="muted">{t('review.history.empty')}</p>
        ) : (
          <ol className="history-list">
            {history.data.items.map((item, index) => (
              <li key={item.id} className="history-item" data-testid="history-item" data-source={item.source} data-action={item.action}>
                <p className="history-item__meta">
                  <span className={`history-item__source history-item__source--${item.source}`}>
                    {t(`review.history.sources.${item.action === 'status.change' ? 'status' : item.source}`)}
                  </span>{' '}
                  {t(`review.history.actions.${actionKey(item.action)}`)} · {item.actor?.name ?? t('review.history.system')} · {dateTime(item.at)}
                  {item.lapsedApproval && (
                    <span className="review-flag review-flag--changed" data-testid="lapsed">
                      {t('review.history.lapsed')}
                    </span>
                  )}
                </p>
                {item.diff.length > 0 && <DiffView parts={item.diff} lang={language} />}
                {canRevert && item.revertible && index > 0 && (
                  <button type="button" className="button button--quiet history-item__revert" onClick={() => void restore(item.id)} disabled={busy !== null} data-testid="revert">
                    {busy === item.id ? t('review.history.reverting') : t('review.history.revert')}
                  </button>
                )}
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}

const ACTIONS = ['variant.create', 'variant.update', 'variant.edit', 'variant.revert', 'status.change', 'review.approve', 'review.reject'] as const;
type ActionKey = 'variant_create' | 'variant_update' | 'variant_edit' | 'variant_revert' | 'status_change' | 'review_approve' | 'review_reject' | 'other';
const actionKey = (action: string): ActionKey =>
  (ACTIONS as readonly string[]).includes(action) ? (action.replace('.', '_') as ActionKey) : 'other';
