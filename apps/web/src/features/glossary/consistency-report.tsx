import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAllows, type ConsistencyReportView, type EntryForm, type ProjectSummary } from '#libs/contracts';
import { Link } from '../../app/router.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { LoadFailed } from '../../lib/load-status.js';
import { useResource } from '../../lib/use-resource.js';
import { consistencyReport, entryFromCluster } from './glossary-api.js';

type Cluster = ConsistencyReportView['clusters'][number];

/** Every name of the edition in one language, clustered across spellings, with counts and the places; a cluster becomes an entry in one action. */
export function ConsistencyReport({ project }: { project: ProjectSummary }) {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  const languages = [project.sourceLanguage, ...project.targetLanguages].filter((l) => l !== 'ru');
  const [language, setLanguage] = useState(languages[0] ?? project.sourceLanguage);
  const [onlyUnknown, setOnlyUnknown] = useState(false);
  const report = useResource((signal) => consistencyReport(project.id, language, signal), [project.id, language]);
  const canEdit = roleAllows(project.role, 'glossary.edit');
  return (
    <div className="consistency-report">
      <div className="toolbar">
        <label>
          {t('glossary.reportLanguage')}{' '}
          <select value={language} onChange={(e) => setLanguage(e.target.value)} data-testid="report-language">
            {languages.map((l) => (
              <option key={l} value={l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={onlyUnknown} onChange={(e) => setOnlyUnknown(e.target.checked)} /> {t('glossary.onlyUnknown')}
        </label>
      </div>
      {report.status === 'loading' && <p className="status-message">{t('glossary.reportLoading')}</p>}
      {report.status === 'error' && <LoadFailed title={t('glossary.loadFailed')} error={report.error} onRetry={report.reload} />}
      {report.status === 'ready' && (
        <>
          <p className="muted" data-testid="report-summary">
            {t('glossary.reportSummary', { clusters: report.data.clusters.length, segments: report.data.segments, ms: report.data.tookMs })}
          </p>
          <ol className="clusters" data-testid="clusters">
            {report.data.clusters
              .filter((c) => !onlyUnknown || !c.entryId)
              .map((c) => (
                <ClusterItem key={c.main} project={project} language={language} cluster={c} canEdit={canEdit} onAdded={report.reload} />
              ))}
          </ol>
        </>
      )}
    </div>
  );
}

function ClusterItem({ project, language, cluster, canEdit, onAdded }: { project: ProjectSummary; language: string; cluster: Cluster; canEdit: boolean; onAdded(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [preferred, setPreferred] = useState(cluster.preferred ?? cluster.main);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function add() {
    setBusy(true);
    setError(null);
    // The chosen form is preferred; a form written only in notes stays allowed there; the rest are forbidden.
    const forms: EntryForm[] = cluster.forms.map((f) => {
      if (f.form === preferred) return { form: f.form, status: 'preferred' };
      if (f.locations.every((l) => l.context === 'footnote') && f.relation === 'transliteration') return { form: f.form, status: 'allowed', contexts: ['footnote', 'bibliography'] };
      return { form: f.form, status: 'forbidden' };
    });
    try {
      await entryFromCluster(project.id, { language, kind: 'person', forms, segmentIds: cluster.forms.flatMap((f) => f.locations.slice(0, 5).map((l) => l.segmentId)) });
      onAdded();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={`cluster${cluster.entryId ? ' cluster--known' : ''}`} data-testid="cluster">
      <div className="cluster__head">
        <span className="cluster__forms" lang={language}>
          {cluster.forms.map((f, i) => (
            <span key={f.form}>
              {i > 0 && ' / '}
              <span className={`form-chip form-chip--${f.status ?? (f.form === preferred ? 'preferred' : 'unknown')}`} title={t(`glossary.relations.${f.relation}`)}>
                {f.form}
              </span>{' '}
              <span className="cluster__count">{f.count} ×</span>
            </span>
          ))}
        </span>
        <span className="cluster__actions">
          {cluster.entryId ? (
            <span className="muted">{t('glossary.inGlossary', { form: cluster.preferred ?? '' })}</span>
          ) : (
            canEdit && (
              <>
                <select aria-label={t('glossary.preferredForm')} value={preferred} onChange={(e) => setPreferred(e.target.value)}>
                  {cluster.forms.map((f) => (
                    <option key={f.form} value={f.form}>
                      {f.form}
                    </option>
                  ))}
                </select>
                <button type="button" className="button" onClick={add} disabled={busy} data-testid="cluster-add">
                  {t('glossary.addCluster')}
                </button>
              </>
            )
          )}
          <button type="button" className="button button--quiet" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t('glossary.hidePlaces') : t('glossary.showPlaces', { count: cluster.total })}
          </button>
        </span>
      </div>
      {error && <p className="alert">{error}</p>}
      {open && (
        <div className="cluster__places" data-testid="cluster-places">
          {cluster.forms.map((f) => (
            <section key={f.form} className="cluster__form-places">
              <h3 className="cluster__form-title">
                <span className="form-chip">{f.form}</span> <span className="cluster__count">{f.count} ×</span>
              </h3>
              <ul>
                {f.locations.slice(0, 30).map((l, i) => (
                  <li key={`${l.segmentId}-${i}`}>
                    <Link to={`/projects/${project.slug}/documents/${l.documentId}?segment=${l.segmentId}`}>{cluster.documentTitles[l.documentId] || t('glossary.chapter')}</Link>
                    {l.context === 'footnote' && <span className="muted"> · {t('glossary.contexts.footnote')}</span>}
                    <Excerpt text={l.excerpt} form={f.form} />
                  </li>
                ))}
              </ul>
              {f.count > 30 && <p className="muted">{t('glossary.morePlaces', { count: f.count - 30 })}</p>}
            </section>
          ))}
        </div>
      )}
    </li>
  );
}

/** The words around a place, the form itself in bold. */
function Excerpt({ text, form }: { text: string; form: string }) {
  const at = text.indexOf(form);
  if (at < 0) return <q className="cluster__excerpt">{text}</q>;
  return (
    <q className="cluster__excerpt">
      {text.slice(0, at)}
      <mark>{form}</mark>
      {text.slice(at + form.length)}
    </q>
  );
}
