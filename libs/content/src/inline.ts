import { storableText } from './storable.js';

/**
 * Inline content of one segment in one language: the structured form the database keeps and every
 * other representation (Yjs, plain text, Markdown, exchange formats) is converted from.
 *
 * A footnote reference is atomic: it carries the footnote's id, never its printed label (labels are
 * per language and renumbered on export).
 */
export type Mark = 'italic' | 'bold';

export const MARKS: readonly Mark[] = ['italic', 'bold'];

/**
 * The largest content of one variant (one segment in one language) accepted from a caller: far
 * beyond any real paragraph, table or note (a page of print is about 3,000 characters), and small
 * enough that every conversion of it (Yjs, diff, merge, Markdown) stays a fraction of a second (the
 * three-way merge of a REST edit is the slowest: about 0.1 s for 2,000 alternating runs).
 */
export const CONTENT_LIMITS = { nodes: 2_000, characters: 100_000 } as const;

export interface TextRun {
  type: 'text';
  text: string;
  /** Sorted, without duplicates; omitted when empty. */
  marks?: Mark[];
}

export interface FootnoteRef {
  type: 'footnoteRef';
  footnoteId: string;
}

export type InlineNode = TextRun | FootnoteRef;
export type InlineContent = InlineNode[];

export const text = (value: string, marks: Mark[] = []): TextRun =>
  marks.length ? { type: 'text', text: value, marks: [...new Set(marks)].sort() } : { type: 'text', text: value };

export const footnoteRef = (footnoteId: string): FootnoteRef => ({ type: 'footnoteRef', footnoteId });

const sameMarks = (a: Mark[] | undefined, b: Mark[] | undefined): boolean =>
  (a ?? []).join(',') === (b ?? []).join(',');

/**
 * Canonical form: no empty runs, adjacent runs with the same marks merged, marks sorted, and only
 * text the store can hold (storable.ts: the last line of defence for content that did not come
 * through a REST body, which is refused earlier). Linear in the number of nodes.
 */
export function normalizeContent(content: InlineContent): InlineContent {
  const out: InlineContent = [];
  for (const node of content) {
    if (node.type === 'footnoteRef') {
      out.push({ type: 'footnoteRef', footnoteId: storableText(node.footnoteId) });
      continue;
    }
    if (node.text === '') continue;
    const value = storableText(node.text);
    if (value === '') continue;
    const run = text(value, node.marks ?? []);
    const last = out[out.length - 1];
    if (last && last.type === 'text' && sameMarks(last.marks, run.marks)) {
      out[out.length - 1] = { ...last, text: last.text + run.text };
    } else {
      out.push(run);
    }
  }
  return out;
}

/** The derived plain text used for search, translation memory and QA: footnote references vanish. */
export function plainText(content: InlineContent): string {
  let out = '';
  for (const node of content) if (node.type === 'text') out += node.text;
  return out;
}

/** Ids of the footnotes referenced, in reading order (a footnote may be referenced more than once). */
export function footnoteRefs(content: InlineContent): string[] {
  const out: string[] = [];
  for (const node of content) if (node.type === 'footnoteRef') out.push(node.footnoteId);
  return out;
}

export function isEmptyContent(content: InlineContent): boolean {
  return content.every((n) => n.type === 'text' && n.text.trim() === '');
}

/**
 * Checks an untrusted value (a REST body, a stored row) and returns it in canonical form, or throws
 * an InvalidContentError saying what is wrong and where.
 */
export function parseContent(value: unknown): InlineContent {
  if (!Array.isArray(value)) throw new InvalidContentError('content must be an array of inline nodes', '');
  if (value.length > CONTENT_LIMITS.nodes) throw new ContentTooLargeError('nodes', CONTENT_LIMITS.nodes);
  let characters = 0;
  const nodes: InlineContent = value.map((node: unknown, i): InlineNode => {
    const at = `[${i}]`;
    if (typeof node !== 'object' || node === null) throw new InvalidContentError('node must be an object', at);
    const n = node as Record<string, unknown>;
    if (n.type === 'text') {
      if (typeof n.text !== 'string') throw new InvalidContentError('text must be a string', `${at}.text`);
      characters += n.text.length;
      if (characters > CONTENT_LIMITS.characters) throw new ContentTooLargeError('characters', CONTENT_LIMITS.characters);
      const marks = n.marks ?? [];
      if (!Array.isArray(marks) || !marks.every((m): m is Mark => MARKS.includes(m as Mark))) {
        throw new InvalidContentError(`marks must be a list of ${MARKS.join(', ')}`, `${at}.marks`);
      }
      return text(n.text, marks);
    }
    if (n.type === 'footnoteRef') {
      if (typeof n.footnoteId !== 'string' || n.footnoteId === '') {
        throw new InvalidContentError('footnoteId must be a non-empty string', `${at}.footnoteId`);
      }
      return footnoteRef(n.footnoteId);
    }
    throw new InvalidContentError('type must be "text" or "footnoteRef"', `${at}.type`);
  });
  return normalizeContent(nodes);
}

export class InvalidContentError extends Error {
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(path ? `${path}: ${reason}` : reason);
    this.name = 'InvalidContentError';
  }
}

/** Content over CONTENT_LIMITS: too many nodes, or too many characters in all. */
export class ContentTooLargeError extends InvalidContentError {
  constructor(
    readonly measure: 'nodes' | 'characters',
    readonly limit: number,
  ) {
    super(`content has more than ${limit} ${measure}`, '');
    this.name = 'ContentTooLargeError';
  }
}

/** A stable serialisation of canonical content, the input of the approval hash. */
export const canonicalContentJson = (content: InlineContent): string => JSON.stringify(normalizeContent(content));
