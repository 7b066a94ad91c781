import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobView, ProjectSummary } from '#libs/contracts';
import { navigate } from '../../app/router.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { ProgressBar } from '../../lib/progress-bar.js';
import { useJob } from '../imports/use-job.js';
import { alignmentResultOf, startAlignment } from './alignment-api.js';

const PHASES = ['parsing', 'aligning', 'storing'] as const;

/**
 * Choose a translation and its language, upload it, follow the alignment job with a progress bar,
 * then go to the review page. Nothing is written to the edition until the review is confirmed.
 */
export function AlignDialog({ project, open, onClose }: { project: ProjectSummary; open: boolean; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={onClose} data-testid="align-dialog">
      {open && <AlignFlow project={project} titleId={titleId} onClose={() => dialog.current?.close()} />}
    </dialog>
  );
}

function AlignFlow({ project, titleId, onClose }: { project: ProjectSummary; titleId: string; onClose(): void }) {
  const { t } = useTranslation();
  const ids = { file: useId(), language: useId() };
  const languageName = useLanguageNames(currentLanguage());
  const [file, setFile] = useState<File | null>(null);
  const [language, setLanguage] = useState(project.targetLanguages[0] ?? '');
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [started, setStarted] = useState<JobView | null>(null);
  const state = useJob(project.id, started);
  const job = state?.job ?? null;
  const result = job?.status === 'succeeded' ? alignmentResultOf(job) : null;

  useEffect(() => {
    if (result) navigate(`/projects/${encodeURIComponent(project.slug)}/alignments/${result.alignmentId}`);
  }, [result, project.slug]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (uploading) return;
    if (!file) {
      setError(t('alignment.fileRequired'));
      return;
    }
    setError(null);
    setUploading(true);
    try {
      setStarted(await startAlignment(project.id, file, language));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  };

  const total = job ? Math.max(job.total, 0) : 0;
  const done = job ? Math.min(Math.max(job.done, 0), total) : 0;
  const phase = job && PHASES.includes(job.phase as (typeof PHASES)[number]) ? (job.phase as (typeof PHASES)[number]) : null;
  const percent = job?.status === 'succeeded' ? 100 : total > 0 ? Math.round((done / total) * 100) : 0;

  return (
    <div className="dialog__body">
      <header className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {t('alignment.title')}
        </h2>
        <button type="button" className="button button--quiet dialog__close" onClick={onClose}>
          {t('imports.close')}
        </button>
      </header>
      {!job && (
        <form className="form" onSubmit={onSubmit} noValidate>
          <p className="muted">{t('alignment.intro')}</p>
          <div className="field">
            <label htmlFor={ids.file}>{t('imports.file')}</label>
            <input id={ids.file} type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
          <div className="field">
            <label htmlFor={ids.language}>{t('imports.language')}</label>
            <select id={ids.language} value={language} onChange={(e) => setLanguage(e.target.value)}>
              {project.targetLanguages.map((tag) => (
                <option key={tag} value={tag}>
                  {languageName(tag)}
                </option>
              ))}
            </select>
          </div>
          {error && (
            <div className="alert" role="alert" data-testid="align-error">
              {error}
            </div>
          )}
          <div className="dialog__actions">
            <button type="button" className="button button--quiet" onClick={onClose}>
              {t('imports.cancel')}
            </button>
            <button type="submit" className="button button--primary" aria-disabled={uploading}>
              {uploading ? t('imports.uploading') : t('alignment.submit')}
            </button>
          </div>
        </form>
      )}
      {job && (
        <div className="import-job">
          <ProgressBar
            testId="align-progress"
            status={job.status}
            label={job.status === 'failed' ? t('alignment.failed') : phase ? t(`alignment.phase.${phase}`) : t('imports.status.queued')}
            percentText={job.status === 'failed' ? undefined : t('imports.percent', { percent })}
            ariaLabel={t('alignment.progress')}
            value={percent}
            max={100}
            valueText={null}
            widthPercent={percent}
            failed={false}
          />
          {job.status === 'failed' && (
            <div className="alert alert--block" role="alert" data-testid="align-error">
              <p>{job.error?.message ?? t('imports.failedUnknown')}</p>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
