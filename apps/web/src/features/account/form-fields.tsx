import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

export type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  hint?: string;
  /** Shown under the input and tied to it (`aria-invalid`, `aria-describedby`). */
  error?: string;
  ref?: Ref<HTMLInputElement>;
};

/** A labelled input with an optional hint and error, both read out with the input. */
export function TextField({ label, hint, error, ref, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input ref={ref} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * The end of a form: its messages, then the submit button. A failure not about one field is read out
 * at once; `success` politely. Both regions are there from the start, so what appears in them is announced.
 */
export function FormActions({
  failure,
  success,
  submitting,
  submitLabel,
  submittingLabel,
}: {
  failure: string | null;
  success?: ReactNode;
  submitting: boolean;
  submitLabel: string;
  submittingLabel: string;
}) {
  return (
    <>
      <div className="account-live" aria-live="assertive" aria-atomic="true">
        {failure && <p className="alert">{failure}</p>}
      </div>
      {success !== undefined && (
        <div className="account-live" aria-live="polite" aria-atomic="true">
          {success}
        </div>
      )}
      <div className="account-form__actions">
        <button type="submit" className="button button--primary" aria-disabled={submitting}>
          {submitting ? submittingLabel : submitLabel}
        </button>
      </div>
    </>
  );
}
