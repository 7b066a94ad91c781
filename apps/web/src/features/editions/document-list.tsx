import { useTranslation } from 'react-i18next';
import type { DocumentSummary, ProjectSummary } from '#libs/contracts';
import { Link } from '../../app/router.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { documentTitle } from './editions-api.js';

/** The edition's chapters and other parts, in book order, each linking to its reader. */
export function DocumentList({ project, documents }: { project: ProjectSummary; documents: DocumentSummary[] }) {
  const { t } = useTranslation();
  const uiLanguage = currentLanguage();
  const number = new Intl.NumberFormat(uiLanguage);
  return (
    <ol className="document-list" data-testid="document-list">
      {documents.map((document) => {
        const title = documentTitle(document, uiLanguage, project.sourceLanguage);
        return (
          <li key={document.id} className="document" data-testid="document-row" data-document-id={document.id}>
            <span className="document__kind">{t(`documentKinds.${document.kind}`)}</span>
            <Link
              className="document__title"
              to={`/projects/${encodeURIComponent(project.slug)}/documents/${document.id}`}
              lang={title.lang}
            >
              {title.text}
            </Link>
            <span className="document__counts">
              <span>{t('projectPage.segmentCount', { n: number.format(document.segmentCount) })}</span>
              <span>{t('projectPage.footnoteCount', { n: number.format(document.footnoteCount) })}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
