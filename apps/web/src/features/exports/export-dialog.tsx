import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EDITION_FORMATS, EXPORT_FORMATS, FORMAT_LANGUAGES, type ExportFormat, type ExportLayout, type JobView, type ProjectSummary } from '#libs/contracts';
import { currentLanguage } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { useJob } from '../imports/use-job.js';
import { projectLanguages } from '../projects/projects-api.js';
import { ExportProgress } from './export-progress.js';
import { exportResultOf, saveExport, startExport } from './exports-api.js';

/**
 * Choose a format, the languages, the layout and final or draft; the export runs as a job whose
 * progress shows here, then the file downloads. A final edition lists what it left out.
 */
export function ExportDialog({ project, open, onClose }: { project: ProjectSummary; open: boolean; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={onClose} data-testid="export-dialog">
      {open && <ExportFlow project={project} titleId={titleId} onClose={() => dialog.current?.close()} />}
    </dialog>
  );
}

function ExportFlow({ project, titleId, onClose }: { project: ProjectSummary; titleId: string; onClose(): void }) {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  const languages = projectLanguages(project);
  const ids = { format: useId(), first: useId(), second: useId(), final: useId(), strict: useId(), error: useId() };
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [first, setFirst] = useState(project.sourceLanguage);
  const [second, setSecond] = useState<string>(languages.find((l) => l !== project.sourceLanguage) ?? '');
  const [layout, setLayout] = useState<ExportLayout>('facing');
  const [final, setFinal] = useState(false);
  const [strict, setStrict] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [started, setStarted] = useState<JobView | null>(null);
  const [saving, setSaving] = useState(false);
  const state = useJob(project.id, started);
  const job = state?.job ?? null;
  const result = job ? exportResultOf(job) : null;
  const saved = useRef<string | null>(null);

  const range = FORMAT_LANGUAGES[format];
  const edition = EDITION_FORMATS.includes(format);
  const secondAllowed = range.max === 2;
  const secondRequired = range.min === 2;
  const chosen = range.max === 0 ? [] : [first, ...(secondAllowed && second && second !== first ? [second] : [])];
  const bilingual = chosen.length === 2;

  const download = async () => {
    if (!result || saving) return;
    setSaving(true);
    try {
      await saveExport(result);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.message : String(reason));
    } finally {
      setSaving(false);
    }
  };

  // The file downloads by itself once, when the job is done; the button is there to save it again.
  useEffect(() => {
    if (result && job && saved.current !== job.id) {
      saved.current = job.id;
      void download();
    }
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (starting) return;
    if (secondRequired && (!second || second === first)) {
      setError(t('exports.pairRequired'));
      return;
    }
    setError(null);
    setStarting(true);
    try {
      setStarted(
        await startExport(project.id, {
          format,
          languages: chosen,
          ...(edition ? { final, refuseIncomplete: final && strict } : {}),
          ...(format === 'pdf' && bilingual ? { layout } : {}),
        }),
      );
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.message : String(reason));
    } finally {
      setStarting(false);
    }
  };

  const done = job?.status === 'succeeded' || job?.status === 'failed';
  return (
    <div className="dialog__body">
      <header className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {t('exports.title')}
        </h2>
        <button type="button" className="button button--quiet dialog__close" onClick={onClose}>
          {t('imports.close')}
        </button>
      </header>

      {!job && (
        <form className="form" onSubmit={onSubmit} noValidate aria-describedby={error ? ids.error : undefined}>
          <div className="field">
            <label htmlFor={ids.format}>{t('exports.format')}</label>
            <select id={ids.format} value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
              {EXPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(`exports.formats.${f}`)}
                </option>
              ))}
            </select>
            <p className="field__hint">{t(`exports.hints.${format}`)}</p>
          </div>
          {range.max > 0 && (
            <div className="export-languages">
              <div className="field">
                <label htmlFor={ids.first}>{secondAllowed ? t(secondRequired ? 'exports.sourceLanguage' : 'exports.firstLanguage') : t('exports.language')}</label>
                <select id={ids.first} value={first} onChange={(e) => setFirst(e.target.value)}>
                  {languages.map((l) => (
                    <option key={l} value={l}>
                      {languageName(l)}
                    </option>
                  ))}
                </select>
              </div>
              {secondAllowed && (
                <div className="field">
                  <label htmlFor={ids.second}>{t(secondRequired ? 'exports.targetLanguage' : 'exports.secondLanguage')}</label>
                  <select id={ids.second} value={second} onChange={(e) => setSecond(e.target.value)}>
                    {!secondRequired && <option value="">{t('exports.noSecondLanguage')}</option>}
                    {languages
                      .filter((l) => l !== first)
                      .map((l) => (
                        <option key={l} value={l}>
                          {languageName(l)}
                        </option>
                      ))}
                  </select>
                </div>
              )}
            </div>
          )}
          {format === 'pdf' && bilingual && (
            <fieldset className="field">
              <legend>{t('exports.layout')}</legend>
              {(['facing', 'columns'] as const).map((l) => (
                <label key={l} className="choice">
                  <input type="radio" name="layout" value={l} checked={layout === l} onChange={() => setLayout(l)} />
                  <span>
                    {t(`exports.layouts.${l}`)}
                    <span className="field__hint"> — {t(`exports.layoutHints.${l}`)}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {edition && (
            <fieldset className="field">
              <legend>{t('exports.mode')}</legend>
              <label className="choice">
                <input type="radio" name="mode" checked={!final} onChange={() => setFinal(false)} />
                <span>
                  {t('exports.draft')}
                  <span className="field__hint"> — {t('exports.draftHint')}</span>
                </span>
              </label>
              <label className="choice">
                <input id={ids.final} type="radio" name="mode" checked={final} onChange={() => setFinal(true)} />
                <span>
                  {t('exports.final')}
                  <span className="field__hint"> — {t('exports.finalHint')}</span>
                </span>
              </label>
              {final && (
                <label className="choice choice--nested">
                  <input id={ids.strict} type="checkbox" checked={strict} onChange={(e) => setStrict(e.target.checked)} />
                  <span>{t('exports.strict')}</span>
                </label>
              )}
            </fieldset>
          )}
          {error && (
            <div id={ids.error} className="alert" role="alert" data-testid="export-error">
              {error}
            </div>
          )}
          <div className="dialog__actions">
            <button type="button" className="button button--quiet" onClick={onClose}>
              {t('imports.cancel')}
            </button>
            <button type="submit" className="button button--primary" aria-disabled={starting}>
              {starting ? t('exports.preparing') : t('exports.submit')}
            </button>
          </div>
        </form>
      )}

      {job && (
        <div className="import-job">
          <p className="import-job__file">
            {t(`exports.formats.${format}`)}
            {chosen.length ? ` · ${chosen.map(languageName).join(' / ')}` : ''}
            {edition ? ` · ${final ? t('exports.final') : t('exports.draft')}` : ''}
          </p>
          <ExportProgress job={job} />
          {state?.pollError && !done && (
            <p className="alert" role="alert">
              {state.pollError.message}
            </p>
          )}
          {job.status === 'failed' && (
            <div className="alert alert--block" role="alert" data-testid="export-error">
              <p className="alert__title">{t('exports.failed')}</p>
              <p>{job.error?.message ?? t('imports.failedUnknown')}</p>
            </div>
          )}
          {result && (
            <div className="report" data-testid="export-result">
              <p>
                {t('exports.ready', { file: result.filename, size: formatSize(result.bytes) })}
                {result.pages ? ` · ${t('exports.pages', { count: result.pages })}` : ''}
              </p>
              {result.missingCount > 0 && (
                <div className={result.final ? 'alert alert--block' : 'muted'} data-testid="export-missing">
                  <p className={result.final ? 'alert__title' : undefined}>
                    {t(result.final ? 'exports.missingFinal' : 'exports.missingDraft', { count: result.missingCount })}
                  </p>
                  <ul className="export-missing">
                    {result.missing.slice(0, 8).map((m) => (
                      <li key={`${m.segmentId}/${m.language}`}>
                        {m.documentTitle}: “{m.excerpt}” — {languageName(m.language)} ({t(`exports.statuses.${m.status}`)}
                        {m.footnoteId ? `, ${t('exports.note')}` : ''})
                      </li>
                    ))}
                    {result.missingCount > 8 && <li>{t('exports.moreMissing', { count: result.missingCount - 8 })}</li>}
                  </ul>
                </div>
              )}
              {result.unreferencedNotes > 0 && <p className="muted">{t('exports.unreferenced', { count: result.unreferencedNotes })}</p>}
            </div>
          )}
          {error && (
            <p className="alert" role="alert">
              {error}
            </p>
          )}
          {done && (
            <div className="dialog__actions">
              <button type="button" className="button" onClick={() => setStarted(null)}>
                {t('exports.another')}
              </button>
              {result && (
                <button type="button" className="button" onClick={() => void download()} aria-disabled={saving} data-testid="export-download">
                  {saving ? t('exports.preparing') : t('exports.download')}
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

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
