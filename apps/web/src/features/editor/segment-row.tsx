import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { isOwnLanguage, type VariantStatus } from '#libs/contracts';
import type { Person } from '../../collab/presence.js';
import { CellEditor, type CellCommands } from './cell-editor.js';
import type { FocusTarget, RowFacts } from './chapter-editor.js';
import { segmentText, type SegmentInfo } from './chapter-structure.js';
import type { ReadOnlyReason } from './edit-rights.js';

export type CellStatus = VariantStatus | 'untranslated' | 'original';

/**
 * One segment across the visible languages, absolutely placed by the virtual list (measured after
 * render, so rows are as tall as their longest cell). Headings, quotations, list items and captions
 * carry their kind as a class, styled like what they are.
 */
export const SegmentRow = memo(function SegmentRow({
  index,
  measure,
  top,
  segment,
  doc,
  awareness,
  columns,
  sourceLanguage,
  reasons,
  reasonText,
  facts,
  people,
  labelOf,
  labelsVersion,
  commandsFor,
  focusTarget,
  languageName,
  uiLanguage,
}: {
  index: number;
  measure(element: HTMLElement | null): void;
  top: number;
  segment: SegmentInfo;
  doc: Y.Doc;
  awareness: Awareness;
  columns: string[];
  sourceLanguage: string;
  reasons: Record<string, ReadOnlyReason>;
  reasonText(language: string): string | null;
  facts: RowFacts | undefined;
  people: Person[] | undefined;
  labelOf(footnoteId: string, language: string): string;
  labelsVersion: number;
  commandsFor(segmentId: string, language: string): CellCommands;
  focusTarget: FocusTarget | null;
  languageName(language: string): string;
  uiLanguage: string;
}) {
  const { t } = useTranslation();
  const kindName = segment.kind === 'heading' ? t('editor.headingLevel', { level: segment.level ?? 1 }) : t(`editor.kind.${segment.kind}`);
  return (
    <div
      role="row"
      ref={measure}
      data-index={index}
      className={`reader__row editor-row reader__row--${segment.kind}${segment.kind === 'heading' ? ` editor-row--h${Math.min(segment.level ?? 1, 4)}` : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-testid="segment-row"
      data-segment-id={segment.id}
      data-kind={segment.kind}
      aria-rowindex={index + 2}
    >
      {columns.map((language) => (
        <Cell
          key={language}
          segment={segment}
          doc={doc}
          awareness={awareness}
          language={language}
          isSource={language === sourceLanguage}
          reason={reasons[language] ?? null}
          reasonText={reasonText(language)}
          status={facts?.statuses[language]}
          segmentLanguage={facts?.language ?? null}
          sourceLanguage={sourceLanguage}
          languageName={languageName}
          textLanguage={language === sourceLanguage ? (facts?.language ?? language) : language}
          people={people?.filter((person) => person.lang === language)}
          labelOf={labelOf}
          labelsVersion={labelsVersion}
          commands={commandsFor(segment.id, language)}
          autoFocus={focusTarget && focusTarget.language === language ? focusTarget : null}
          label={t('editor.cellLabel', { language: languageName(language), kind: kindName, number: new Intl.NumberFormat(uiLanguage).format(index + 1) })}
        />
      ))}
    </div>
  );
});

function Cell({
  segment,
  doc,
  awareness,
  language,
  isSource,
  reason,
  reasonText,
  status,
  people,
  labelOf,
  labelsVersion,
  commands,
  autoFocus,
  label,
  textLanguage,
  segmentLanguage,
  sourceLanguage,
  languageName,
}: {
  segment: SegmentInfo;
  doc: Y.Doc;
  awareness: Awareness;
  language: string;
  isSource: boolean;
  reason: ReadOnlyReason;
  reasonText: string | null;
  status: VariantStatus | undefined;
  people: Person[] | undefined;
  labelOf(footnoteId: string, language: string): string;
  labelsVersion: number;
  commands: CellCommands;
  autoFocus: FocusTarget | null;
  label: string;
  /** A figure's OCR text or a quoted document keeps its own language in the source column. */
  textLanguage: string;
  /** The source text's own language when it is not the edition's (from the rows). */
  segmentLanguage: string | null;
  sourceLanguage: string;
  languageName(language: string): string;
}) {
  const { t } = useTranslation();
  const text = segmentText(doc, segment.id, language);
  const blank = useBlank(text);
  // A passage already in this column's language (a Russian summary in an English book): the source is its original.
  const original = !isSource && blank && isOwnLanguage({ language: segmentLanguage }, language, sourceLanguage);
  const shown: CellStatus | null = isSource ? null : original ? 'original' : blank ? 'untranslated' : (status ?? 'draft');
  const sourceText = original ? segmentText(doc, segment.id, sourceLanguage) : null;

  return (
    <div
      role="cell"
      className={`cell editor-cell cell--${isSource ? 'source' : 'target'}${shown ? ` cell--${shown}` : ''}${reason ? ' editor-cell--readonly' : ''}`}
      data-testid="variant-cell"
      data-language={language}
      data-status={shown ?? undefined}
    >
      <div className="editor-cell__meta">
        {shown && (
          <span className={`status-badge status-badge--${shown}`} data-testid="status-badge">
            <span className="visually-hidden">{t('reader.statusLabel')}: </span>
            {t(`status.${shown}`)}
          </span>
        )}
        {isSource && segmentLanguage && segmentLanguage !== sourceLanguage && (
          <span className="status-badge status-badge--language" data-testid="segment-language">
            {t('reader.ownLanguage', { language: languageName(segmentLanguage) })}
          </span>
        )}
        {reason && (
          <span className="lock" title={reasonText ?? undefined} data-testid="readonly-reason">
            <span aria-hidden="true">🔒</span>
            <span className="visually-hidden">{reasonText}</span>
          </span>
        )}
        {people && people.length > 0 && (
          <span className="cell-people" data-testid="cell-people">
            {people.map((person) => (
              <span key={person.clientId} className="cell-people__dot" style={{ background: person.colour }} title={person.name}>
                <span className="visually-hidden">{t('editor.hereNow', { name: person.name })}</span>
              </span>
            ))}
          </span>
        )}
      </div>
      {segment.kind === 'figure' && <p className="cell__figure-label">{t('reader.figure')}</p>}
      <div className={`text text--${segment.kind}`}>
        {original && sourceText ? (
          <p className="cell__original" lang={language} data-testid="original-text">
            {sourceText.toString()}
          </p>
        ) : text ? (
          <CellEditor
            text={text}
            awareness={awareness}
            segmentId={segment.id}
            language={language}
            textLanguage={textLanguage}
            readOnly={reason !== null}
            label={label}
            readOnlyReason={reasonText}
            labelOf={(id) => labelOf(id, language)}
            labelsVersion={labelsVersion}
            chipLabel={(noteLabel) => t('reader.noteRef', { label: noteLabel })}
            commands={commands}
            autoFocus={autoFocus}
          />
        ) : (
          <div className="cell__missing" aria-hidden="true" />
        )}
      </div>
    </div>
  );
}

/** Whether a Y.Text is empty, following it live (cheap: only the emptiness is state). */
function useBlank(text: Y.Text | null): boolean {
  const [blank, setBlank] = useState(() => !text || text.length === 0);
  useEffect(() => {
    if (!text) return setBlank(true);
    const read = () => setBlank(text.length === 0);
    read();
    text.observe(read);
    return () => text.unobserve(read);
  }, [text]);
  return blank;
}
