import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiTokenSummary, CreatedApiToken } from '#libs/contracts';
import { LoadStatus } from '../../lib/load-status.js';
import { useResource } from '../../lib/use-resource.js';
import { createApiToken, listApiTokens, revokeApiToken } from './account-api.js';
import { AccountItem } from './account-item.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { Time, useDateFormat } from './dates.js';
import { failureOf, useFormErrors } from './feedback.js';
import { FormActions, TextField } from './form-fields.js';

/**
 * Personal API tokens: the list, a form to create one, the new token shown once, and revoking with
 * a confirmation. The token's text lives only in this component's state until "I have saved it":
 * the server keeps a hash and can never show it again.
 */
export function ApiTokensSection() {
  const { t } = useTranslation();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const tokens = useResource((signal) => listApiTokens(signal), []);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenSummary | null>(null);
  /** The name of the token revoked last, for the announcement. */
  const [revokedName, setRevokedName] = useState<string | null>(null);
  const reloadTokens = tokens.reload;

  const onCreated = useCallback(
    (token: CreatedApiToken) => {
      setRevokedName(null);
      setCreated(token);
      reloadTokens();
    },
    [reloadTokens],
  );

  const revoke = async () => {
    if (!revoking) return;
    try {
      await revokeApiToken(revoking.id);
    } catch (caught) {
      // Gone already (revoked from another tab): what the user asked for.
      if (failureOf(caught).status !== 404) throw caught;
    }
  };

  const onRevokeClosed = (confirmed: boolean) => {
    const token = revoking;
    setRevoking(null);
    if (!confirmed || !token) return;
    if (created?.id === token.id) setCreated(null);
    setRevokedName(token.name);
    // Its row, with the button that opened the dialog, is about to go.
    heading.current?.focus();
    reloadTokens();
  };

  const origin = window.location.origin;

  return (
    <section className="account-section" aria-labelledby={titleId} data-testid="tokens-section">
      <h2 id={titleId} ref={heading} tabIndex={-1} className="account-section__title">
        {t('account.tokens.title')}
      </h2>
      <div className="account-section__intro">
        <p>{t('account.tokens.intro')}</p>
        <pre className="code-sample">
          <code>{`curl -H "Authorization: Bearer il_…" ${origin}/api/users/me`}</code>
        </pre>
        <p>
          <a href="/api/docs">{t('account.tokens.docsLink')}</a>
        </p>
      </div>

      <div className="account-live" aria-live="polite" aria-atomic="true">
        {revokedName !== null && (
          <p className="notice" data-testid="tokens-outcome">
            {t('account.tokens.revoked', { name: revokedName })}
          </p>
        )}
      </div>

      <LoadStatus resource={tokens} loading={t('account.tokens.loading')} failed={t('account.tokens.loadFailed')} />
      {tokens.status === 'ready' &&
        (tokens.data.length > 0 ? (
          <ul className="account-list" data-testid="token-list">
            {tokens.data.map((token) => (
              <TokenRow key={token.id} token={token} onRevoke={() => setRevoking(token)} />
            ))}
          </ul>
        ) : (
          <p className="muted" data-testid="tokens-empty">
            {t('account.tokens.empty')}
          </p>
        ))}

      <CreateTokenForm onCreated={onCreated} />
      {created && (
        <NewToken
          key={created.id}
          token={created}
          onDone={() => {
            setCreated(null);
            heading.current?.focus();
          }}
        />
      )}

      <ConfirmDialog
        open={revoking !== null}
        title={t('account.tokens.confirmTitle', { name: revoking?.name ?? '' })}
        confirmLabel={t('account.tokens.confirm')}
        busyLabel={t('account.tokens.revoking')}
        cancelLabel={t('account.tokens.cancel')}
        onConfirm={revoke}
        onClose={onRevokeClosed}
      >
        <p>{t('account.tokens.confirmBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

function TokenRow({ token, onRevoke }: { token: ApiTokenSummary; onRevoke(): void }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const expired = token.expiresAt !== null && format.past(token.expiresAt);
  return (
    <AccountItem
      testId="token"
      data={{ 'token-id': token.id }}
      name={token.name}
      badge={expired && <span className="account-badge account-badge--expired">{t('account.tokens.expired')}</span>}
      facts={[
        [t('account.tokens.prefix'), <code>{token.prefix}…</code>],
        [t('account.tokens.created'), <Time iso={token.createdAt} text={format.date(token.createdAt)} format={format} />],
        [
          t('account.tokens.lastUsed'),
          token.lastUsedAt ? (
            <Time iso={token.lastUsedAt} text={format.ago(token.lastUsedAt)} format={format} />
          ) : (
            t('account.tokens.neverUsed')
          ),
        ],
        [
          expired ? t('account.tokens.expired') : t('account.tokens.expires'),
          token.expiresAt ? (
            <Time iso={token.expiresAt} text={format.date(token.expiresAt)} format={format} />
          ) : (
            t('account.tokens.neverExpires')
          ),
        ],
      ]}
      action={{ label: t('account.tokens.revoke'), onClick: onRevoke }}
    />
  );
}

type CreateField = 'name' | 'expiresInDays';

function CreateTokenForm({ onCreated }: { onCreated(token: CreatedApiToken): void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const nameInput = useRef<HTMLInputElement>(null);
  const daysInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [days, setDays] = useState('');
  const { errors, setErrors, failure, setFailure } = useFormErrors<CreateField>();
  const [submitting, setSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    setFailure(null);
    if (!name.trim()) {
      setErrors({ name: t('account.tokens.nameRequired') });
      nameInput.current?.focus();
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      // Whether the number is whole and in range is the server's rule; it answers for the field.
      const expiresInDays = days.trim() === '' ? undefined : Number(days);
      const token = await createApiToken({ name: name.trim(), expiresInDays });
      setName('');
      setDays('');
      onCreated(token);
    } catch (caught) {
      const error = failureOf(caught);
      const found = { name: error.fieldMessage('name'), expiresInDays: error.fieldMessage('expiresInDays') };
      setErrors(found);
      if (found.name) nameInput.current?.focus();
      else if (found.expiresInDays) daysInput.current?.focus();
      else setFailure(error.message);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form className="form account-form account-form--boxed" onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId} className="account-form__title">
        {t('account.tokens.createTitle')}
      </h3>
      <TextField
        ref={nameInput}
        name="token-name"
        label={t('account.tokens.name')}
        hint={t('account.tokens.nameHint')}
        error={errors.name}
        value={name}
        maxLength={100}
        autoComplete="off"
        onChange={(event) => setName(event.target.value)}
      />
      <TextField
        ref={daysInput}
        name="token-days"
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        className="account-form__days"
        label={t('account.tokens.days')}
        hint={t('account.tokens.daysHint')}
        error={errors.expiresInDays}
        value={days}
        onChange={(event) => setDays(event.target.value)}
      />
      <FormActions
        failure={failure}
        submitting={submitting}
        submitLabel={t('account.tokens.create')}
        submittingLabel={t('account.tokens.creating')}
      />
    </form>
  );
}

type CopyState = 'copied' | 'selected' | null;

/** The new token, once: focus lands on it, with a copy button and the warning that it will not come back. */
function NewToken({ token, onDone }: { token: CreatedApiToken; onDone(): void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>(null);

  useEffect(() => heading.current?.focus(), []);

  const copyToken = async () => {
    try {
      // Undefined outside a secure context (plain http to a server other than localhost).
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(token.token);
      setCopy('copied');
    } catch {
      // Selected, the user can copy it with the keyboard.
      input.current?.focus();
      input.current?.select();
      setCopy('selected');
    }
  };

  return (
    <section className="token-reveal" aria-labelledby={titleId} data-testid="new-token">
      <h3 id={titleId} ref={heading} tabIndex={-1} className="token-reveal__title">
        {t('account.tokens.newTitle', { name: token.name })}
      </h3>
      <p className="token-reveal__warning">
        <strong>{t('account.tokens.onceOnly')}</strong> {t('account.tokens.onceOnlyHint')}
      </p>
      <div className="token-reveal__value">
        <TextField
          ref={input}
          label={t('account.tokens.value')}
          value={token.token}
          readOnly
          spellCheck={false}
          autoComplete="off"
          className="token-reveal__input"
          data-testid="new-token-value"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void copyToken()}>
          {t('account.tokens.copy')}
        </button>
      </div>
      <p className="account-live" aria-live="polite" aria-atomic="true">
        {copy === 'copied' ? t('account.tokens.copied') : copy === 'selected' ? t('account.tokens.copyFailed') : ''}
      </p>
      <div className="account-form__actions">
        <button type="button" className="button button--primary" onClick={onDone}>
          {t('account.tokens.done')}
        </button>
      </div>
    </section>
  );
}
