import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionSummary } from '#libs/contracts';
import { LoadStatus } from '../../lib/load-status.js';
import type { Resource } from '../../lib/use-resource.js';
import { revokeSession } from './account-api.js';
import { AccountItem } from './account-item.js';
import { Time, useDateFormat } from './dates.js';
import { failureOf, useOnLanguageChange } from './feedback.js';
import { abbreviate, parseUserAgent } from './user-agent.js';

/** What the last action did, kept as data so that it re-translates with the UI. */
type Outcome = { kind: 'one'; userAgent: string | null } | { kind: 'others'; ended: number };

const RAW_USER_AGENT_MAX = 60;

/**
 * The caller's live sessions, this one first and marked. Any other can be signed out; "everywhere
 * else" signs them out one by one (the API ends either one session or all of them, and ending all
 * would sign this tab out too). A session that has ended meanwhile counts as signed out.
 */
export function SessionsSection({
  sessions,
  currentSessionId,
}: {
  sessions: Resource<SessionSummary[]>;
  currentSessionId: string;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const describe = useDeviceName();

  useOnLanguageChange(useCallback(() => setFailure(null), []));

  const list = sessions.status === 'ready' ? sessions.data : [];
  const isCurrent = (session: SessionSummary) => session.current || session.id === currentSessionId;
  const ordered = [...list.filter(isCurrent), ...list.filter((session) => !isCurrent(session))];
  const others = list.filter((session) => !isCurrent(session));

  /** Ends one session; true when it is over (a 404 says it already was). */
  const end = async (session: SessionSummary): Promise<true | string> => {
    try {
      await revokeSession(session.id);
    } catch (caught) {
      const error = failureOf(caught);
      if (error.status !== 404) return error.message;
    }
    return true;
  };

  /** After an action: the button that was pressed may be gone, so focus goes to the section's heading. */
  const finish = (result: Outcome, error: string | null) => {
    setOutcome(result);
    setFailure(error);
    setBusy(null);
    heading.current?.focus();
    sessions.reload();
  };

  const signOut = async (session: SessionSummary) => {
    if (busy) return;
    setBusy(session.id);
    setOutcome(null);
    setFailure(null);
    const result = await end(session);
    if (result === true) finish({ kind: 'one', userAgent: session.userAgent }, null);
    else {
      setFailure(result);
      setBusy(null);
    }
  };

  const signOutOthers = async () => {
    if (busy) return;
    setBusy('others');
    setOutcome(null);
    setFailure(null);
    let ended = 0;
    let error: string | null = null;
    // One at a time: a handful of requests, and a failure stops none of the others.
    for (const session of others) {
      const result = await end(session);
      if (result === true) ended += 1;
      else error ??= result;
    }
    finish({ kind: 'others', ended }, error);
  };

  return (
    <section className="account-section" aria-labelledby={titleId} data-testid="sessions-section">
      <h2 id={titleId} ref={heading} tabIndex={-1} className="account-section__title">
        {t('account.sessions.title')}
      </h2>
      <p className="account-section__intro">{t('account.sessions.intro')}</p>

      <div className="account-live" aria-live="polite" aria-atomic="true">
        {outcome && (
          <p className="notice" data-testid="sessions-outcome">
            {outcome.kind === 'one'
              ? t('account.sessions.signedOut', { device: describe(outcome.userAgent) })
              : t('account.sessions.signedOutOthers', { n: outcome.ended })}
          </p>
        )}
      </div>
      {failure && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}

      <LoadStatus resource={sessions} loading={t('account.sessions.loading')} failed={t('account.sessions.loadFailed')} />
      {sessions.status === 'ready' && (
        <>
          <ul className="account-list" data-testid="session-list">
            {ordered.map((session) => (
              <SessionRow
                key={session.id}
                session={session}
                current={isCurrent(session)}
                name={describe(session.userAgent)}
                busy={busy}
                onSignOut={() => void signOut(session)}
              />
            ))}
          </ul>
          {others.length > 0 ? (
            <div className="account-section__actions">
              <button type="button" className="button" onClick={() => void signOutOthers()} aria-disabled={busy !== null}>
                {busy === 'others' ? t('account.sessions.signingOutOthers') : t('account.sessions.signOutOthers')}
              </button>
            </div>
          ) : (
            <p className="muted">{t('account.sessions.onlyHere')}</p>
          )}
        </>
      )}
    </section>
  );
}

function SessionRow({
  session,
  current,
  name,
  busy,
  onSignOut,
}: {
  session: SessionSummary;
  current: boolean;
  name: string;
  busy: string | null;
  onSignOut(): void;
}) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <AccountItem
      testId="session"
      data={{ current: current ? 'true' : undefined }}
      name={name}
      nameTitle={session.userAgent ?? undefined}
      badge={current && <span className="account-badge">{t('account.sessions.thisDevice')}</span>}
      facts={[
        [t('account.sessions.signedIn'), <Time iso={session.createdAt} text={format.dateTime(session.createdAt)} format={format} />],
        [t('account.sessions.lastActive'), <Time iso={session.lastSeenAt} text={format.ago(session.lastSeenAt)} format={format} />],
      ]}
      action={
        current
          ? undefined
          : {
              label: busy === session.id ? t('account.sessions.signingOut') : t('account.sessions.signOut'),
              onClick: onSignOut,
              busy: busy !== null,
            }
      }
    />
  );
}

/** A user agent as a device name: "Firefox 128 on Windows", else the header itself, shortened. */
function useDeviceName(): (userAgent: string | null) => string {
  const { t } = useTranslation();
  return useCallback(
    (userAgent) => {
      if (!userAgent) return t('account.sessions.unknownClient');
      const { client, os, headless } = parseUserAgent(userAgent);
      if (!client) return abbreviate(userAgent, RAW_USER_AGENT_MAX);
      const browser = headless ? t('account.sessions.headless', { browser: client }) : client;
      return os ? t('account.sessions.browserOnOs', { browser, os }) : browser;
    },
    [t],
  );
}
