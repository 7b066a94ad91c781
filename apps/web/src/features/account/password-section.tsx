import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassword } from './account-api.js';
import { failureOf, useFormErrors } from './feedback.js';
import { FormActions, TextField } from './form-fields.js';

type FieldName = 'currentPassword' | 'newPassword' | 'repeatPassword';
type FieldErrors = Partial<Record<FieldName, string>>;
const FIELDS: readonly FieldName[] = ['currentPassword', 'newPassword', 'repeatPassword'];
const EMPTY: Record<FieldName, string> = { currentPassword: '', newPassword: '', repeatPassword: '' };

/**
 * Change password: the current one, the new one twice. Only emptiness and the repetition are
 * checked here; the rules for a password (its length) are the server's, and its messages, in the UI
 * language, are shown beside the field they are about. `onChanged` runs after a change: the other
 * sessions have ended.
 */
export function PasswordSection({ email, onChanged }: { email: string | null; onChanged(): void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const inputs: Record<FieldName, RefObject<HTMLInputElement | null>> = {
    currentPassword: useRef<HTMLInputElement>(null),
    newPassword: useRef<HTMLInputElement>(null),
    repeatPassword: useRef<HTMLInputElement>(null),
  };
  const [values, setValues] = useState(EMPTY);
  const { errors, setErrors, failure, setFailure } = useFormErrors<FieldName>();
  /** Other sessions ended by the last change; null before one. */
  const [revoked, setRevoked] = useState<number | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const show = (found: FieldErrors) => {
    setErrors(found);
    const first = FIELDS.find((field) => found[field]);
    if (first) inputs[first].current?.focus();
    return first !== undefined;
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    setFailure(null);
    setRevoked(null);
    const { currentPassword, newPassword, repeatPassword } = values;
    const found: FieldErrors = {};
    if (!currentPassword) found.currentPassword = t('account.password.currentRequired');
    if (!newPassword) found.newPassword = t('account.password.newRequired');
    if (!repeatPassword) found.repeatPassword = t('account.password.repeatRequired');
    else if (newPassword && repeatPassword !== newPassword) found.repeatPassword = t('account.password.mismatch');
    if (show(found)) return;

    setSubmitting(true);
    try {
      const result = await changePassword({ currentPassword, newPassword });
      setValues(EMPTY);
      setRevoked(result.revoked);
      onChanged();
    } catch (caught) {
      const error = failureOf(caught);
      const wrongPassword = error.code === 'WRONG_PASSWORD';
      if (wrongPassword) setValues((previous) => ({ ...previous, currentPassword: '' }));
      const placed = show({
        currentPassword: wrongPassword ? error.message : error.fieldMessage('currentPassword'),
        newPassword: error.fieldMessage('newPassword'),
      });
      if (!placed) setFailure(error.message);
    } finally {
      setSubmitting(false);
    }
  };

  const field = (name: FieldName) => ({
    ref: inputs[name],
    name,
    type: 'password',
    value: values[name],
    error: errors[name],
    onChange: (event: { target: { value: string } }) => {
      const value = event.target.value;
      setValues((previous) => ({ ...previous, [name]: value }));
    },
  });

  return (
    <section className="account-section" aria-labelledby={titleId} data-testid="password-section">
      <h2 id={titleId} className="account-section__title">
        {t('account.password.title')}
      </h2>
      <p className="account-section__intro">{t('account.password.intro')}</p>

      <form className="form account-form" onSubmit={onSubmit} noValidate>
        {/* For password managers: which account this new password belongs to. */}
        {email && (
          <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        )}
        <TextField {...field('currentPassword')} label={t('account.password.current')} autoComplete="current-password" />
        <TextField
          {...field('newPassword')}
          label={t('account.password.new')}
          hint={t('account.password.newHint')}
          autoComplete="new-password"
        />
        <TextField {...field('repeatPassword')} label={t('account.password.repeat')} autoComplete="new-password" />

        <FormActions
          failure={failure}
          success={
            revoked !== null && (
              <p className="notice" data-testid="password-changed">
                {revoked > 0 ? t('account.password.changedRevoked', { n: revoked }) : t('account.password.changed')}
              </p>
            )
          }
          submitting={submitting}
          submitLabel={t('account.password.submit')}
          submittingLabel={t('account.password.submitting')}
        />
      </form>
    </section>
  );
}
