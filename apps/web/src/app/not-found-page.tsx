import { useTranslation } from 'react-i18next';
import { Link } from './router.js';
import { useDocumentTitle } from './use-document-title.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <section className="page page--narrow">
      <h1 className="page__title">{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/projects">{t('notFound.back')}</Link>
      </p>
    </section>
  );
}
