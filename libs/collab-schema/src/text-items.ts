import * as Y from 'yjs';
import type { InlineContent, InlineNode, Mark } from '#libs/content';
import { footnoteRef, normalizeContent, text } from '#libs/content';
import { footnoteIdOfEmbed, marksOf } from './inline-delta.js';

/**
 * One unit of a Y.Text as the content model sees it: a character (a whole code point, so a
 * surrogate pair is never split) with its marks, or a footnote reference. `pos` and `len` are in
 * Y.Text index units (UTF-16 code units), so edits can be addressed exactly.
 */
export type TextItem =
  | { kind: 'char'; value: string; marks: Mark[]; pos: number; len: number }
  | { kind: 'ref'; footnoteId: string; pos: number; len: 1 };

/**
 * Walks the Y.Text's item list rather than its delta: `toDelta()` omits content a client may have
 * smuggled in (ContentAny, ContentBinary…) although it still occupies index positions, and the
 * diff must address positions exactly. Anything that is neither text nor a footnote embed is
 * skipped, but its length is counted. Formatting follows Yjs' own rule (a ContentFormat item sets
 * an attribute until the next one with the same key; `null` clears it).
 */
export function readTextItems(ytext: Y.Text): TextItem[] {
  const items: TextItem[] = [];
  // No prototype: a client may name an attribute `__proto__`.
  const attributes: Record<string, unknown> = Object.create(null);
  let pos = 0;
  let run = '';
  let runPos = 0;
  const flush = (): void => {
    if (run === '') return;
    const marks = marksOf(attributes);
    let at = runPos;
    for (const value of run) {
      items.push({ kind: 'char', value, marks, pos: at, len: value.length });
      at += value.length;
    }
    run = '';
  };
  for (let item = ytext._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      flush();
      if (content.value === null) delete attributes[content.key];
      else attributes[content.key] = content.value;
      continue;
    }
    if (content instanceof Y.ContentString) {
      // Consecutive strings are joined first so that a surrogate pair stored across two items
      // (a crafted or old update may hold one) still reads as one character.
      if (run === '') runPos = pos;
      run += content.str;
      pos += item.length;
      continue;
    }
    flush();
    if (content instanceof Y.ContentEmbed) {
      const footnoteId = footnoteIdOfEmbed(content.embed);
      if (footnoteId !== null) items.push({ kind: 'ref', footnoteId, pos, len: 1 });
    }
    pos += item.length;
  }
  flush();
  return items;
}

export function itemsToContent(items: readonly TextItem[]): InlineContent {
  const nodes: InlineNode[] = [];
  let run = '';
  let runMarks: Mark[] = [];
  const flush = (): void => {
    if (run !== '') nodes.push(text(run, runMarks));
    run = '';
  };
  for (const item of items) {
    if (item.kind === 'ref') {
      flush();
      nodes.push(footnoteRef(item.footnoteId));
    } else {
      if (run !== '' && item.marks.join() !== runMarks.join()) flush();
      if (run === '') runMarks = item.marks;
      run += item.value;
    }
  }
  flush();
  return normalizeContent(nodes);
}

/** The items of model content, positioned as if it were written into an empty Y.Text. */
export function contentItems(content: InlineContent): TextItem[] {
  const items: TextItem[] = [];
  let pos = 0;
  for (const node of normalizeContent(content)) {
    if (node.type === 'footnoteRef') {
      items.push({ kind: 'ref', footnoteId: node.footnoteId, pos, len: 1 });
      pos += 1;
      continue;
    }
    const marks = node.marks ?? [];
    for (const value of node.text) {
      items.push({ kind: 'char', value, marks, pos, len: value.length });
      pos += value.length;
    }
  }
  return items;
}
