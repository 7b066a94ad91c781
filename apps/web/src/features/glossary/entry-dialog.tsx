import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryForm, EntryKind, GlossaryEntryView, ProjectSummary, TextContext } from '#libs/contracts';
import { currentLanguage } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { useResource } from '../../lib/use-resource.js';
import { createEntry, deleteEntry, entryHistory, proposeForms, updateEntry, type EntryInput } from './glossary-api.js';

export const KINDS: EntryKind[] = ['person', 'place', 'organisation', 'term', 'abbreviation'];
const CONTEXTS: TextContext[] = ['main', 'footnote', 'bibliography'];

const emptyInput = (): EntryInput => ({ lemma: '', kind: 'person', firstName: '', patronymic: '', definition: '', notes: '', forms: {} });

/** A new entry or an existing one: lemma, kind, names, forms per language (proposed from the edition's convention), definition and notes. */
export function EntryDialog({
  project,
  entry,
  editable,
  onClose,
  onSaved,
}: {
  project: ProjectSummary;
  /** null: a new entry. */
  entry: GlossaryEntryView | null;
  editable: boolean;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const languageName = useLanguageNames(currentLanguage());
  const [input, setInput] = useState<EntryInput>(() => (entry ? { ...entry, lemma: entry.lemma ?? '', firstName: entry.firstName ?? '', patronymic: entry.patronymic ?? '' } : emptyInput()));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const languages = [...new Set([...[project.sourceLanguage, ...project.targetLanguages].filter((l) => l !== 'ru'), ...Object.keys(input.forms).filter((l) => l !== 'ru')])];

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const setForms = (language: string, forms: EntryForm[]) => setInput((i) => ({ ...i, forms: { ...i.forms, [language]: forms } }));
  const clean = (): EntryInput => ({
    ...input,
    lemma: input.lemma?.trim() || null,
    firstName: input.firstName?.trim() || null,
    patronymic: input.patronymic?.trim() || null,
    forms: Object.fromEntries(Object.entries(input.forms).map(([l, fs]) => [l, fs.filter((f) => f.form.trim())]).filter(([, fs]) => fs.length)),
  });

  async function propose() {
    if (!input.lemma?.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const proposal = await proposeForms(project.id, input.lemma.trim());
      setInput((i) => {
        const forms = { ...i.forms };
        for (const [language, p] of Object.entries(proposal.forms)) {
          if (forms[language]?.some((f) => f.form.trim())) continue;
          forms[language] = [
            { form: p.preferred, status: 'preferred' },
            ...p.allowed.map((a) => ({ form: a.form, status: 'allowed' as const, contexts: a.contexts })),
            ...p.forbidden.map((f) => ({ form: f.form, status: 'forbidden' as const })),
          ];
        }
        return { ...i, forms };
      });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (entry) await updateEntry(project.id, entry.id, entry.revision, clean());
      else await createEntry(project.id, clean());
      onSaved();
      dialog.current?.close();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!entry || !window.confirm(t('glossary.confirmDelete', { lemma: entry.lemma ?? entry.forms[languages[0] ?? '']?.[0]?.form ?? '' }))) return;
    setBusy(true);
    try {
      await deleteEntry(project.id, entry.id);
      onSaved();
      dialog.current?.close();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} className="dialog dialog--wide" aria-labelledby={titleId} onClose={onClose} data-testid="entry-dialog">
      <form className="dialog__body" onSubmit={save}>
        <header className="dialog__header">
          <h2 id={titleId} className="dialog__title">
            {entry ? t('glossary.editEntry') : t('glossary.newEntry')}
          </h2>
          <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()}>
            {t('glossary.close')}
          </button>
        </header>
        <fieldset className="glossary-entry__grid" disabled={!editable || busy}>
          <label className="field">
            <span>{t('glossary.lemma')}</span>
            <span className="glossary-entry__with-action">
              <input lang="ru" value={input.lemma ?? ''} onChange={(e) => setInput({ ...input, lemma: e.target.value })} placeholder="Зиновьев" data-testid="entry-lemma" />
              <button type="button" className="button" onClick={propose} disabled={!input.lemma?.trim()} data-testid="propose-forms">
                {t('glossary.propose')}
              </button>
            </span>
          </label>
          <label className="field">
            <span>{t('glossary.kind')}</span>
            <select value={input.kind} onChange={(e) => setInput({ ...input, kind: e.target.value as EntryKind })} data-testid="entry-kind">
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`glossary.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {input.kind === 'person' && (
            <>
              <label className="field">
                <span>{t('glossary.firstName')}</span>
                <input lang="ru" value={input.firstName ?? ''} onChange={(e) => setInput({ ...input, firstName: e.target.value })} />
              </label>
              <label className="field">
                <span>{t('glossary.patronymic')}</span>
                <input lang="ru" value={input.patronymic ?? ''} onChange={(e) => setInput({ ...input, patronymic: e.target.value })} />
              </label>
            </>
          )}
        </fieldset>
        {languages.map((language) => (
          <FormsEditor key={language} language={language} label={languageName(language)} forms={input.forms[language] ?? []} disabled={!editable || busy} onChange={(f) => setForms(language, f)} />
        ))}
        <fieldset className="glossary-entry__grid" disabled={!editable || busy}>
          <label className="field glossary-entry__wide">
            <span>{t('glossary.definition')}</span>
            <textarea rows={2} value={input.definition} onChange={(e) => setInput({ ...input, definition: e.target.value })} />
          </label>
          <label className="field glossary-entry__wide">
            <span>{t('glossary.notes')}</span>
            <textarea rows={2} value={input.notes} onChange={(e) => setInput({ ...input, notes: e.target.value })} />
          </label>
        </fieldset>
        {error && (
          <p className="alert" role="alert" data-testid="entry-error">
            {error}
          </p>
        )}
        {!editable && <p className="field__hint">{t('glossary.readOnly')}</p>}
        {entry && <EntryHistory projectId={project.id} entryId={entry.id} />}
        <div className="dialog__actions">
          {entry && editable && (
            <button type="button" className="button button--danger" onClick={remove} disabled={busy}>
              {t('glossary.delete')}
            </button>
          )}
          {editable && (
            <button type="submit" className="button button--primary" disabled={busy} data-testid="entry-save">
              {t('glossary.save')}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}

function FormsEditor({ language, label, forms, disabled, onChange }: { language: string; label: string; forms: EntryForm[]; disabled: boolean; onChange(forms: EntryForm[]): void }) {
  const { t } = useTranslation();
  const rows = forms.length ? forms : [{ form: '', status: 'preferred' as const }];
  const set = (i: number, f: EntryForm) => onChange(rows.map((r, k) => (k === i ? f : f.status === 'preferred' && r.status === 'preferred' ? { ...r, status: 'allowed' } : r)));
  return (
    <fieldset className="glossary-forms" disabled={disabled} data-testid={`forms-${language}`}>
      <legend>{t('glossary.formsIn', { language: label })}</legend>
      {rows.map((f, i) => (
        <div key={i} className="glossary-forms__row">
          <input lang={language} value={f.form} aria-label={t('glossary.form')} onChange={(e) => set(i, { ...f, form: e.target.value })} />
          <select value={f.status} aria-label={t('glossary.status')} onChange={(e) => set(i, { form: f.form, status: e.target.value as EntryForm['status'] })}>
            <option value="preferred">{t('glossary.statuses.preferred')}</option>
            <option value="allowed">{t('glossary.statuses.allowed')}</option>
            <option value="forbidden">{t('glossary.statuses.forbidden')}</option>
          </select>
          {f.status === 'allowed' ? (
            <span className="glossary-forms__contexts" role="group" aria-label={t('glossary.allowedIn')}>
              {CONTEXTS.map((c) => (
                <label key={c}>
                  <input
                    type="checkbox"
                    checked={!f.contexts?.length || f.contexts.includes(c)}
                    onChange={(e) => {
                      const current = f.contexts?.length ? f.contexts : CONTEXTS;
                      const next = e.target.checked ? [...new Set([...current, c])] : current.filter((x) => x !== c);
                      set(i, { ...f, contexts: next.length === CONTEXTS.length ? undefined : next });
                    }}
                  />
                  {t(`glossary.contexts.${c}`)}
                </label>
              ))}
            </span>
          ) : (
            <span />
          )}
          <button type="button" className="button button--quiet" aria-label={t('glossary.removeForm')} onClick={() => onChange(rows.filter((_, k) => k !== i))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="button button--quiet" onClick={() => onChange([...rows, { form: '', status: rows.some((r) => r.status === 'preferred') ? 'forbidden' : 'preferred' }])}>
        {t('glossary.addForm')}
      </button>
    </fieldset>
  );
}

/** Who changed the entry, when, and how (created, changed, imported), newest first. */
function EntryHistory({ projectId, entryId }: { projectId: string; entryId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const history = useResource((signal) => (open ? entryHistory(projectId, entryId, signal) : Promise.resolve([])), [projectId, entryId, open]);
  const when = new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <details className="glossary-history" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="entry-history">
      <summary>{t('glossary.history')}</summary>
      {history.status === 'ready' && (
        <ol>
          {history.data.map((h) => (
            <li key={h.id}>
              <time dateTime={h.createdAt}>{when.format(new Date(h.createdAt))}</time> · {h.actorName ?? t('glossary.someone')} ·{' '}
              {t(`glossary.actions.${h.action.replace('glossary.entry.', '')}`, { defaultValue: h.action })}
              {h.source === 'import' && <span className="muted"> ({t('glossary.byImport')})</span>}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
