import * as Y from 'yjs';
import { type InlineContent, type InlineNode, type Mark, footnoteRef, normalizeContent, text } from '#libs/content';
import { ChapterDocError } from './chapter-doc.errors.js';
import { contentToDelta, footnoteIdOfEmbed, marksOf } from './inline-delta.js';

/**
 * The content of a Y.Text (integrated in a doc), in canonical form. Never throws on odd content.
 * It walks the item list like readTextItems does (same rules for formats and foreign content)
 * but joins strings directly: reading a whole chapter must stay cheap.
 */
export function readContent(ytext: Y.Text): InlineContent {
  const nodes: InlineNode[] = [];
  // No prototype: a client may name an attribute `__proto__`.
  const attributes: Record<string, unknown> = Object.create(null);
  let marks: Mark[] = [];
  let run = '';
  const flush = (): void => {
    if (run !== '') nodes.push(text(run, marks));
    run = '';
  };
  for (let item = ytext._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      if (content.value === null) delete attributes[content.key];
      else attributes[content.key] = content.value;
      const next = marksOf(attributes);
      if (next.join() !== marks.join()) {
        flush();
        marks = next;
      }
    } else if (content instanceof Y.ContentString) {
      run += content.str;
    } else if (content instanceof Y.ContentEmbed) {
      const footnoteId = footnoteIdOfEmbed(content.embed);
      if (footnoteId !== null) {
        flush();
        nodes.push(footnoteRef(footnoteId));
      }
    }
  }
  flush();
  return normalizeContent(nodes);
}

/**
 * Fills an empty Y.Text (a fresh one, integrated or not yet). Every insert carries its attributes
 * explicitly, so nothing is inherited from a neighbour. For a text that already has content use
 * applyContentDiff.
 */
export function writeContent(ytext: Y.Text, content: InlineContent): void {
  if (ytext.doc !== null && ytext.length !== 0) throw new ChapterDocError('TEXT_NOT_EMPTY');
  // One delta, applied by one forward walk: inserting run by run at growing positions made Yjs
  // search the text from its start each time (quadratic in the number of runs).
  // sanitize: false keeps a final line break (Quill's convention would drop it).
  ytext.applyDelta(contentToDelta(content), { sanitize: false });
}
