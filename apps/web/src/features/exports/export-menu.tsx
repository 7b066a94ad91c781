import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary } from '#libs/contracts';
import { apiClient } from '../../app/api-client.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { projectLanguages } from '../projects/projects-api.js';

/**
 * "Export Markdown" with one entry per language. The download goes through the API client (the token
 * is a header, not a cookie), then is handed to the browser as a file.
 */
export function ExportMenu({ project }: { project: ProjectSummary }) {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  const menu = useRef<HTMLDetailsElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = async (language: string) => {
    if (busy) return;
    setBusy(language);
    setError(null);
    try {
      const { blob, filename } = await apiClient.download(`/projects/${encodeURIComponent(project.id)}/exports/markdown`, {
        query: { language },
      });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename ?? `${project.slug}.${language}.md`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      if (menu.current) menu.current.open = false;
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.message : String(reason));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="export">
      <details ref={menu} className="menu" data-testid="export-menu">
        <summary className="button">{t('exports.markdown')}</summary>
        <ul className="menu__list">
          {projectLanguages(project).map((language) => (
            <li key={language}>
              <button
                type="button"
                className="menu__item"
                onClick={() => void download(language)}
                aria-disabled={busy !== null}
              >
                {busy === language ? t('exports.preparing') : languageName(language)}
              </button>
            </li>
          ))}
        </ul>
      </details>
      {error && (
        <p className="alert export__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
