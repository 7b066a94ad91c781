import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { isSegmentKind, type SegmentKind } from '#libs/content';
import { FOOTNOTE_EMBED_KEY, FOOTNOTE_FIELDS, FOOTNOTES, ORDER, SEGMENT_FIELDS, SEGMENTS } from '#libs/collab-schema';

/** One main-flow segment as the editor lays it out (its text lives in the Y.Texts, not here). */
export interface SegmentInfo {
  id: string;
  kind: SegmentKind;
  level: number | null;
}

export interface FootnoteInfo {
  id: string;
  labels: Record<string, string>;
  /** Its noteBody segment ids, in order. */
  body: string[];
}

/**
 * The chapter's structure read from its Y.Doc: the order of the main flow, each segment's kind, the
 * footnotes. Re-read only when structure changes (a split, a merge, a move, a label), not on
 * typing, so rows re-render only when they must.
 */
export interface ChapterStructure {
  segments: SegmentInfo[];
  footnotes: Map<string, FootnoteInfo>;
  /** Bumped on every structural change (for memoised consumers). */
  version: number;
}

export function readStructure(doc: Y.Doc, version: number): ChapterStructure {
  const order = doc.getArray<unknown>(ORDER).toArray();
  const segmentsMap = doc.getMap<unknown>(SEGMENTS);
  const seen = new Set<string>();
  const segments: SegmentInfo[] = [];
  for (const id of order) {
    if (typeof id !== 'string' || seen.has(id)) continue;
    const segment = segmentsMap.get(id);
    if (!(segment instanceof Y.Map)) continue;
    seen.add(id);
    const kind = segment.get(SEGMENT_FIELDS.kind);
    const level = segment.get(SEGMENT_FIELDS.level);
    segments.push({ id, kind: isSegmentKind(kind) ? kind : 'paragraph', level: typeof level === 'number' ? level : null });
  }
  const footnotes = new Map<string, FootnoteInfo>();
  doc.getMap<unknown>(FOOTNOTES).forEach((value, id) => {
    if (!(value instanceof Y.Map)) return;
    const labels = value.get(FOOTNOTE_FIELDS.labels);
    const body = value.get(FOOTNOTE_FIELDS.body);
    footnotes.set(id, {
      id,
      labels: labels instanceof Y.Map ? stringEntries(labels) : {},
      body: body instanceof Y.Array ? body.toArray().filter((item): item is string => typeof item === 'string') : [],
    });
  });
  return { segments, footnotes, version };
}

const stringEntries = (map: Y.Map<unknown>): Record<string, string> =>
  Object.fromEntries([...map.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

/** True when a transaction changed structure rather than only the content of texts. */
function touchesStructure(events: Y.YEvent<any>[]): boolean {
  return events.some((event) => !(event.target instanceof Y.Text));
}

export function useChapterStructure(doc: Y.Doc): ChapterStructure {
  const [structure, setStructure] = useState(() => readStructure(doc, 0));
  useEffect(() => {
    let version = 0;
    const reread = () => setStructure(readStructure(doc, ++version));
    reread();
    const order = doc.getArray(ORDER);
    const segments = doc.getMap(SEGMENTS);
    const footnotes = doc.getMap(FOOTNOTES);
    const onDeep = (events: Y.YEvent<any>[]) => {
      if (touchesStructure(events)) reread();
    };
    order.observe(reread);
    segments.observeDeep(onDeep);
    footnotes.observeDeep(reread);
    return () => {
      order.unobserve(reread);
      segments.unobserveDeep(onDeep);
      footnotes.unobserveDeep(reread);
    };
  }, [doc]);
  return structure;
}

/** A segment's Y.Text in one language, if the document has it (clients never create one). */
export function segmentText(doc: Y.Doc, segmentId: string, language: string): Y.Text | null {
  const segment = doc.getMap<unknown>(SEGMENTS).get(segmentId);
  if (!(segment instanceof Y.Map)) return null;
  const texts = segment.get(SEGMENT_FIELDS.text);
  if (!(texts instanceof Y.Map)) return null;
  const text = texts.get(language);
  return text instanceof Y.Text ? text : null;
}

/** Footnote ids referenced in a text, in order. */
export function referencesIn(text: Y.Text): string[] {
  const out: string[] = [];
  for (const op of text.toDelta() as { insert: unknown }[]) {
    const insert = op.insert;
    if (typeof insert === 'object' && insert !== null && FOOTNOTE_EMBED_KEY in insert) {
      const id = (insert as Record<string, unknown>)[FOOTNOTE_EMBED_KEY];
      if (typeof id === 'string') out.push(id);
    }
  }
  return out;
}

/** Whether the text has any content (an empty target cell is untranslated). */
export const isBlank = (text: Y.Text | null): boolean => !text || text.length === 0;
