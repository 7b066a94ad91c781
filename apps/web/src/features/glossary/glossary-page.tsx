import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAllows, type GlossaryEntryView, type ProjectSummary } from '#libs/contracts';
import { NotFoundPage } from '../../app/not-found-page.js';
import { Link, navigate, useLocation } from '../../app/router.js';
import { useDocumentTitle } from '../../app/use-document-title.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { LoadFailed } from '../../lib/load-status.js';
import { useResource } from '../../lib/use-resource.js';
import { getProject } from '../projects/projects-api.js';
import { ConsistencyReport } from './consistency-report.js';
import { EntryDialog, KINDS } from './entry-dialog.js';
import { exportGlossary, importGlossary, listConventions, listEntries, listGlossaries, setConvention } from './glossary-api.js';
import { Suggestions } from './suggestions.js';

const PAGE = 100;
type View = 'entries' | 'report' | 'suggestions';

/** `/projects/:slug/glossary`: the edition's glossary (search, filter, edit, import, export), its consistency report and suggestions. */
export function GlossaryPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const project = useResource((signal) => getProject(slug, signal), [slug]);
  useDocumentTitle(project.status === 'ready' ? `${t('glossary.title')} · ${project.data.title}` : t('glossary.title'));
  if (project.status === 'loading') return null;
  if (project.status === 'error') {
    if (project.error.status === 404) return <NotFoundPage />;
    return <LoadFailed title={t('projectPage.loadFailed')} error={project.error} onRetry={project.reload} />;
  }
  return <Glossary project={project.data} />;
}

function Glossary({ project }: { project: ProjectSummary }) {
  const { t } = useTranslation();
  const location = useLocation();
  const view = (location.search.get('view') as View | null) ?? 'entries';
  const go = (v: View) => navigate(`/projects/${project.slug}/glossary${v === 'entries' ? '' : `?view=${v}`}`);
  return (
    <section className="page glossary-page" aria-labelledby="glossary-title">
      <nav className="breadcrumbs" aria-label={t('reader.breadcrumbs')}>
        <Link to="/projects">{t('projects.title')}</Link> / <Link to={`/projects/${project.slug}`}>{project.title}</Link>
      </nav>
      <h1 id="glossary-title" className="page__title">
        {t('glossary.title')}
      </h1>
      <div className="tabs" role="tablist">
        {(['entries', 'report', 'suggestions'] as const).map((v) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} className={`tab${view === v ? ' tab--active' : ''}`} onClick={() => go(v)} data-testid={`tab-${v}`}>
            {t(`glossary.views.${v}`)}
          </button>
        ))}
      </div>
      {view === 'entries' && <Entries project={project} />}
      {view === 'report' && <ConsistencyReport project={project} />}
      {view === 'suggestions' && <Suggestions project={project} />}
    </section>
  );
}

function Entries({ project }: { project: ProjectSummary }) {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [editing, setEditing] = useState<GlossaryEntryView | 'new' | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState<'csv' | 'tbx' | 'terms'>('csv');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(q), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const entries = useResource((signal) => listEntries(project.id, { q: query, kind, offset: 0, limit }, signal), [project.id, query, kind, limit]);
  const glossaries = useResource((signal) => listGlossaries(project.id, signal), [project.id]);
  const canEdit = roleAllows(project.role, 'glossary.edit');
  const canManage = roleAllows(project.role, 'glossary.manage');
  const editableGlossaries = new Set(glossaries.status === 'ready' ? glossaries.data.filter((g) => g.editable).map((g) => g.id) : []);
  const languages = [project.sourceLanguage, ...project.targetLanguages].filter((l) => l !== 'ru');

  async function onImport(chosen: File | undefined) {
    if (!chosen) return;
    setMessage(null);
    try {
      const result = await importGlossary(project.id, format, chosen);
      setMessage({ error: false, text: t('glossary.imported', { ...result }) });
      entries.reload();
    } catch (e) {
      setMessage({ error: true, text: e instanceof ApiError ? e.message : String(e) });
    } finally {
      if (file.current) file.current.value = '';
    }
  }

  async function onExport(kind: 'csv' | 'tbx') {
    const { blob, filename } = await exportGlossary(project.id, kind);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = filename ?? `glossary.${kind}`;
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="glossary-entries">
      <Conventions project={project} canManage={canManage} />
      <div className="toolbar">
        <input type="search" className="toolbar__search" placeholder={t('glossary.search')} aria-label={t('glossary.search')} value={q} onChange={(e) => setQ(e.target.value)} data-testid="glossary-search" />
        <select aria-label={t('glossary.kind')} value={kind} onChange={(e) => setKind(e.target.value)} data-testid="glossary-kind">
          <option value="">{t('glossary.allKinds')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`glossary.kinds.${k}`)}
            </option>
          ))}
        </select>
        <span className="toolbar__spacer" />
        {canEdit && (
          <>
            <select aria-label={t('glossary.importFormat')} value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
              <option value="csv">CSV</option>
              <option value="tbx">TBX</option>
              <option value="terms">{t('glossary.termList')}</option>
            </select>
            <button type="button" className="button" onClick={() => file.current?.click()}>
              {t('glossary.import')}
            </button>
            <input ref={file} type="file" hidden accept=".csv,.tbx,.xml,.md,.txt" onChange={(e) => onImport(e.target.files?.[0])} data-testid="glossary-import-file" />
          </>
        )}
        <button type="button" className="button" onClick={() => onExport('csv')}>
          {t('glossary.exportCsv')}
        </button>
        <button type="button" className="button" onClick={() => onExport('tbx')}>
          {t('glossary.exportTbx')}
        </button>
        {canEdit && (
          <button type="button" className="button button--primary" onClick={() => setEditing('new')} data-testid="glossary-new">
            {t('glossary.newEntry')}
          </button>
        )}
      </div>
      {message && (
        <p className={message.error ? 'alert' : 'notice'} role={message.error ? 'alert' : 'status'} data-testid="glossary-message">
          {message.text}
        </p>
      )}
      {entries.status === 'error' && <LoadFailed title={t('glossary.loadFailed')} error={entries.error} onRetry={entries.reload} />}
      {entries.status === 'ready' && (
        <>
          <p className="muted" data-testid="glossary-count">
            {t('glossary.count', { count: entries.data.total })}
          </p>
          {entries.data.items.length === 0 ? (
            <div className="empty-state">
              <p>{query || kind ? t('glossary.noMatch') : t('glossary.empty')}</p>
            </div>
          ) : (
            <div className="glossary-table-wrap">
            <table className="glossary-table" data-testid="glossary-table">
              <thead>
                <tr>
                  <th scope="col">{t('glossary.lemma')}</th>
                  <th scope="col">{t('glossary.kind')}</th>
                  {languages.map((l) => (
                    <th key={l} scope="col">
                      {languageName(l)}
                    </th>
                  ))}
                  <th scope="col">{t('glossary.definition')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.data.items.map((e) => (
                  <tr key={e.id} onClick={() => setEditing(e)} tabIndex={0} onKeyDown={(ev) => ev.key === 'Enter' && setEditing(e)} data-testid="glossary-row">
                    <td lang="ru">
                      <strong>{e.lemma ?? '—'}</strong>
                      {e.firstName && (
                        <span className="muted">
                          {' '}
                          {e.firstName} {e.patronymic}
                        </span>
                      )}
                    </td>
                    <td>{t(`glossary.kinds.${e.kind}`)}</td>
                    {languages.map((l) => (
                      <td key={l} lang={l}>
                        <FormsSummary forms={e.forms[l] ?? []} />
                      </td>
                    ))}
                    <td>
                      <span className="glossary-table__definition">{e.definition}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          )}
          {entries.data.total > entries.data.items.length && (
            <button type="button" className="button" onClick={() => setLimit(limit + PAGE)}>
              {t('glossary.more')}
            </button>
          )}
        </>
      )}
      {editing && (
        <EntryDialog
          project={project}
          entry={editing === 'new' ? null : editing}
          editable={canEdit && (editing === 'new' || editableGlossaries.has(editing.glossaryId))}
          onClose={() => setEditing(null)}
          onSaved={() => entries.reload()}
        />
      )}
    </div>
  );
}

function FormsSummary({ forms }: { forms: GlossaryEntryView['forms'][string] }) {
  const { t } = useTranslation();
  const preferred = forms.find((f) => f.status === 'preferred');
  const others = forms.filter((f) => f !== preferred);
  return (
    <span className="forms-summary">
      {preferred ? <span className="form-chip form-chip--preferred">{preferred.form}</span> : <span className="muted">—</span>}
      {others.map((f) => (
        <span key={f.form} className={`form-chip form-chip--${f.status}`} title={f.contexts?.length ? `${t(`glossary.statuses.${f.status}`)}: ${f.contexts.map((c) => t(`glossary.contexts.${c}`)).join(', ')}` : t(`glossary.statuses.${f.status}`)}>
          {f.form}
        </span>
      ))}
    </span>
  );
}

function Conventions({ project, canManage }: { project: ProjectSummary; canManage: boolean }) {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  const conventions = useResource((signal) => listConventions(project.id, signal), [project.id]);
  const SCHEMES = ['hrl-modified', 'ala-lc-plain', 'ala-lc', 'bgn-pcgn', 'iso9', 'scholarly', 'de-duden'];
  if (conventions.status !== 'ready') return null;
  return (
    <dl className="facts glossary-conventions" data-testid="glossary-conventions">
      {conventions.data.map((c) => (
        <div key={c.language}>
          <dt>{t('glossary.conventionFor', { language: languageName(c.language) })}</dt>
          <dd>
            {canManage ? (
              <select
                value={c.scheme}
                aria-label={t('glossary.conventionFor', { language: languageName(c.language) })}
                onChange={async (e) => {
                  await setConvention(project.id, c.language, e.target.value);
                  conventions.reload();
                }}
              >
                {[...new Set([...SCHEMES, c.scheme])].map((s) => (
                  <option key={s} value={s}>
                    {t(`glossary.schemes.${s}`, { defaultValue: s })}
                  </option>
                ))}
              </select>
            ) : (
              t(`glossary.schemes.${c.scheme}`, { defaultValue: c.scheme })
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
