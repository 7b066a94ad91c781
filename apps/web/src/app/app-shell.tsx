import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '#libs/contracts';
import { fetchCurrentUser } from '../features/auth/auth-api.js';
import { LanguageSwitcher } from '../i18n/language-switcher.js';
import { Link, navigate } from './router.js';
import { sessionStore } from './session-store.js';

/** The frame of every signed-in page: a header with the user and the language, then the page. */
export function AppShell({
  accessToken,
  user,
  children,
}: {
  accessToken: string;
  user: UserSummary | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();

  // Always refreshed from the server: the login response may be old news after a reload.
  useEffect(() => {
    const controller = new AbortController();
    fetchCurrentUser(controller.signal).then(
      (fresh) => sessionStore.setUser(accessToken, fresh),
      () => {
        // A 401 already signed the session out; anything else leaves the header without a name.
      },
    );
    return () => controller.abort();
  }, [accessToken]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="shell__header">
        <div className="shell__header-inner">
          <Link to="/projects" className="wordmark">
            {t('app.name')}
          </Link>
          <div className="shell__tools">
            <LanguageSwitcher />
            <section className="account" aria-label={t('auth.account')} data-testid="current-user">
              {user && (
                <span className="account__who">
                  <span className="account__name">{user.displayName}</span>
                  <span className="account__email">{user.email}</span>
                </span>
              )}
              <button type="button" className="button button--quiet" onClick={() => {
                  sessionStore.signOut();
                  // Chosen, not forced: no "come back to" address on the login page.
                  navigate('/login');
                }}>
                {t('auth.signOut')}
              </button>
            </section>
          </div>
        </div>
      </header>
      <main id="main" className="shell__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
