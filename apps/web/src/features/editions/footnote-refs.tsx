import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FootnoteView } from '#libs/contracts';

export const noteAnchor = (footnoteId: string) => `note-${footnoteId}`;

/** A footnote's printed label in a language, else the source language's, else "?" (a reference without a note). */
export function footnoteLabel(footnote: FootnoteView | undefined, language: string, sourceLanguage: string): string {
  if (!footnote) return '?';
  return footnote.labels[language] ?? footnote.labels[sourceLanguage] ?? Object.values(footnote.labels)[0] ?? '?';
}

/**
 * A footnote reference: a superscript label linking to the note below. The click moves focus to the
 * note as well as the view, so keyboard and screen-reader users land where sighted users look;
 * the address gets the note's fragment, so Back returns to the reference.
 */
export function FootnoteRefLink({ footnoteId, label }: { footnoteId: string; label: string }) {
  const { t } = useTranslation();
  const anchor = noteAnchor(footnoteId);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(anchor);
    if (!target || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    window.history.pushState(null, '', `#${anchor}`);
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  };
  return (
    <sup className="fn-ref">
      <a
        href={`#${anchor}`}
        onClick={onClick}
        aria-label={t('reader.noteRef', { label })}
        data-testid="footnote-ref"
        data-footnote-id={footnoteId}
      >
        {label}
      </a>
    </sup>
  );
}
