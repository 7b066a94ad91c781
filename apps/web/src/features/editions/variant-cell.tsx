import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isOwnLanguage, type SegmentView, type VariantStatus } from '#libs/contracts';
import { currentLanguage } from '../../i18n/i18n.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { InlineText, type RenderFootnoteRef } from './inline-content.js';

export type CellStatus = VariantStatus | 'untranslated' | 'original';

/**
 * One segment in one language. Read-only for now: this is the component that becomes the live
 * editor of a variant, so everything a cell shows (text, status, the segment's kind) is decided here
 * and nowhere else.
 */
export function VariantCell({
  segment,
  language,
  isSource,
  sourceLanguage,
  renderRef,
  extra,
}: {
  segment: SegmentView;
  /** The column's language. */
  language: string;
  isSource: boolean;
  sourceLanguage: string;
  renderRef: (language: string) => RenderFootnoteRef;
  /** Shown beside the status (review flags). */
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  // A passage already in this column's language (a Russian summary in an English book): its source text is the original.
  const original = !isSource && !segment.variants[language] && isOwnLanguage(segment, language, sourceLanguage);
  const variant = segment.variants[language] ?? (original ? segment.variants[sourceLanguage] : undefined);
  const status: CellStatus = segment.variants[language]?.status ?? (original ? 'original' : 'untranslated');
  // A figure's OCR text or a quoted document keeps its own language in the source column.
  const textLanguage = isSource ? (segment.language ?? language) : language;

  return (
    <div
      role="cell"
      className={`cell cell--${isSource ? 'source' : 'target'} cell--${status}`}
      data-testid="variant-cell"
      data-language={language}
      data-status={isSource ? undefined : status}
    >
      {!isSource && <StatusBadge status={status} />}
      {extra}
      {isSource && segment.language && segment.language !== sourceLanguage && (
        <span className="status-badge status-badge--language" data-testid="segment-language" lang={currentLanguage()}>
          {t('reader.ownLanguage', { language: languageName(segment.language) })}
        </span>
      )}
      {segment.kind === 'figure' && (
        <p className="cell__figure-label" lang={currentLanguage()}>
          {t('reader.figure')}
        </p>
      )}
      {variant ? (
        <SegmentText segment={segment} lang={textLanguage}>
          <InlineText content={variant.content} renderRef={renderRef(language)} />
        </SegmentText>
      ) : (
        <div className="cell__missing" aria-hidden="true" />
      )}
    </div>
  );
}

export function StatusBadge({ status }: { status: CellStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge status-badge--${status}`} data-testid="status-badge" lang={currentLanguage()}>
      <span className="visually-hidden">{t('reader.statusLabel')}: </span>
      {t(`status.${status}`)}
    </span>
  );
}

/** The element a segment's kind calls for; headings keep their level under the page's own h1. */
function SegmentText({ segment, lang, children }: { segment: SegmentView; lang: string; children: ReactNode }) {
  const className = `text text--${segment.kind}`;
  switch (segment.kind) {
    case 'heading': {
      const level = Math.min(Math.max(segment.level ?? 1, 1) + 1, 6);
      const Heading = `h${level}` as 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
      return (
        <Heading className={`${className} text--heading-${level}`} lang={lang}>
          {children}
        </Heading>
      );
    }
    case 'blockQuote':
      return (
        <blockquote className={className} lang={lang}>
          <p>{children}</p>
        </blockquote>
      );
    case 'figure':
      return (
        <pre className={className} lang={lang}>
          {children}
        </pre>
      );
    default:
      return (
        <p className={className} lang={lang}>
          {children}
        </p>
      );
  }
}
