import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAllows, type ProjectSummary } from '#libs/contracts';
import { currentLanguage } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { LoadFailed } from '../../lib/load-status.js';
import { useResource } from '../../lib/use-resource.js';
import { createEntry, suggestions } from './glossary-api.js';

/** Cyrillic names the glossary lacks, with their rendering under the edition's conventions; one action adds one. */
export function Suggestions({ project }: { project: ProjectSummary }) {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  const list = useResource((signal) => suggestions(project.id, signal), [project.id]);
  const [error, setError] = useState<string | null>(null);
  const canEdit = roleAllows(project.role, 'glossary.edit');
  if (![project.sourceLanguage, ...project.targetLanguages].includes('ru')) return <p className="empty-state">{t('glossary.noRussian')}</p>;
  if (list.status === 'loading') return null;
  if (list.status === 'error') return <LoadFailed title={t('glossary.loadFailed')} error={list.error} onRetry={list.reload} />;
  if (!list.data.length) return <p className="empty-state">{t('glossary.noSuggestions')}</p>;
  return (
    <>
      {error && <p className="alert">{error}</p>}
      <table className="glossary-table" data-testid="suggestions">
        <thead>
          <tr>
            <th scope="col">{t('glossary.lemma')}</th>
            <th scope="col">{t('glossary.written')}</th>
            {Object.keys(list.data[0]!.renderings).map((l) => (
              <th key={l} scope="col">
                {languageName(l)}
              </th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data.map((s) => (
            <tr key={s.lemma}>
              <td lang="ru">
                <strong>{s.lemma}</strong>
              </td>
              <td lang="ru" className="muted">
                {s.written.map((w) => `${w.form} ${w.count} ×`).join(', ')}
              </td>
              {Object.entries(s.renderings).map(([l, r]) => (
                <td key={l} lang={l}>
                  {r}
                </td>
              ))}
              <td>
                {canEdit && (
                  <button
                    type="button"
                    className="button"
                    onClick={async () => {
                      try {
                        await createEntry(project.id, { lemma: s.lemma, kind: s.kind, firstName: null, patronymic: null, definition: '', notes: '', forms: {} });
                        list.reload();
                      } catch (e) {
                        setError(e instanceof ApiError ? e.message : String(e));
                      }
                    }}
                  >
                    {t('glossary.add')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
