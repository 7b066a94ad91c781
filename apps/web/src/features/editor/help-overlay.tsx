import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

const SHORTCUTS = [
  ['Tab', 'nextCell'],
  ['Shift+Tab', 'previousCell'],
  ['Alt+↓', 'nextRow'],
  ['Alt+↑', 'previousRow'],
  ['Ctrl+Enter', 'confirm'],
  ['Ctrl+I', 'italic'],
  ['Ctrl+B', 'bold'],
  ['Ctrl+Z', 'undo'],
  ['Ctrl+Shift+Z', 'redo'],
  ['?', 'help'],
  ['Ctrl+/', 'helpInCell'],
  ['Esc', 'close'],
] as const;

/** The keyboard shortcuts, as a modal dialog (Esc or the button closes it, focus returns). */
export function HelpOverlay({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current!;
    const returnTo = document.activeElement as HTMLElement | null;
    element.showModal();
    return () => {
      if (element.open) element.close();
      returnTo?.focus?.();
    };
  }, []);
  return (
    <dialog ref={dialog} className="dialog help-overlay" aria-labelledby="help-title" onClose={onClose} data-testid="help-overlay">
      <div className="dialog__body">
      <h2 id="help-title" className="dialog__title">
        {t('editor.help.title')}
      </h2>
      <dl className="shortcuts">
        {SHORTCUTS.map(([keys, action]) => (
          <div key={action} className="shortcuts__row">
            <dt>
              {keys.split('+').map((key, index) => (
                <span key={index}>
                  {index > 0 && '+'}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(`editor.help.${action}`)}</dd>
          </div>
        ))}
      </dl>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose} autoFocus>
          {t('editor.help.close')}
        </button>
      </div>
      </div>
    </dialog>
  );
}
