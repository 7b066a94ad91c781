import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FootnoteView } from '#libs/contracts';
import { currentLanguage } from '../../i18n/i18n.js';
import type { RenderFootnoteRef } from './inline-content.js';
import { footnoteLabel, noteAnchor } from './footnote-refs.js';
import { InlineText } from './inline-content.js';
import { StatusBadge } from './variant-cell.js';

/** The chapter's notes, in the same columns as the text: each note's label and body per language. */
export function FootnotesSection({
  footnotes,
  columns,
  sourceLanguage,
  columnHeaders,
  renderRef,
}: {
  footnotes: FootnoteView[];
  columns: string[];
  sourceLanguage: string;
  columnHeaders: ReactNode;
  renderRef: (language: string) => RenderFootnoteRef;
}) {
  const { t } = useTranslation();
  if (footnotes.length === 0) return null;
  return (
    <section className="notes" aria-labelledby="notes-title" data-testid="notes">
      <h2 id="notes-title" className="notes__title">
        {t('reader.notes')}
      </h2>
      <div role="table" className="reader reader--notes" aria-labelledby="notes-title" style={{ '--columns': columns.length } as CSSProperties}>
        {columnHeaders}
        {footnotes.map((footnote) => (
          <div
            role="row"
            key={footnote.id}
            id={noteAnchor(footnote.id)}
            tabIndex={-1}
            className="reader__row note"
            data-testid="note"
            data-footnote-id={footnote.id}
          >
            {columns.map((language) => {
              const isSource = language === sourceLanguage;
              const body = footnote.body;
              const missing = !isSource && body.length > 0 && body.every((segment) => !segment.variants[language]);
              const status = isSource ? null : missing ? 'untranslated' : (body.find((s) => s.variants[language])?.variants[language]?.status ?? null);
              return (
                <div role="cell" key={language} className={`cell note__cell cell--${isSource ? 'source' : 'target'}${missing ? ' cell--untranslated' : ''}`} data-language={language}>
                  {status && <StatusBadge status={status} />}
                  <div className="note__body">
                    <span className="note__label" lang={footnote.labels[language] ? language : sourceLanguage}>
                      {footnoteLabel(footnote, language, sourceLanguage)}
                    </span>
                    {body.length === 0 && (
                      <p className="note__empty" lang={currentLanguage()}>
                        {t('reader.noteWithoutBody')}
                      </p>
                    )}
                    {body.map((segment) => {
                      const variant = segment.variants[language];
                      if (!variant) return null;
                      const lang = isSource ? (segment.language ?? language) : language;
                      return (
                        <p key={segment.id} className="note__text" lang={lang}>
                          <InlineText content={variant.content} renderRef={renderRef(language)} />
                        </p>
                      );
                    })}
                  </div>
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </section>
  );
}
