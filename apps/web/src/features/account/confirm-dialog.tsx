import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { failureOf } from './feedback.js';

/**
 * A modal question before something that cannot be undone. The safe answer comes first and has the
 * focus when it opens; Escape cancels (except while the action runs). An error stays in the dialog,
 * so the user can try again or cancel. `onClose(confirmed)` runs once it has closed, when the browser
 * has already given focus back to the opener: the place to move focus elsewhere, if the opener is
 * about to go.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busyLabel,
  cancelLabel,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  cancelLabel: string;
  /** The action; a rejection is shown in the dialog, which stays open. */
  onConfirm(): Promise<void>;
  onClose(confirmed: boolean): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.returnValue = '';
      setError(null);
      element.showModal();
    }
    if (!open && element.open) element.close();
  }, [open]);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      dialog.current?.close('confirmed');
    } catch (caught) {
      setError(failureOf(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog dialog--confirm"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
      onClose={() => onClose(dialog.current?.returnValue === 'confirmed')}
    >
      <div className="dialog__body">
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <div id={bodyId}>{children}</div>
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              if (!busy) dialog.current?.close();
            }}
            aria-disabled={busy}
          >
            {cancelLabel}
          </button>
          <button type="button" className="button button--danger" onClick={() => void confirm()} aria-disabled={busy}>
            {busy ? busyLabel : confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
