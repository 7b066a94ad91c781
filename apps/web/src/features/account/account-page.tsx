import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session-store.js';
import { useDocumentTitle } from '../../app/use-document-title.js';
import { useResource } from '../../lib/use-resource.js';
import { listSessions } from './account-api.js';
import { ApiTokensSection } from './api-tokens-section.js';
import { PasswordSection } from './password-section.js';
import { SessionsSection } from './sessions-section.js';

/** `/account`: the signed-in user's password, sessions and personal API tokens. */
export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.title'));
  const session = useSession();
  // Loaded here: changing the password ends the other sessions, so the list must follow.
  const sessions = useResource((signal) => listSessions(signal), []);
  // A new password ends every API token too: the token list is loaded afresh after each change.
  const [passwordChanges, setPasswordChanges] = useState(0);
  const onPasswordChanged = useCallback(() => {
    sessions.reload();
    setPasswordChanges((n) => n + 1);
  }, [sessions.reload]);
  if (session.status !== 'signed-in') return null;
  const { user } = session;

  return (
    <section className="page account-page" aria-labelledby="account-title">
      <header className="account-page__header">
        <h1 id="account-title" className="page__title">
          {t('account.title')}
        </h1>
        {user && (
          <dl className="facts">
            <div>
              <dt>{t('account.name')}</dt>
              <dd>{user.displayName}</dd>
            </div>
            <div>
              <dt>{t('account.email')}</dt>
              <dd>{user.email}</dd>
            </div>
            {user.isAdmin && (
              <div>
                <dt>{t('account.role')}</dt>
                <dd>{t('account.administrator')}</dd>
              </div>
            )}
          </dl>
        )}
      </header>
      <PasswordSection email={user?.email ?? null} onChanged={onPasswordChanged} />
      <SessionsSection sessions={sessions} currentSessionId={session.sessionId} />
      <ApiTokensSection key={passwordChanges} />
    </section>
  );
}
