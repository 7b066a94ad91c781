import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary } from '#libs/contracts';
import { FOOTNOTE_EMBED_KEY } from '#libs/collab-schema';
import { ConfirmDialog } from '../account/confirm-dialog.js';
import type { ActiveCell } from './chapter-editor.js';
import type { ChapterStructure } from './chapter-structure.js';
import { createFootnote, deleteSegment, insertSegmentAfter, mergeWithNext, moveSegment, splitSegment } from './editor-api.js';
import type { Quill } from './quill-setup.js';

/**
 * What acts on the cell the caret is (or was last) in: a footnote reference at the caret (a new note,
 * for owners and publishers, or an existing one), and, for those whose role allows it, the segment's
 * structure through the REST routes; the server applies them to the live document, so everyone sees them.
 */
export function StructureToolbar({
  project,
  documentId,
  active,
  canStructure,
  canInsertReference,
  structure,
  labelOf,
  onNotice,
}: {
  project: ProjectSummary;
  documentId: string;
  active: ActiveCell | null;
  canStructure: boolean;
  canInsertReference: boolean;
  structure: ChapterStructure;
  labelOf(footnoteId: string, language: string): string;
  onNotice(message: string | null): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const menu = useRef<HTMLDetailsElement>(null);
  const index = active ? structure.segments.findIndex((segment) => segment.id === active.segmentId) : -1;
  const inMainFlow = index >= 0;
  const segment = inMainFlow ? structure.segments[index]! : null;
  const nextSegment = inMainFlow ? structure.segments[index + 1] : undefined;

  const run = async (work: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    onNotice(null);
    try {
      await work();
    } catch (error) {
      onNotice(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const insertReference = (quill: Quill, lastRange: { index: number; length: number }, footnoteId: string) => {
    const range = quill.getSelection() ?? lastRange;
    quill.focus();
    quill.insertEmbed(range.index + range.length, FOOTNOTE_EMBED_KEY, footnoteId, 'user');
    quill.setSelection(range.index + range.length + 1, 0, 'user');
    if (menu.current) menu.current.open = false;
  };

  const newNote = () =>
    run(async () => {
      if (!active) return;
      const quill = active.quill;
      const next = String(structure.footnotes.size + 1);
      const created = await createFootnote(project.id, documentId, { [active.language]: next });
      // The note reaches the document through the socket; the reference can go in at once.
      insertReference(quill, active.lastRange(), created.id);
    });

  const split = () =>
    run(async () => {
      if (!active || !segment) return;
      const range = active.quill.getSelection() ?? active.lastRange();
      await splitSegment(project.id, documentId, segment.id, { [active.language]: plainOffset(active.quill, range.index) });
    });

  const disabled = !active || busy;
  const structureDisabled = disabled || !inMainFlow;
  return (
    <div className="structure-toolbar">
      <details ref={menu} className="menu" data-testid="insert-note-menu">
        <summary className="button" aria-disabled={!active || !canInsertReference}>
          {t('editor.insertNote')}
        </summary>
        {active && canInsertReference && (
          <ul className="menu__list">
            {canStructure && (
              <li>
                <button type="button" className="menu__item" onClick={() => void newNote()} aria-disabled={busy}>
                  {t('editor.newNote')}
                </button>
              </li>
            )}
            {[...structure.footnotes.values()]
              .sort((a, b) => collator.compare(labelOf(a.id, active.language), labelOf(b.id, active.language)))
              .map((note) => (
              <li key={note.id}>
                <button type="button" className="menu__item" onClick={() => insertReference(active.quill, active.lastRange(), note.id)} data-footnote-id={note.id}>
                  {t('editor.existingNote', { label: labelOf(note.id, active.language) })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </details>
      {canStructure && (
        <div className="structure-toolbar__group" role="group" aria-label={t('editor.structure')}>
          <button type="button" className="button" onClick={() => void split()} aria-disabled={structureDisabled} disabled={structureDisabled} data-testid="split">
            {t('editor.split')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void run(() => mergeWithNext(project.id, documentId, segment!.id))}
            disabled={structureDisabled || !nextSegment || nextSegment.kind !== segment?.kind}
            data-testid="merge"
          >
            {t('editor.merge')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void run(() => insertSegmentAfter(project.id, documentId, segment!.id, 'paragraph'))}
            disabled={structureDisabled}
            data-testid="insert-segment"
          >
            {t('editor.insertAfter')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void run(() => moveSegment(project.id, documentId, segment!.id, index - 1))}
            disabled={structureDisabled || index === 0}
            data-testid="move-up"
          >
            {t('editor.moveUp')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void run(() => moveSegment(project.id, documentId, segment!.id, index + 1))}
            disabled={structureDisabled || !nextSegment}
            data-testid="move-down"
          >
            {t('editor.moveDown')}
          </button>
          <button type="button" className="button button--danger" onClick={() => setConfirmDelete(true)} disabled={structureDisabled} data-testid="delete-segment">
            {t('editor.delete')}
          </button>
        </div>
      )}
      <ConfirmDialog
        open={confirmDelete}
        title={t('editor.deleteTitle')}
        confirmLabel={t('editor.delete')}
        busyLabel={t('editor.deleting')}
        cancelLabel={t('editor.cancel')}
        onConfirm={async () => {
          if (segment) await deleteSegment(project.id, documentId, segment.id);
        }}
        onClose={() => setConfirmDelete(false)}
      >
        <p>{t('editor.deleteBody')}</p>
      </ConfirmDialog>
    </div>
  );
}

const collator = new Intl.Collator(undefined, { numeric: true });

/** The caret as the API counts it: characters of text before it, references not counted. */
function plainOffset(quill: Quill, index: number): number {
  let offset = 0;
  for (const op of quill.getContents(0, index).ops) if (typeof op.insert === 'string') offset += op.insert.length;
  return offset;
}
