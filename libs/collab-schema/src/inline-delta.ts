import { MARKS, type InlineContent, type InlineNode, type Mark, footnoteRef, normalizeContent, text } from '#libs/content';
import { FOOTNOTE_EMBED_KEY, type FootnoteEmbed, footnoteEmbed } from './schema.js';

/**
 * Inline content as a Y.Text delta (the Quill-style insert list `ytext.toDelta()` returns):
 * text with `{ italic: true }` / `{ bold: true }` attributes, footnote references as
 * `{ footnoteRef: id }` embeds.
 */
export type TextAttributes = Partial<Record<Mark, true>>;
export type DeltaInsert = { insert: string; attributes?: TextAttributes } | { insert: FootnoteEmbed };
export type Delta = DeltaInsert[];

/** The id carried by a footnote embed, or null for anything else a client may have embedded. */
export function footnoteIdOfEmbed(embed: unknown): string | null {
  if (typeof embed !== 'object' || embed === null || Array.isArray(embed)) return null;
  const id: unknown = (embed as Record<string, unknown>)[FOOTNOTE_EMBED_KEY];
  return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * The marks an attribute set switches on, sorted like the content model keeps them. We write `true`; any other truthy value counts too (an
 * editor may store `{}`), unknown attribute names are ignored.
 */
export function marksOf(attributes: unknown): Mark[] {
  if (typeof attributes !== 'object' || attributes === null) return [];
  const record = attributes as Record<string, unknown>;
  return MARKS.filter((mark) => Object.hasOwn(record, mark) && Boolean(record[mark])).sort();
}

export function attributesOf(marks: readonly Mark[]): TextAttributes {
  const attributes: TextAttributes = {};
  for (const mark of marks) if (MARKS.includes(mark)) attributes[mark] = true;
  return attributes;
}

export function contentToDelta(content: InlineContent): Delta {
  return normalizeContent(content).map((node): DeltaInsert => {
    if (node.type === 'footnoteRef') return { insert: footnoteEmbed(node.footnoteId) };
    const attributes = attributesOf(node.marks ?? []);
    return Object.keys(attributes).length ? { insert: node.text, attributes } : { insert: node.text };
  });
}

/**
 * Reads a delta that may come from anywhere (a client, an event, a stored blob). Retains and
 * deletes, unknown embeds, embedded Yjs types, unknown attributes and marks on footnote references
 * are dropped; it never throws.
 */
export function deltaToContent(delta: unknown): InlineContent {
  if (!Array.isArray(delta)) return [];
  const nodes: InlineNode[] = [];
  for (const op of delta as unknown[]) {
    if (typeof op !== 'object' || op === null) continue;
    const { insert, attributes } = op as { insert?: unknown; attributes?: unknown };
    if (typeof insert === 'string') {
      nodes.push(text(insert, marksOf(attributes)));
    } else {
      const footnoteId = footnoteIdOfEmbed(insert);
      if (footnoteId !== null) nodes.push(footnoteRef(footnoteId));
    }
  }
  return normalizeContent(nodes);
}
