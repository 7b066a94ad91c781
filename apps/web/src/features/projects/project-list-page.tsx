import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page, ProjectSummary } from '#libs/contracts';
import { Link, useLocation } from '../../app/router.js';
import { useDocumentTitle } from '../../app/use-document-title.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { LoadFailed } from '../../lib/load-status.js';
import { useResource } from '../../lib/use-resource.js';
import { useDelayedFlag } from '../../lib/use-delayed-flag.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { NewProjectForm } from './new-project-form.js';
import { listProjects, PROJECTS_PAGE_SIZE } from './projects-api.js';

export function ProjectListPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('projects.title'));
  const { search } = useLocation();
  // The window is in the URL, so Back and reload keep the page the user was on.
  const offset = Math.max(0, Number.parseInt(search.get('offset') ?? '0', 10) || 0);
  const projects = useResource(
    (signal) => listProjects({ offset, limit: PROJECTS_PAGE_SIZE }, signal),
    [offset],
  );
  // A quick answer should not make the page flicker through a loading message.
  const showLoading = useDelayedFlag(projects.status === 'loading', 250);

  return (
    <section className="page" aria-labelledby="projects-title" aria-busy={projects.status === 'loading'}>
      <header className="page__header">
        <h1 id="projects-title" className="page__title">
          {t('projects.title')}
        </h1>
        <NewProjectForm />
      </header>

      {projects.status === 'loading' && showLoading && (
        <p className="status-message" role="status">
          {t('projects.loading')}
        </p>
      )}

      {projects.status === 'error' && (
        <LoadFailed title={t('projects.loadFailed')} error={projects.error} onRetry={projects.reload} testId="projects-error" />
      )}

      {projects.status === 'ready' && <ProjectList page={projects.data} />}
    </section>
  );
}

function ProjectList({ page }: { page: Page<ProjectSummary> }) {
  const { t } = useTranslation();
  if (page.items.length === 0 && page.offset === 0) {
    return (
      <div className="empty-state" data-testid="projects-empty">
        <h2 className="empty-state__title">{t('projects.emptyTitle')}</h2>
        <p>{t('projects.emptyBody')}</p>
      </div>
    );
  }
  return (
    <>
      <ul className="project-list" data-testid="project-list">
        {page.items.map((project) => (
          <ProjectRow key={project.id} project={project} />
        ))}
      </ul>
      <Pagination page={page} />
    </>
  );
}

function ProjectRow({ project }: { project: ProjectSummary }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const languageName = useLanguageNames(language);
  const updated = useMemo(() => formatDate(project.updatedAt, language), [project.updatedAt, language]);

  return (
    <li className="project" data-testid="project-row" data-slug={project.slug}>
      <div className="project__heading">
        <h2 className="project__title">
          <Link to={`/projects/${encodeURIComponent(project.slug)}`} className="project__link">
            {project.title}
          </Link>
        </h2>
        <p className="project__slug">
          <code>{project.slug}</code>
        </p>
      </div>
      <p className="project__languages">
        <span className="visually-hidden">{t('projects.sourceLanguage')}: </span>
        <span className="project__source">{languageName(project.sourceLanguage)}</span>
        <span className="project__arrow" aria-hidden="true">
          {' → '}
        </span>
        <span className="visually-hidden">. {t('projects.targetLanguages')}: </span>
        {project.targetLanguages.length > 0 ? (
          <span>{project.targetLanguages.map(languageName).join(', ')}</span>
        ) : (
          <span className="muted">{t('projects.noTargetLanguages')}</span>
        )}
      </p>
      <p className="project__role">
        <span className="visually-hidden">{t('projects.role')}: </span>
        <span className={`role-badge role-badge--${project.role}`} data-testid="project-role">
          {t(`roles.${project.role}`)}
        </span>
      </p>
      {updated && <p className="project__updated">{t('projects.updated', { date: updated })}</p>}
    </li>
  );
}

function Pagination({ page }: { page: Page<ProjectSummary> }) {
  const { t } = useTranslation();
  if (page.total <= page.limit && page.offset === 0) return null;
  const from = page.items.length > 0 ? page.offset + 1 : 0;
  const to = page.offset + page.items.length;
  const previous = Math.max(0, page.offset - page.limit);
  const next = page.offset + page.limit;
  return (
    <nav className="pagination" aria-label={t('projects.pagination')}>
      <p className="pagination__range">{t('projects.range', { from, to, total: page.total })}</p>
      <div className="pagination__links">
        {page.offset > 0 && (
          <Link className="button" to={previous > 0 ? `/projects?offset=${previous}` : '/projects'}>
            {t('projects.previous')}
          </Link>
        )}
        {next < page.total && (
          <Link className="button" to={`/projects?offset=${next}`}>
            {t('projects.next')}
          </Link>
        )}
      </div>
    </nav>
  );
}

function formatDate(iso: string, language: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date);
}
