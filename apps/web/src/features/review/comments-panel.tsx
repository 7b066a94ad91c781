import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentThreadView, ProjectMember, ProjectSummary } from '#libs/contracts';
import { currentLanguage } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { useResource } from '../../lib/use-resource.js';
import { createThread, listMembers, listThreads, replyTo, setResolved } from './review-api.js';

const dateTime = (iso: string) => new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** Threads on the segment (the language's and the whole segment's): new, reply, resolve, reopen, @mention. */
export function CommentsPanel({
  project,
  documentId,
  segmentId,
  language,
  canWrite,
  version,
}: {
  project: ProjectSummary;
  documentId: string;
  segmentId: string;
  language: string;
  canWrite: boolean;
  /** Bumped by the review feed when comments changed: refetch. */
  version: number;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  const [showResolved, setShowResolved] = useState(false);
  const threads = useResource(
    (signal) => listThreads(project.id, documentId, { segmentId, state: showResolved ? 'all' : 'open' }, signal),
    [project.id, documentId, segmentId, showResolved, version],
  );
  const members = useResource((signal) => listMembers(project.id, signal), [project.id]);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<CommentThreadView[] | null>(null);
  useEffect(() => setShown(threads.status === 'ready' ? threads.data.filter((th) => th.language === null || th.language === language) : null), [threads, language]);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      threads.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <section className="review-section" aria-labelledby="comments-title" data-testid="comments-panel">
      <h3 id="comments-title" className="review-section__title">
        {t('review.comments.title')}
      </h3>
      <label className="review-section__toggle">
        <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} /> {t('review.comments.showResolved')}
      </label>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {shown && shown.length === 0 && <p className="muted">{t('review.comments.empty')}</p>}
      {shown?.map((thread) => (
        <article key={thread.id} className={`thread${thread.resolvedAt ? ' thread--resolved' : ''}${thread.kind === 'rejection' ? ' thread--rejection' : ''}`} data-testid="thread">
          <p className="thread__meta">
            {thread.kind === 'rejection' && <span className="review-flag review-flag--rejected">{t('review.comments.rejection')}</span>}
            <strong>{thread.author?.name ?? '?'}</strong> · {dateTime(thread.createdAt)} ·{' '}
            {thread.language ? t('review.comments.aboutLanguage', { language: languageName(thread.language) }) : t('review.comments.wholeSegment')}
          </p>
          <p className="thread__body">{thread.body}</p>
          {thread.replies.map((reply) => (
            <div key={reply.id} className="thread__reply">
              <p className="thread__meta">
                <strong>{reply.author?.name ?? '?'}</strong> · {dateTime(reply.createdAt)}
              </p>
              <p className="thread__body">{reply.body}</p>
            </div>
          ))}
          {thread.resolvedAt && <p className="muted">{t('review.comments.resolved', { name: thread.resolvedBy?.name ?? '?' })}</p>}
          {canWrite && (
            <div className="thread__actions">
              {!thread.resolvedAt && (
                <CommentForm
                  members={members.status === 'ready' ? members.data : []}
                  submitLabel={t('review.comments.replySubmit')}
                  placeholder={t('review.comments.replyPlaceholder')}
                  onSubmit={(body, mentions) => act(() => replyTo(project.id, thread.id, { body, mentions }))}
                />
              )}
              <button type="button" className="button button--quiet" onClick={() => void act(() => setResolved(project.id, thread.id, !thread.resolvedAt))} data-testid="resolve">
                {thread.resolvedAt ? t('review.comments.reopen') : t('review.comments.resolve')}
              </button>
            </div>
          )}
        </article>
      ))}
      {canWrite && (
        <div className="thread thread--new">
          <CommentForm
            members={members.status === 'ready' ? members.data : []}
            submitLabel={t('review.comments.submit')}
            placeholder={t('review.comments.placeholder', { language: languageName(language) })}
            onSubmit={(body, mentions) => act(() => createThread(project.id, documentId, { segmentId, language, body, mentions }))}
          />
        </div>
      )}
    </section>
  );
}

/** A text box with a member picker: choosing someone adds "@Name" to the text and notifies them. */
function CommentForm({
  members,
  submitLabel,
  placeholder,
  onSubmit,
}: {
  members: ProjectMember[];
  submitLabel: string;
  placeholder: string;
  onSubmit(body: string, mentions: string[]): Promise<void>;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [mentions, setMentions] = useState<ProjectMember[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!body.trim() || busy) return;
    setBusy(true);
    // Only people still named in the text are notified.
    const named = mentions.filter((m) => body.includes(`@${m.displayName || m.email}`)).map((m) => m.userId);
    await onSubmit(body.trim(), named);
    setBusy(false);
    setBody('');
    setMentions([]);
  };
  return (
    <form
      className="comment-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <textarea
        value={body}
        onChange={(e) => setBody(e.target.value)}
        placeholder={placeholder}
        aria-label={placeholder}
        rows={2}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.stopPropagation();
            void submit();
          }
        }}
        data-testid="comment-body"
      />
      <div className="comment-form__row">
        <select
          value=""
          aria-label={t('review.comments.mention')}
          onChange={(e) => {
            const member = members.find((m) => m.userId === e.target.value);
            if (!member) return;
            setMentions((list) => (list.some((m) => m.userId === member.userId) ? list : [...list, member]));
            setBody((text) => `${text}${text && !text.endsWith(' ') ? ' ' : ''}@${member.displayName || member.email} `);
          }}
        >
          <option value="">{t('review.comments.mention')}</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.displayName || m.email}
            </option>
          ))}
        </select>
        <button type="submit" className="button" disabled={busy || !body.trim()} data-testid="comment-submit">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
