import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RENDERING_NAMES, TEXT_ENCODINGS, type JobView, type ProjectSummary, type RenderingName, type TextEncoding } from '#libs/contracts';
import { projectLanguages } from '../projects/projects-api.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { ImportProgress } from './import-progress.js';
import { ImportReportView } from './import-report.js';
import { importReportOf, startImport } from './imports-api.js';
import { useJob } from './use-job.js';

/**
 * Choose a file and its language, upload it, follow the job live, then read the report. A modal
 * `<dialog>`: the browser traps focus, Escape closes it, and focus returns to the opening button.
 */
export function ImportDialog({
  project,
  open,
  onClose,
  onImported,
  onAlignInstead,
}: {
  project: ProjectSummary;
  open: boolean;
  onClose(): void;
  onImported(): void;
  /** Offered when a translation does not match the edition segment for segment. */
  onAlignInstead?(): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid="import-dialog"
    >
      {/* Mounted only while open: every opening starts with an empty form. */}
      {open && (
        <ImportFlow
          project={project}
          titleId={titleId}
          // Every way out (these buttons, Escape) goes through the dialog's own close event.
          onClose={() => dialog.current?.close()}
          onImported={onImported}
          onAlignInstead={onAlignInstead}
        />
      )}
    </dialog>
  );
}

function ImportFlow({
  project,
  titleId,
  onClose,
  onImported,
  onAlignInstead,
}: {
  project: ProjectSummary;
  titleId: string;
  onClose(): void;
  onImported(): void;
  onAlignInstead?(): void;
}) {
  const { t } = useTranslation();
  const ids = { file: useId(), language: useId(), rendering: useId(), encoding: useId(), error: useId() };
  const languageName = useLanguageNames(currentLanguage());
  const languages = projectLanguages(project);
  const [file, setFile] = useState<File | null>(null);
  const [language, setLanguage] = useState(project.sourceLanguage);
  const [rendering, setRendering] = useState<RenderingName | ''>('');
  const [encoding, setEncoding] = useState<TextEncoding | ''>('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [started, setStarted] = useState<JobView | null>(null);
  const state = useJob(project.id, started);
  const job = state?.job ?? null;
  const reported = useRef<string | null>(null);

  useEffect(() => {
    if (job?.status === 'succeeded' && reported.current !== job.id) {
      reported.current = job.id;
      onImported();
    }
  }, [job, onImported]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (uploading) return;
    if (!file) {
      setFileError(t('imports.fileRequired'));
      return;
    }
    setFileError(null);
    setUploadError(null);
    setUploading(true);
    try {
      setStarted(await startImport(project.id, file, language, { rendering: rendering || undefined, encoding: encoding || undefined }));
    } catch (error) {
      setUploadError(error instanceof ApiError ? error.message : String(error));
    } finally {
      setUploading(false);
    }
  };

  const done = job?.status === 'succeeded' || job?.status === 'failed';
  const report = job?.status === 'succeeded' ? importReportOf(job) : null;

  return (
    <div className="dialog__body">
      <header className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {t('imports.title')}
        </h2>
        <button type="button" className="button button--quiet dialog__close" onClick={onClose}>
          {t('imports.close')}
        </button>
      </header>

      {!job && (
        <form className="form" onSubmit={onSubmit} noValidate aria-describedby={uploadError ? ids.error : undefined}>
          <p className="muted">{t('imports.intro', { source: languageName(project.sourceLanguage) })}</p>
          <div className="field">
            <label htmlFor={ids.file}>{t('imports.file')}</label>
            <input
              id={ids.file}
              type="file"
              accept=".md,.markdown,.txt,.text,.docx,text/markdown,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setFileError(null);
              }}
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? `${ids.file}-error` : `${ids.file}-hint`}
            />
            {fileError ? (
              <p id={`${ids.file}-error`} className="field__error">
                {fileError}
              </p>
            ) : (
              <p id={`${ids.file}-hint`} className="field__hint">
                {t('imports.fileHint')}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={ids.language}>{t('imports.language')}</label>
            <select id={ids.language} value={language} onChange={(event) => setLanguage(event.target.value)}>
              {languages.map((tag) => (
                <option key={tag} value={tag}>
                  {tag === project.sourceLanguage
                    ? t('imports.languageSource', { language: languageName(tag) })
                    : t('imports.languageTranslation', { language: languageName(tag) })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.rendering}>{t('imports.rendering')}</label>
            <select
              id={ids.rendering}
              value={rendering}
              onChange={(event) => setRendering(event.target.value as RenderingName | '')}
              aria-describedby={`${ids.rendering}-hint`}
              data-testid="import-rendering"
            >
              <option value="">{t('imports.detect')}</option>
              {RENDERING_NAMES.map((name) => (
                <option key={name} value={name}>
                  {t(`imports.renderings.${name}`)}
                </option>
              ))}
            </select>
            <p id={`${ids.rendering}-hint`} className="field__hint">
              {t('imports.renderingHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor={ids.encoding}>{t('imports.encoding')}</label>
            <select
              id={ids.encoding}
              value={encoding}
              onChange={(event) => setEncoding(event.target.value as TextEncoding | '')}
              aria-describedby={`${ids.encoding}-hint`}
              data-testid="import-encoding"
            >
              <option value="">{t('imports.detect')}</option>
              {TEXT_ENCODINGS.map((name) => (
                <option key={name} value={name}>
                  {name.toUpperCase()}
                </option>
              ))}
            </select>
            <p id={`${ids.encoding}-hint`} className="field__hint">
              {t('imports.encodingHint')}
            </p>
          </div>
          {uploadError && (
            <div id={ids.error} className="alert" role="alert" data-testid="import-error">
              {uploadError}
            </div>
          )}
          <div className="dialog__actions">
            <button type="button" className="button button--quiet" onClick={onClose}>
              {t('imports.cancel')}
            </button>
            <button type="submit" className="button button--primary" aria-disabled={uploading}>
              {uploading ? t('imports.uploading') : t('imports.submit')}
            </button>
          </div>
        </form>
      )}

      {job && (
        <div className="import-job">
          <p className="import-job__file">
            {t('imports.fileInLanguage', { file: file?.name ?? '', language: languageName(language) })}
          </p>
          <ImportProgress job={job} />
          {state?.pollError && !done && (
            <p className="alert" role="alert">
              {state.pollError.message}
            </p>
          )}
          {job.status === 'failed' && (
            <div className="alert alert--block" role="alert" data-testid="import-error">
              <p className="alert__title">{t('imports.failed')}</p>
              <p>{job.error?.message ?? t('imports.failedUnknown')}</p>
            </div>
          )}
          {report && <ImportReportView report={report} />}
          {job.status === 'succeeded' && !report && <p role="status">{t('imports.succeeded')}</p>}
          {done && (
            <div className="dialog__actions">
              {job.status === 'failed' && job.error?.code === 'IMPORT_STRUCTURE_MISMATCH' && onAlignInstead && (
                <button type="button" className="button" onClick={onAlignInstead} data-testid="align-instead">
                  {t('alignment.instead')}
                </button>
              )}
              {job.status === 'failed' && (
                <button type="button" className="button" onClick={() => {
                    setStarted(null);
                    setFile(null);
                  }}>
                  {t('imports.tryAgain')}
                </button>
              )}
              <button type="button" className="button button--primary" onClick={onClose} autoFocus>
                {t('imports.close')}
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
