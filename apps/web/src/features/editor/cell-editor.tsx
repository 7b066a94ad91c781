import { memo, useEffect, useRef } from 'react';
import { QuillBinding } from 'y-quill';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type QuillCursors from 'quill-cursors';
import type { Delta } from 'quill/core';
import { userColour } from '../../collab/presence.js';
import { CELL_FORMATS, CHIP_CLASS, registerQuill, type Quill } from './quill-setup.js';

/** Where a person's caret is, in the shared awareness state (docs/collaboration.md). */
export interface AwarenessCursor {
  segmentId: string;
  lang: string;
  anchor: unknown;
  head: unknown;
}

export interface CellCommands {
  /** Tab / Shift+Tab: the next or previous cell, row by row. */
  moveCell(direction: 1 | -1): void;
  /** Alt+↓ / Alt+↑: the same language in the next or previous segment. */
  moveRow(direction: 1 | -1): void;
  /** Ctrl+Enter: done with this one; on to the next untranslated cell. */
  confirm(): void;
  /** Ctrl+/: the shortcuts. */
  help(): void;
  /** A footnote chip was clicked or activated. */
  openFootnote(footnoteId: string): void;
  /** The caret entered (quill) or left (null) this cell; `lastRange` is where it was last. */
  focused(quill: Quill | null, lastRange: () => { index: number; length: number }): void;
}

export interface CellEditorProps {
  text: Y.Text;
  awareness: Awareness;
  segmentId: string;
  language: string;
  /** The `lang` of the text (spelling, hyphenation, screen readers), when it is not `language`. */
  textLanguage?: string;
  readOnly: boolean;
  /** Accessible name of the editor ("English, paragraph 3"). */
  label: string;
  /** Shown while the text is empty. */
  placeholder?: string;
  /** Why it is read-only, for the hover and for screen readers. */
  readOnlyReason: string | null;
  /** A footnote id → its label in this language. */
  labelOf(footnoteId: string): string;
  /** Changes when labels change, so the chips are relabelled. */
  labelsVersion: number;
  chipLabel(label: string): string;
  commands: CellCommands;
  /** Focus this cell (keyboard navigation; also into a row that was not rendered yet). */
  autoFocus: { at: 'start' | 'end'; seq: number } | null;
}

/**
 * One segment in one language: a Quill editor bound to its Y.Text by y-quill. Carets of others come
 * from the awareness states whose cursor names this segment and language (one awareness for the
 * whole chapter, so y-quill's own awareness handling, made for one editor per document, stays off).
 */
export const CellEditor = memo(function CellEditor(props: CellEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const quillRef = useRef<Quill | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const { text, awareness, segmentId, language, readOnly } = props;

  useEffect(() => {
    const element = host.current!;
    const QuillClass = registerQuill();
    const editor = document.createElement('div');
    element.append(editor);
    const quill = new QuillClass(editor, {
      formats: CELL_FORMATS,
      readOnly,
      placeholder: latest.current.placeholder,
      modules: {
        toolbar: false,
        cursors: { hideDelayMs: 60_000, transformOnTextChange: true },
        history: { userOnly: true },
        keyboard: { bindings: keyBindings(() => latest.current.commands) },
      },
    });
    quillRef.current = quill;
    const root = quill.root;
    root.setAttribute('role', 'textbox');
    root.setAttribute('aria-multiline', 'false');
    root.setAttribute('lang', latest.current.textLanguage ?? language);
    root.setAttribute('spellcheck', 'true');
    root.dataset.testid = 'cell-editor';
    // Pasted line breaks would split the segment's text into paragraphs it cannot hold.
    quill.clipboard.addMatcher(Node.ELEMENT_NODE, flattenNewlines);
    quill.clipboard.addMatcher(Node.TEXT_NODE, flattenNewlines);

    const binding = new QuillBinding(text, quill);
    const cursors = quill.getModule('cursors') as QuillCursors;

    const relabel = () => {
      const { labelOf, chipLabel } = latest.current;
      root.querySelectorAll<HTMLElement>(`.${CHIP_CLASS}`).forEach((chip) => {
        const label = labelOf(chip.dataset.footnoteId ?? '');
        if (chip.dataset.label !== label) chip.dataset.label = label;
        chip.setAttribute('aria-label', chipLabel(label));
        chip.setAttribute('role', 'button');
      });
    };
    relabel();

    const showCursors = () => {
      const states = awareness.getStates();
      const present = new Set<string>();
      states.forEach((state, clientId) => {
        if (clientId === awareness.clientID) return;
        const cursor = state.cursor as AwarenessCursor | null | undefined;
        if (!cursor || cursor.segmentId !== segmentId || cursor.lang !== language) return;
        const anchor = absolute(cursor.anchor, text);
        const head = absolute(cursor.head, text);
        if (anchor === null || head === null) return;
        const user = (state.user ?? {}) as { id?: string; name?: string };
        const id = String(clientId);
        present.add(id);
        // The colour from the stamped user id, like the avatars: a client cannot pick someone else's.
        cursors.createCursor(id, user.name ?? '?', userColour(user.id ?? id));
        cursors.moveCursor(id, { index: Math.min(anchor, head), length: Math.abs(head - anchor) });
      });
      for (const cursor of cursors.cursors()) if (!present.has(cursor.id)) cursors.removeCursor(cursor.id);
    };
    showCursors();
    awareness.on('change', showCursors);

    const onText = () => {
      relabel();
      showCursors();
    };
    quill.on('text-change', onText);

    let lastRange = { index: 0, length: 0 };
    const getLastRange = () => lastRange;
    const onSelection = (range: { index: number; length: number } | null) => {
      const own = awareness.getLocalState()?.cursor as AwarenessCursor | null | undefined;
      if (range === null) {
        // Leaving this cell; another cell may already have announced itself.
        if (own && own.segmentId === segmentId && own.lang === language) awareness.setLocalStateField('cursor', null);
        latest.current.commands.focused(null, getLastRange);
        return;
      }
      lastRange = range;
      awareness.setLocalStateField('cursor', {
        segmentId,
        lang: language,
        anchor: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, range.index)),
        head: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, range.index + range.length)),
      } satisfies AwarenessCursor);
      latest.current.commands.focused(quill, getLastRange);
    };
    quill.on('selection-change', onSelection);

    const onClick = (event: MouseEvent) => {
      const chip = (event.target as HTMLElement).closest<HTMLElement>(`.${CHIP_CLASS}`);
      if (chip?.dataset.footnoteId) latest.current.commands.openFootnote(chip.dataset.footnoteId);
    };
    root.addEventListener('click', onClick);
    // Quill's bindings need a caret, which a read-only cell has not: the moves are handled here for it.
    const onReadOnlyKey = (event: KeyboardEvent) => {
      if (quill.isEnabled()) return;
      const commands = latest.current.commands;
      const act = readOnlyMove(event, commands);
      if (!act) return;
      event.preventDefault();
      act();
    };
    root.addEventListener('keydown', onReadOnlyKey);

    return () => {
      root.removeEventListener('click', onClick);
      root.removeEventListener('keydown', onReadOnlyKey);
      awareness.off('change', showCursors);
      quill.off('text-change', onText);
      quill.off('selection-change', onSelection);
      if (quill.hasFocus()) {
        const own = awareness.getLocalState()?.cursor as AwarenessCursor | null | undefined;
        if (own && own.segmentId === segmentId && own.lang === language) awareness.setLocalStateField('cursor', null);
      }
      binding.destroy();
      quillRef.current = null;
      editor.remove();
    };
  }, [text, awareness, segmentId, language]);

  useEffect(() => {
    const quill = quillRef.current;
    if (!quill) return;
    quill.enable(!readOnly);
    quill.root.setAttribute('aria-readonly', String(readOnly));
    // Still reachable by keyboard (Tab, Alt+arrows go on from here; the reason is read out).
    if (readOnly) quill.root.tabIndex = 0;
    else quill.root.removeAttribute('tabindex');
  }, [readOnly]);

  useEffect(() => {
    quillRef.current?.root.setAttribute('lang', props.textLanguage ?? language);
  }, [props.textLanguage, language]);

  useEffect(() => {
    const quill = quillRef.current;
    if (!quill) return;
    quill.root.setAttribute('aria-label', props.label);
    if (props.readOnlyReason && readOnly) quill.root.setAttribute('aria-description', props.readOnlyReason);
    else quill.root.removeAttribute('aria-description');
  }, [props.label, props.readOnlyReason, readOnly]);

  useEffect(() => {
    const quill = quillRef.current;
    if (!quill) return;
    const { labelOf, chipLabel } = latest.current;
    quill.root.querySelectorAll<HTMLElement>(`.${CHIP_CLASS}`).forEach((chip) => {
      const label = labelOf(chip.dataset.footnoteId ?? '');
      chip.dataset.label = label;
      chip.setAttribute('aria-label', chipLabel(label));
    });
  }, [props.labelsVersion]);

  useEffect(() => {
    const quill = quillRef.current;
    const target = latest.current.autoFocus;
    if (!quill || !target) return;
    quill.focus();
    quill.setSelection(target.at === 'start' ? 0 : quill.getLength() - 1, 0, 'user');
  }, [props.autoFocus?.seq]);

  return (
    <div
      ref={host}
      className={`cell-editor${readOnly ? ' cell-editor--readonly' : ''}`}
      title={readOnly && props.readOnlyReason ? props.readOnlyReason : undefined}
      data-readonly={readOnly ? 'true' : undefined}
    />
  );
});

function absolute(json: unknown, text: Y.Text): number | null {
  try {
    const position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), text.doc!);
    return position && position.type === text ? position.index : null;
  } catch {
    return null;
  }
}

function flattenNewlines(_node: Node, delta: Delta): Delta {
  delta.ops = delta.ops.map((op) => (typeof op.insert === 'string' ? { ...op, insert: op.insert.replace(/[\r\n]+/g, ' ') } : op));
  return delta;
}

function readOnlyMove(event: KeyboardEvent, commands: CellCommands): (() => void) | null {
  if (event.key === 'Tab') return () => commands.moveCell(event.shiftKey ? -1 : 1);
  if (event.altKey && event.key === 'ArrowDown') return () => commands.moveRow(1);
  if (event.altKey && event.key === 'ArrowUp') return () => commands.moveRow(-1);
  if (event.ctrlKey && event.key === '/') return () => commands.help();
  return null;
}

/** Named like Quill's own bindings where they replace one (Tab would otherwise insert a tab). */
function keyBindings(commands: () => CellCommands) {
  return {
    tab: { key: 'Tab', shiftKey: false, handler: () => (commands().moveCell(1), false) },
    'shift tab': { key: 'Tab', shiftKey: true, handler: () => (commands().moveCell(-1), false) },
    'next row': { key: 'ArrowDown', altKey: true, handler: () => (commands().moveRow(1), false) },
    'previous row': { key: 'ArrowUp', altKey: true, handler: () => (commands().moveRow(-1), false) },
    confirm: { key: 'Enter', ctrlKey: true, handler: () => (commands().confirm(), false) },
    'confirm mac': { key: 'Enter', metaKey: true, handler: () => (commands().confirm(), false) },
    // A segment is one paragraph: Enter and Shift+Enter insert nothing.
    enter: { key: 'Enter', shiftKey: null, handler: () => false },
    help: { key: '/', ctrlKey: true, handler: () => (commands().help(), false) },
  };
}
