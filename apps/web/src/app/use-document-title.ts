import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The tab's title names the page first, so a row of Interlinea tabs stays tellable apart. */
export function useDocumentTitle(page: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.documentTitle', { page });
  }, [page, t]);
}
