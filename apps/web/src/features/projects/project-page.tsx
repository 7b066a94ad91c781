import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAllows, type ProjectSummary } from '#libs/contracts';
import { NotFoundPage } from '../../app/not-found-page.js';
import { Link } from '../../app/router.js';
import { useDocumentTitle } from '../../app/use-document-title.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { LoadFailed } from '../../lib/load-status.js';
import { useDelayedFlag } from '../../lib/use-delayed-flag.js';
import { useResource } from '../../lib/use-resource.js';
import { DocumentList } from '../editions/document-list.js';
import { listDocuments } from '../editions/editions-api.js';
import { ExportDialog } from '../exports/export-dialog.js';
import { ExportMenu } from '../exports/export-menu.js';
import { AlignDialog } from '../alignment/align-dialog.js';
import { ImportDialog } from '../imports/import-dialog.js';
import { MembersSection } from '../members/members-section.js';
import { MyMentions, ProjectProgressSection } from '../review/index.js';
import { getProject } from './projects-api.js';

/** `/projects/:slug`: an edition, its documents, and what the caller's role lets them do with it. */
export function ProjectPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const project = useResource((signal) => getProject(slug, signal), [slug]);
  const showLoading = useDelayedFlag(project.status === 'loading', 250);
  useDocumentTitle(project.status === 'ready' ? project.data.title : t('projectPage.title'));

  if (project.status === 'loading') {
    return showLoading ? (
      <p className="status-message" role="status">
        {t('projectPage.loading')}
      </p>
    ) : null;
  }
  if (project.status === 'error') {
    // Not a member looks the same as not there, as the API intends.
    if (project.error.status === 404) return <NotFoundPage />;
    return <LoadFailed title={t('projectPage.loadFailed')} error={project.error} onRetry={project.reload} />;
  }
  return <Project project={project.data} />;
}

function Project({ project }: { project: ProjectSummary }) {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  const documents = useResource((signal) => listDocuments(project.id, signal), [project.id]);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [aligning, setAligning] = useState(false);
  const canImport = roleAllows(project.role, 'content.import');
  const canExport = roleAllows(project.role, 'content.export');
  const reloadDocuments = documents.reload;
  const onImported = useCallback(() => reloadDocuments(), [reloadDocuments]);
  const hasDocuments = documents.status === 'ready' && documents.data.length > 0;

  return (
    <section className="page project-page" aria-labelledby="project-title">
      <nav className="breadcrumbs" aria-label={t('reader.breadcrumbs')}>
        <Link to="/projects">{t('projects.title')}</Link>
      </nav>
      <header className="project-page__header">
        <div className="project-page__heading">
          <h1 id="project-title" className="page__title">
            {project.title}
          </h1>
          <dl className="facts">
            <div>
              <dt>{t('projects.sourceLanguage')}</dt>
              <dd>{languageName(project.sourceLanguage)}</dd>
            </div>
            <div>
              <dt>{t('projects.targetLanguages')}</dt>
              <dd>
                {project.targetLanguages.length > 0 ? (
                  project.targetLanguages.map(languageName).join(', ')
                ) : (
                  <span className="muted">{t('projects.noTargetLanguages')}</span>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('projects.role')}</dt>
              <dd>
                <span className={`role-badge role-badge--${project.role}`} data-testid="project-role">
                  {t(`roles.${project.role}`)}
                </span>
              </dd>
            </div>
          </dl>
        </div>
        <div className="project-page__actions">
          <Link className="button" to={`/projects/${project.slug}/glossary`} data-testid="open-glossary">
            {t('glossary.open')}
          </Link>
          {canImport && (
            <button type="button" className="button button--primary" onClick={() => setImporting(true)}>
              {t('imports.open')}
            </button>
          )}
          {canImport && hasDocuments && project.targetLanguages.length > 0 && (
            <button type="button" className="button" onClick={() => setAligning(true)} data-testid="align-open">
              {t('alignment.open')}
            </button>
          )}
          {canExport && hasDocuments && (
            <button type="button" className="button" onClick={() => setExporting(true)} data-testid="export-open">
              {t('exports.open')}
            </button>
          )}
          {canExport && hasDocuments && <ExportMenu project={project} />}
        </div>
      </header>

      {hasDocuments && <ProjectProgressSection project={project} />}
      <MyMentions project={project} />

      <section className="project-page__documents" aria-labelledby="documents-title">
        <h2 id="documents-title" className="section-title">
          {t('projectPage.documents')}
        </h2>
        {documents.status === 'error' && (
          <LoadFailed title={t('projectPage.documentsFailed')} error={documents.error} onRetry={documents.reload} />
        )}
        {documents.status === 'ready' &&
          (documents.data.length > 0 ? (
            <DocumentList project={project} documents={documents.data} />
          ) : (
            <div className="empty-state" data-testid="documents-empty">
              <h3 className="empty-state__title">{t('projectPage.emptyTitle')}</h3>
              <p>{canImport ? t('projectPage.emptyImport') : t('projectPage.emptyWait')}</p>
            </div>
          ))}
      </section>

      <MembersSection project={project} />

      {canImport && <AlignDialog project={project} open={aligning} onClose={() => setAligning(false)} />}
      {canImport && (
        <ImportDialog
          project={project}
          open={importing}
          onClose={() => {
            setImporting(false);
            // Closed while a job was still running: it may have finished since.
            reloadDocuments();
          }}
          onImported={onImported}
          onAlignInstead={() => {
            setImporting(false);
            setAligning(true);
          }}
        />
      )}
      {canExport && hasDocuments && <ExportDialog project={project} open={exporting} onClose={() => setExporting(false)} />}
    </section>
  );
}
