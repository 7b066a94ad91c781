import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary } from '#libs/contracts';
import { apiClient } from '../../app/api-client.js';
import { navigate } from '../../app/router.js';
import { failureOf } from '../account/feedback.js';
import { TextField } from '../account/form-fields.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { useLanguageNames } from '../../lib/language-names.js';

/** Languages offered first; any other BCP-47 tag can be typed. */
const LANGUAGES = ['en', 'ru', 'de'];

/** A slug from a title: lower-case Latin letters, digits and hyphens (Cyrillic is transliterated roughly). */
function slugOf(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** "New edition": title, short name, source language and target languages; then its page. */
export function NewProjectForm() {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  const [title, setTitle] = useState('');
  const [slug, setSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const [source, setSource] = useState('ru');
  const [targets, setTargets] = useState<string[]>(['en', 'de']);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // The form exists only while open: closed, its fields are neither read out nor found.
  const [open, setOpen] = useState(false);
  const effectiveSlug = slugTouched ? slug : slugOf(title);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const created = await apiClient.post<ProjectSummary>('/projects', {
        title,
        slug: effectiveSlug,
        sourceLanguage: source,
        targetLanguages: targets.filter((language) => language !== source),
      });
      navigate(`/projects/${encodeURIComponent(created.slug)}`);
    } catch (caught) {
      setFailure(failureOf(caught).message);
      setBusy(false);
    }
  };

  return (
    <details className="new-project" data-testid="new-project" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="button button--primary">{t('newProject.open')}</summary>
      {open && (
      <form className="member-form" onSubmit={(event) => void submit(event)}>
        <TextField label={t('newProject.title')} required value={title} onChange={(event) => setTitle(event.target.value)} />
        <TextField
          label={t('newProject.slug')}
          hint={t('newProject.slugHint')}
          required
          value={effectiveSlug}
          onChange={(event) => {
            setSlugTouched(true);
            setSlug(event.target.value);
          }}
        />
        <div className="field">
          <label>
            {t('newProject.source')}
            <select value={source} onChange={(event) => setSource(event.target.value)}>
              {LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {languageName(language)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset className="member-form__languages">
          <legend>{t('newProject.targets')}</legend>
          {LANGUAGES.filter((language) => language !== source).map((language) => (
            <label key={language}>
              <input
                type="checkbox"
                checked={targets.includes(language)}
                onChange={(event) => setTargets((current) => (event.target.checked ? [...current, language] : current.filter((item) => item !== language)))}
              />
              {languageName(language)}
            </label>
          ))}
        </fieldset>
        <div aria-live="assertive">{failure && <p className="alert">{failure}</p>}</div>
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {busy ? t('newProject.creating') : t('newProject.create')}
        </button>
      </form>
      )}
    </details>
  );
}
