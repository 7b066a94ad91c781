import { useTranslation } from 'react-i18next';
import type { ProjectSummary } from '#libs/contracts';
import { Link } from '../../app/router.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { useResource } from '../../lib/use-resource.js';
import { listMentions } from './review-api.js';

const dateTime = (iso: string) => new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** On the edition's page: the comments that mention the signed-in member, newest first, with a link to the chapter. */
export function MyMentions({ project }: { project: ProjectSummary }) {
  const { t } = useTranslation();
  const mentions = useResource((signal) => listMentions(project.id, signal), [project.id]);
  if (mentions.status !== 'ready' || mentions.data.length === 0) return null;
  return (
    <section className="my-mentions" aria-labelledby="mentions-title" data-testid="my-mentions">
      <h2 id="mentions-title" className="section-title">
        {t('review.mentions.title')}
      </h2>
      <ul className="my-mentions__list">
        {mentions.data.slice(0, 20).map(({ thread, comment }) => (
          <li key={comment.id} className={`thread${thread.resolvedAt ? ' thread--resolved' : ''}`}>
            <p className="thread__meta">
              <strong>{comment.author?.name ?? '?'}</strong> · {dateTime(comment.createdAt)} ·{' '}
              <Link to={`/projects/${encodeURIComponent(project.slug)}/documents/${thread.documentId}`}>{t('review.mentions.open')}</Link>
              {thread.resolvedAt && ` · ${t('review.mentions.resolved')}`}
            </p>
            <p className="thread__body">{comment.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
