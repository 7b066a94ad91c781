import { useTranslation } from 'react-i18next';
import type { ProjectSummary } from '#libs/contracts';
import { currentLanguage } from '../../i18n/i18n.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { useResource } from '../../lib/use-resource.js';
import { documentTitle } from '../editions/editions-api.js';
import { ProgressBar } from './progress-bar.js';
import { getProjectProgress } from './review-api.js';

/** The project page's progress: the edition per language, then each chapter per language, compactly. */
export function ProjectProgressSection({ project }: { project: ProjectSummary }) {
  const { t } = useTranslation();
  const uiLanguage = currentLanguage();
  const languageName = useLanguageNames(uiLanguage);
  const progress = useResource((signal) => getProjectProgress(project.id, signal), [project.id]);
  if (progress.status !== 'ready' || project.targetLanguages.length === 0 || progress.data.documents.length === 0) return null;
  const data = progress.data;
  return (
    <section className="project-progress" aria-labelledby="progress-title" data-testid="project-progress">
      <h2 id="progress-title" className="section-title">
        {t('review.progress.edition')}
      </h2>
      <div className="project-progress__languages">
        {Object.entries(data.languages).map(([language, counts]) => (
          <ProgressBar key={language} counts={counts} label={languageName(language)} />
        ))}
      </div>
      <details className="project-progress__chapters">
        <summary>{t('review.progress.byChapter')}</summary>
        {data.documents.map((d) => (
          <div key={d.documentId} className="project-progress__chapter">
            <p className="project-progress__chapter-title">
              {documentTitle({ titles: d.titles } as Parameters<typeof documentTitle>[0], uiLanguage, project.sourceLanguage).text || '—'}
            </p>
            {Object.entries(d.languages).map(([language, counts]) => (
              <ProgressBar key={language} counts={counts} label={languageName(language)} compact />
            ))}
          </div>
        ))}
      </details>
    </section>
  );
}
