import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrentText, ProjectSummary, SegmentView } from '#libs/contracts';
import { currentLanguage } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { CommentsPanel } from './comments-panel.js';
import { cellStatus } from './filters.js';
import { HistoryPanel } from './history-panel.js';
import { approve, reject, setStatus } from './review-api.js';
import type { ChapterReview } from './use-chapter-review.js';

/**
 * The selected segment in the language under review: its status, the decision (approve, reject with
 * a reason) or the translator's word (translated, back to draft), what changed since the approval,
 * the history with revert, and the comments. Ctrl+Enter does the main action and moves on.
 */
export function ReviewPanel({
  project,
  documentId,
  review,
  segment,
  onNext,
}: {
  project: ProjectSummary;
  documentId: string;
  review: ChapterReview;
  segment: SegmentView;
  onNext(): void;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  const language = review.language;
  const variant = segment.variants[language];
  const status = cellStatus(segment, language);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState<CurrentText | null>(null);
  const rejection = review.state?.rejections[segment.id]?.[language];
  const changed = review.state?.changedSinceApproval[segment.id]?.includes(language) ?? false;
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    setRejecting(false);
    setReason('');
    setError(null);
    setStale(null);
  }, [segment.id, language]);
  useEffect(() => {
    if (rejecting) reasonRef.current?.focus();
  }, [rejecting]);

  const run = async (work: () => Promise<SegmentView>, moveOn = false) => {
    setBusy(true);
    setError(null);
    try {
      const view = await work();
      review.updated(view);
      setStale(null);
      setRejecting(false);
      setReason('');
      if (moveOn) onNext();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'APPROVAL_STALE') {
        setStale((e.details as CurrentText | undefined) ?? null);
        setError(e.message);
      } else setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  // What the reviewer read: the text shown (the stale answer's text once they were told it changed).
  const basis = stale ? { revision: stale.revision, contentHash: stale.contentHash } : variant ? { revision: variant.revision, contentHash: variant.contentHash } : null;
  const doApprove = (moveOn = false) => basis && run(() => approve(project.id, documentId, segment.id, language, basis), moveOn);
  const doReject = () => basis && reason.trim() && run(() => reject(project.id, documentId, segment.id, language, { reason: reason.trim(), ...basis }));
  // The server also checks the member's own languages (LANGUAGE_NOT_ALLOWED, shown as the error).
  const canWriteLanguage = review.can.edit;

  // Ctrl+Enter: the main action of the role, then the next segment.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.key === 'Enter' && (event.ctrlKey || event.metaKey)) || busy) return;
      if (rejecting) return;
      event.preventDefault();
      if (review.can.decide && status !== 'untranslated') void doApprove(true);
      else if (canWriteLanguage && status === 'draft') void run(() => setStatus(project.id, documentId, segment.id, language, 'translated'), true);
      else onNext();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <aside className="review-panel" aria-labelledby="review-panel-title" data-testid="review-panel" data-segment-id={segment.id}>
      <header className="review-panel__header">
        <h2 id="review-panel-title" className="review-panel__title">
          {t('review.panel.title', { language: languageName(language) })}
        </h2>
        <button type="button" className="button button--quiet" onClick={() => review.select(null)} aria-label={t('review.panel.close')}>
          ×
        </button>
      </header>

      <div className="review-panel__status">
        <span className={`status-badge status-badge--${status}`} data-testid="panel-status">
          {status === 'translated' && review.can.decide ? t('review.needsReview') : t(`status.${status}`)}
        </span>
        {changed && <span className="review-flag review-flag--changed">{t('review.changedSinceApproval')}</span>}
      </div>
      <p className="review-panel__text" lang={language} data-testid="panel-text">
        {stale ? stale.plainText : (variant?.plainText ?? '')}
      </p>
      {rejection && status === 'rejected' && (
        <p className="review-panel__rejection" data-testid="rejection-reason">
          {t('review.panel.rejectedBecause', { name: rejection.by?.name ?? '?', reason: rejection.reason })}
        </p>
      )}
      {error && (
        <p className="alert" role="alert" data-testid="review-error">
          {error}
        </p>
      )}

      <div className="review-panel__actions">
        {review.can.decide && status !== 'untranslated' && (
          <>
            <button type="button" className="button button--primary" onClick={() => void doApprove()} disabled={busy || (status === 'approved' && !stale)} data-testid="approve">
              {stale ? t('review.panel.approveCurrent') : t('review.panel.approve')}
            </button>
            {!rejecting && (
              <button type="button" className="button" onClick={() => setRejecting(true)} disabled={busy} data-testid="reject">
                {t('review.panel.reject')}
              </button>
            )}
          </>
        )}
        {canWriteLanguage && status === 'draft' && (
          <button type="button" className="button button--primary" onClick={() => void run(() => setStatus(project.id, documentId, segment.id, language, 'translated'))} disabled={busy} data-testid="mark-translated">
            {t('review.panel.markTranslated')}
          </button>
        )}
        {canWriteLanguage && (status === 'translated' || status === 'rejected') && (
          <button type="button" className="button" onClick={() => void run(() => setStatus(project.id, documentId, segment.id, language, 'draft'))} disabled={busy} data-testid="back-to-draft">
            {t('review.panel.backToDraft')}
          </button>
        )}
      </div>
      {rejecting && (
        <form
          className="review-panel__reject"
          onSubmit={(e) => {
            e.preventDefault();
            void doReject();
          }}
        >
          <label htmlFor="reject-reason">{t('review.panel.rejectReason')}</label>
          <textarea
            id="reject-reason"
            ref={reasonRef}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={3}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void doReject();
              }
              if (e.key === 'Escape') setRejecting(false);
            }}
            data-testid="reject-reason"
          />
          <div className="review-panel__actions">
            <button type="submit" className="button button--danger" disabled={busy || !reason.trim()} data-testid="reject-submit">
              {t('review.panel.rejectSubmit')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setRejecting(false)}>
              {t('review.panel.cancel')}
            </button>
          </div>
        </form>
      )}
      <p className="review-panel__keys muted">{review.can.decide ? t('review.panel.keysReviewer') : t('review.panel.keysTranslator')}</p>

      <HistoryPanel project={project} documentId={documentId} segment={segment} language={language} canRevert={canWriteLanguage} onReverted={review.updated} />
      <CommentsPanel project={project} documentId={documentId} segmentId={segment.id} language={language} canWrite={review.can.comment} version={review.commentsVersion} />
    </aside>
  );
}
