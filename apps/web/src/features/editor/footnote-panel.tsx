import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { CellEditor, type CellCommands } from './cell-editor.js';
import type { References } from './chapter-editor.js';
import { segmentText, type ChapterStructure } from './chapter-structure.js';
import type { ReadOnlyReason } from './edit-rights.js';

/**
 * Beside the text: one note's body in every visible language, editable live (a note body is a
 * segment like any other), or the list of the chapter's notes with the orphans flagged: notes no
 * text refers to, and references to a note that does not exist.
 */
export function FootnotePanel({
  doc,
  awareness,
  structure,
  references,
  footnoteId,
  columns,
  reasons,
  reasonText,
  labelOf,
  languageName,
  onOpen,
  onClose,
  commandsFor,
}: {
  doc: Y.Doc;
  awareness: Awareness;
  structure: ChapterStructure;
  references: References;
  footnoteId: string | null;
  columns: string[];
  reasons: Record<string, ReadOnlyReason>;
  reasonText(language: string): string | null;
  labelOf(footnoteId: string, language: string): string;
  languageName(language: string): string;
  onOpen(footnoteId: string): void;
  onClose(): void;
  commandsFor(segmentId: string, language: string): CellCommands;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [footnoteId]);
  const note = footnoteId ? structure.footnotes.get(footnoteId) : undefined;
  const missing = [...references.keys()].filter((id) => !structure.footnotes.has(id));

  return (
    <aside className="note-panel" aria-labelledby="note-panel-title" data-testid="note-panel">
      <header className="note-panel__header">
        <h2 id="note-panel-title" className="note-panel__title" tabIndex={-1} ref={heading}>
          {footnoteId ? t('editor.noteTitle', { label: labelOf(footnoteId, columns[0]!) }) : t('reader.notes')}
        </h2>
        <button type="button" className="button button--quiet" onClick={onClose} data-testid="note-panel-close">
          {t('editor.close')}
        </button>
      </header>

      {footnoteId && !note && (
        <p className="alert" data-testid="note-missing">
          {t('editor.referenceWithoutNote')}
        </p>
      )}
      {note && (
        <>
          {!references.has(note.id) && (
            <p className="flag" data-testid="note-orphan">
              {t('editor.noteWithoutReference')}
            </p>
          )}
          {note.body.length === 0 && <p className="muted">{t('reader.noteWithoutBody')}</p>}
          {columns.map((language) => (
            <section key={language} className="note-panel__language" data-language={language} data-testid="note-body">
              <h3 className="note-panel__language-name">
                {languageName(language)} · <span className="note-panel__label">{labelOf(note.id, language)}</span>
              </h3>
              {note.body.map((segmentId, index) => {
                const text = segmentText(doc, segmentId, language);
                if (!text) return null;
                const reason = reasons[language] ?? null;
                return (
                  <div key={segmentId} className={`cell editor-cell note-panel__cell${reason ? ' editor-cell--readonly' : ''}`} data-testid="note-cell" data-language={language}>
                    <CellEditor
                      text={text}
                      awareness={awareness}
                      segmentId={segmentId}
                      language={language}
                      readOnly={reason !== null}
                      label={t('editor.noteCellLabel', { label: labelOf(note.id, language), language: languageName(language), number: index + 1 })}
                      readOnlyReason={reasonText(language)}
                      placeholder={t('editor.noteEmpty', { language: languageName(language) })}
                      labelOf={(id) => labelOf(id, language)}
                      labelsVersion={structure.version}
                      chipLabel={(label) => t('reader.noteRef', { label })}
                      commands={commandsFor(segmentId, language)}
                      autoFocus={null}
                    />
                  </div>
                );
              })}
            </section>
          ))}
        </>
      )}

      {!footnoteId && (
        <ul className="note-list" data-testid="note-list">
          {[...structure.footnotes.values()]
            .sort((a, b) => collator.compare(labelOf(a.id, columns[0]!), labelOf(b.id, columns[0]!)))
            .map((item) => {
            const orphan = !references.has(item.id);
            return (
              <li key={item.id}>
                <button type="button" className="note-list__item" onClick={() => onOpen(item.id)} data-footnote-id={item.id}>
                  <span className="note-list__label">{labelOf(item.id, columns[0]!)}</span>
                  <span className="note-list__preview" lang={columns[0]}>
                    {preview(doc, item.body, columns[0]!)}
                  </span>
                  {orphan && <span className="flag">{t('editor.unreferenced')}</span>}
                </button>
              </li>
            );
          })}
          {missing.map((id) => (
            <li key={id} className="flag" data-testid="missing-note">
              {t('editor.referenceWithoutNote')}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

/** Labels in their natural order: 2 before 10, * and † after the numbers. */
const collator = new Intl.Collator(undefined, { numeric: true });

function preview(doc: Y.Doc, body: string[], language: string): string {
  const text = body.map((id) => segmentText(doc, id, language)?.toString() ?? '').join(' ').replace(/\uFFFC/g, '');
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
