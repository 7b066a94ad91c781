import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '#libs/contracts';
import { fetchCurrentUser, logout, saveLocale } from '../features/auth/auth-api.js';
import { changeLanguage, currentLanguage } from '../i18n/i18n.js';
import { LanguageSwitcher } from '../i18n/language-switcher.js';
import { Link, navigate, useLocation } from './router.js';
import { sessionStore } from './session-store.js';

/** The frame of every signed-in page: a header with the user and the language, then the page. */
export function AppShell({
  sessionId,
  user,
  children,
}: {
  sessionId: string;
  user: UserSummary | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [signingOut, setSigningOut] = useState(false);
  const onAccountPage = useLocation().pathname === '/account';

  // Always refreshed from the server: the login response may be old news after a reload.
  useEffect(() => {
    const controller = new AbortController();
    fetchCurrentUser(controller.signal).then(
      (fresh) => {
        sessionStore.setUser(sessionId, fresh);
        // The account's language wins over this browser's: it is what the person chose last, anywhere.
        // English is also what every account starts with, chosen or not, so it does not override a
        // browser that asks for another language (the choice is not stored apart from the value).
        if (fresh.locale !== 'en' && fresh.locale !== currentLanguage()) void changeLanguage(fresh.locale);
      },
      () => {
        // A 401 already signed the session out; anything else leaves the header without a name.
      },
    );
    return () => controller.abort();
  }, [sessionId]);

  const signOut = async () => {
    if (signingOut) return;
    setSigningOut(true);
    try {
      await logout();
    } catch {
      // Signed out on this device all the same: a session the server did not hear about ends at its expiry.
    }
    sessionStore.signOut();
    // Chosen, not forced: no "come back to" address on the login page.
    navigate('/login');
  };

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
            <LanguageSwitcher
              onChosen={(language) =>
                void saveLocale(language).then(
                  (fresh) => sessionStore.setUser(sessionId, fresh),
                  () => {
                    // Kept in this browser; the account keeps its old choice until the next switch.
                  },
                )
              }
            />
            <section className="account" aria-label={t('auth.account')} data-testid="current-user">
              {/* The way to the account page: the user's name, or the page's name until it is known. */}
              <Link to="/account" className="account__who" aria-current={onAccountPage ? 'page' : undefined}>
                <span className="account__name">{user ? user.displayName : t('account.title')}</span>
                {user && (
                  <>
                    <span className="account__email">{user.email}</span>
                    <span className="visually-hidden">{t('account.open')}</span>
                  </>
                )}
              </Link>
              <button type="button" className="button button--quiet" onClick={() => void signOut()} aria-disabled={signingOut}>
                {signingOut ? t('auth.signingOut') : t('auth.signOut')}
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
