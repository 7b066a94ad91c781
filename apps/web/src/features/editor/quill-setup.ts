/**
 * Quill, registered once with exactly what a segment holds: text with `italic` and `bold`, and
 * footnote references as an atomic embed (`{ footnoteRef: '<footnote id>' }`, the very shape the
 * chapter's Y.Texts store, so y-quill binds them unchanged). Nothing else can be typed or pasted.
 */
import Quill from 'quill/core';
import Embed from 'quill/blots/embed.js';
import Bold from 'quill/formats/bold.js';
import Italic from 'quill/formats/italic.js';
import QuillCursors from 'quill-cursors';
import { FOOTNOTE_EMBED_KEY } from '#libs/collab-schema';

export const CHIP_CLASS = 'fn-chip';

/**
 * A footnote reference: one character long, so Quill moves, copies and deletes it whole. Its
 * label is not text of the document: it is shown through `data-label` (set by the cell from the
 * chapter's footnotes), so it can never be half-selected or typed into.
 */
class FootnoteRefBlot extends Embed {
  static override blotName = FOOTNOTE_EMBED_KEY;
  static override tagName = 'SPAN';
  static override className = CHIP_CLASS;

  static override create(value: unknown): HTMLElement {
    const node = super.create(value) as HTMLElement;
    const id = typeof value === 'string' ? value : '';
    node.dataset.footnoteId = id;
    node.setAttribute('data-testid', 'footnote-chip');
    return node;
  }

  static override value(node: HTMLElement): string {
    return node.dataset.footnoteId ?? '';
  }
}

let registered = false;

export function registerQuill(): typeof Quill {
  if (!registered) {
    Quill.register({ 'formats/bold': Bold, 'formats/italic': Italic, 'modules/cursors': QuillCursors }, true);
    Quill.register(FootnoteRefBlot, true);
    registered = true;
  }
  return Quill;
}

export const CELL_FORMATS = ['bold', 'italic', FOOTNOTE_EMBED_KEY];

export type { Quill };
