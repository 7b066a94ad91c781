import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionStore } from '../../app/session-store.js';
import { useDocumentTitle } from '../../app/use-document-title.js';
import { LanguageSwitcher } from '../../i18n/language-switcher.js';
import { ApiError } from '../../lib/api.js';
import { login } from './auth-api.js';

type FieldName = 'email' | 'password';
type FieldErrors = Partial<Record<FieldName, string>>;

export function LoginPage({ sessionExpired }: { sessionExpired: boolean }) {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('auth.title'));
  const ids = { email: useId(), password: useId(), error: useId() };
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  // Messages came in the language of the request; after a switch they would be in the wrong one.
  useEffect(() => {
    const clear = () => {
      setError(null);
      setFieldErrors({});
    };
    i18n.on('languageChanged', clear);
    return () => i18n.off('languageChanged', clear);
  }, [i18n]);

  const focusFirstInvalid = (errors: FieldErrors) => {
    if (errors.email) emailInput.current?.focus();
    else if (errors.password) passwordInput.current?.focus();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const missing: FieldErrors = {};
    if (!email.trim()) missing.email = t('auth.emailRequired');
    if (!password) missing.password = t('auth.passwordRequired');
    setError(null);
    setFieldErrors(missing);
    if (missing.email || missing.password) {
      focusFirstInvalid(missing);
      return;
    }

    setSubmitting(true);
    try {
      sessionStore.signIn(await login({ email: email.trim(), password }));
      // The app's routing takes over from here; this page unmounts.
    } catch (caught) {
      const apiError =
        caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT_ERROR', t('errors.unexpected', { status: 0 }));
      const fromServer: FieldErrors = {
        email: apiError.fieldMessage('email'),
        password: apiError.fieldMessage('password'),
      };
      setFieldErrors(fromServer);
      setError(apiError.message);
      setPassword('');
      if (fromServer.email || fromServer.password) focusFirstInvalid(fromServer);
      else passwordInput.current?.focus();
      setSubmitting(false);
    }
  };

  const describedBy = (field: FieldName) => (fieldErrors[field] ? `${ids[field]}-error` : undefined);

  return (
    <div className="login-layout">
      <header className="login-layout__top">
        <LanguageSwitcher />
      </header>
      <main id="main" className="login-layout__main">
        <div className="login-card">
          <p className="wordmark wordmark--large" aria-hidden="true">
            {t('app.name')}
          </p>
          <p className="login-card__tagline">{t('app.tagline')}</p>

          <h1 className="login-card__title">{t('auth.title')}</h1>
          <p className="login-card__intro">{t('auth.intro')}</p>

          {sessionExpired && !error && (
            <p className="notice" role="status">
              {t('auth.sessionExpired')}
            </p>
          )}

          <div id={ids.error} aria-live="assertive" aria-atomic="true">
            {error && (
              <p className="alert" data-testid="login-error">
                {error}
              </p>
            )}
          </div>

          <form className="form" onSubmit={onSubmit} noValidate aria-describedby={error ? ids.error : undefined}>
            <div className="field">
              <label htmlFor={ids.email}>{t('auth.email')}</label>
              <input
                ref={emailInput}
                id={ids.email}
                name="email"
                type="email"
                autoComplete="username"
                inputMode="email"
                spellCheck={false}
                autoFocus
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                aria-invalid={fieldErrors.email ? true : undefined}
                aria-describedby={describedBy('email')}
              />
              {fieldErrors.email && (
                <p id={`${ids.email}-error`} className="field__error">
                  {fieldErrors.email}
                </p>
              )}
            </div>

            <div className="field">
              <label htmlFor={ids.password}>{t('auth.password')}</label>
              <input
                ref={passwordInput}
                id={ids.password}
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                aria-invalid={fieldErrors.password ? true : undefined}
                aria-describedby={describedBy('password')}
              />
              {fieldErrors.password && (
                <p id={`${ids.password}-error`} className="field__error">
                  {fieldErrors.password}
                </p>
              )}
            </div>

            <button type="submit" className="button button--primary button--block" aria-disabled={submitting}>
              {submitting ? t('auth.submitting') : t('auth.submit')}
            </button>
          </form>
        </div>
      </main>
    </div>
  );
}
