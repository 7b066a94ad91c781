import * as Y from 'yjs';
import type { InlineContent, SegmentKind } from '#libs/content';
import { ChapterDocError } from './chapter-doc.errors.js';
import { variantText, writeSegment } from './chapter-doc.js';
import { type ContentDiffStats, applyContentDiff } from './content-diff.js';
import { type ChapterRoots, FOOTNOTE_FIELDS, SEGMENT_FIELDS, chapterRoots, isLanguageTag } from './schema.js';

/**
 * Structural edits the server makes on the live document for REST requests, each in one
 * transaction. Positions are indexes into what readChapterDoc shows (the main flow, or one
 * footnote's body), not into the raw Y.Array, which may hold repeats and leftovers. Everything is
 * checked before the transaction starts: Yjs keeps whatever a transaction did before it threw.
 */
export interface EditOptions {
  /** Transaction origin (the server's marker for "came from REST", say). */
  origin?: unknown;
}

export interface NewSegment {
  id: string;
  kind: SegmentKind;
  level?: number;
  /** Required for noteBody: the footnote the segment is appended to. Ignored for other kinds. */
  footnoteId?: string;
  variants?: Record<string, InlineContent>;
}

/**
 * Adds a segment at `index` of the main flow, or of its footnote's body for noteBody (clamped:
 * a large index appends). `languages` get an empty Y.Text up front (see FillChapterOptions).
 */
export function insertSegment(
  doc: Y.Doc,
  segment: NewSegment,
  index: number,
  options: EditOptions & { languages?: readonly string[] } = {},
): void {
  const roots = chapterRoots(doc);
  if (roots.segments.get(segment.id) instanceof Y.Map) throw new ChapterDocError('SEGMENT_EXISTS', { id: segment.id });
  const languages = options.languages ?? [];
  for (const lang of [...languages, ...Object.keys(segment.variants ?? {})]) {
    if (!isLanguageTag(lang)) throw new ChapterDocError('INVALID_LANGUAGE', { lang });
  }
  const isNote = segment.kind === 'noteBody';
  const footnote = isNote ? footnoteMap(roots, segment.footnoteId) : null;
  if (isNote && footnote === null) {
    throw new ChapterDocError('FOOTNOTE_NOT_FOUND', { id: segment.footnoteId ?? '' });
  }
  doc.transact(() => {
    // Leftover occurrences of the id (a removed segment that someone moved at the same time)
    // would otherwise decide where the new segment shows.
    removeEverywhere(roots, segment.id);
    const container = footnote === null ? roots.order : bodyOf(footnote);
    const at = arrayIndex(roots, container, index);
    writeSegment(roots, { ...segment, footnoteId: isNote ? segment.footnoteId : undefined }, languages);
    container.insert(at, [segment.id]);
  }, options.origin);
}

/**
 * Removes a segment from wherever it is placed, and its data; leftover occurrences of the id are
 * cleared too. False if there was no such segment.
 */
export function removeSegment(doc: Y.Doc, segmentId: string, options: EditOptions = {}): boolean {
  const roots = chapterRoots(doc);
  const existed = roots.segments.get(segmentId) instanceof Y.Map;
  doc.transact(() => {
    removeEverywhere(roots, segmentId);
    roots.segments.delete(segmentId);
  }, options.origin);
  return existed;
}

/**
 * Moves a segment to `index` within its own sequence (main flow, or its footnote's body), the
 * index being its position after the move. A Y.Array has no move: it is a delete and an insert,
 * so two concurrent moves leave the id twice, which readers resolve (first occurrence wins) and
 * the next move or removal repairs.
 */
export function moveSegment(doc: Y.Doc, segmentId: string, index: number, options: EditOptions = {}): void {
  const roots = chapterRoots(doc);
  const container = containerOf(roots, segmentId);
  if (container === null) throw new ChapterDocError('SEGMENT_NOT_FOUND', { id: segmentId });
  const visible = visibleIds(roots, container);
  const target = Math.max(0, Math.min(Math.trunc(index), visible.length - 1));
  const occurrences = container.toArray().filter((v) => v === segmentId).length;
  if (occurrences === 1 && visible.indexOf(segmentId) === target) return;
  doc.transact(() => {
    removeAll(container, segmentId);
    container.insert(arrayIndex(roots, container, target), [segmentId]);
  }, options.origin);
}

/**
 * Changes a segment's kind (and level: for headings the given one, else the one it had, else 1;
 * other kinds have none). A segment cannot become or stop being a note body this way: that is a
 * move between the main flow and a footnote.
 */
export function setSegmentKind(
  doc: Y.Doc,
  segmentId: string,
  kind: SegmentKind,
  level?: number,
  options: EditOptions = {},
): void {
  const roots = chapterRoots(doc);
  const segment: unknown = roots.segments.get(segmentId);
  const container = containerOf(roots, segmentId);
  if (!(segment instanceof Y.Map) || container === null) {
    throw new ChapterDocError('SEGMENT_NOT_FOUND', { id: segmentId });
  }
  if ((container === roots.order) !== (kind !== 'noteBody')) {
    throw new ChapterDocError('INVALID_KIND_CHANGE', { id: segmentId, kind });
  }
  doc.transact(() => {
    if (segment.get(SEGMENT_FIELDS.kind) !== kind) segment.set(SEGMENT_FIELDS.kind, kind);
    const stored: unknown = segment.get(SEGMENT_FIELDS.level);
    if (kind === 'heading') {
      const next = isLevel(level) ? level : isLevel(stored) ? stored : 1;
      if (stored !== next) segment.set(SEGMENT_FIELDS.level, next);
    } else if (segment.has(SEGMENT_FIELDS.level)) {
      segment.delete(SEGMENT_FIELDS.level);
    }
  }, options.origin);
}

/**
 * A REST edit of one variant: the segment's Y.Text in that language (created if missing) is
 * brought to `content` with a minimal diff.
 */
export function setVariantContent(
  doc: Y.Doc,
  segmentId: string,
  lang: string,
  content: InlineContent,
  options: EditOptions = {},
): ContentDiffStats {
  const roots = chapterRoots(doc);
  if (!(roots.segments.get(segmentId) instanceof Y.Map)) throw new ChapterDocError('SEGMENT_NOT_FOUND', { id: segmentId });
  if (!isLanguageTag(lang)) throw new ChapterDocError('INVALID_LANGUAGE', { lang });
  return doc.transact(() => applyContentDiff(variantText(doc, segmentId, lang, true) as Y.Text, content), options.origin);
}

/**
 * Segments (ids) that lack a Y.Text in one of `languages`: what `addLanguageTexts` would create.
 * Read-only, so a caller can decide cheaply whether an edit is needed at all.
 */
export function segmentsMissingTexts(doc: Y.Doc, languages: readonly string[]): string[] {
  const roots = chapterRoots(doc);
  const missing: string[] = [];
  for (const [id, segment] of roots.segments.entries()) {
    if (!(segment instanceof Y.Map)) continue;
    const texts: unknown = segment.get(SEGMENT_FIELDS.text);
    if (languages.some((lang) => !(texts instanceof Y.Map) || !(texts.get(lang) instanceof Y.Text))) missing.push(id);
  }
  return missing;
}

/**
 * Gives every segment an empty Y.Text in each of `languages` it lacks (a language added to the
 * project), in one transaction; returns how many were created. The caller must make sure nobody
 * else creates the same texts concurrently: two texts set under one key merge to one, and whatever
 * was typed into the other is lost (see FillChapterOptions.languages).
 */
export function addLanguageTexts(doc: Y.Doc, languages: readonly string[], options: EditOptions = {}): number {
  for (const lang of languages) {
    if (!isLanguageTag(lang)) throw new ChapterDocError('INVALID_LANGUAGE', { lang });
  }
  const roots = chapterRoots(doc);
  let created = 0;
  doc.transact(() => {
    for (const segment of roots.segments.values()) {
      if (!(segment instanceof Y.Map)) continue;
      let texts: unknown = segment.get(SEGMENT_FIELDS.text);
      if (!(texts instanceof Y.Map)) {
        texts = new Y.Map<unknown>();
        segment.set(SEGMENT_FIELDS.text, texts);
      }
      const map = texts as Y.Map<unknown>;
      for (const lang of languages) {
        if (map.get(lang) instanceof Y.Text) continue;
        map.set(lang, new Y.Text());
        created++;
      }
    }
  }, options.origin);
  return created;
}

/** Creates a footnote (empty body) if it does not exist and sets the labels given. */
export function upsertFootnote(
  doc: Y.Doc,
  footnote: { id: string; labels?: Record<string, string> },
  options: EditOptions = {},
): void {
  const labels = footnote.labels ?? {};
  for (const lang of Object.keys(labels)) {
    if (!isLanguageTag(lang)) throw new ChapterDocError('INVALID_LANGUAGE', { lang });
  }
  const roots = chapterRoots(doc);
  doc.transact(() => {
    let map = footnoteMap(roots, footnote.id);
    if (map === null) {
      map = new Y.Map<unknown>();
      roots.footnotes.set(footnote.id, map);
    }
    bodyOf(map);
    const labelMap = labelsOf(map);
    for (const [lang, label] of Object.entries(labels)) if (labelMap.get(lang) !== label) labelMap.set(lang, label);
  }, options.origin);
}

/** Sets (or with null removes) a footnote's printed label in one language. */
export function setFootnoteLabel(
  doc: Y.Doc,
  footnoteId: string,
  lang: string,
  label: string | null,
  options: EditOptions = {},
): void {
  const roots = chapterRoots(doc);
  const map = footnoteMap(roots, footnoteId);
  if (map === null) throw new ChapterDocError('FOOTNOTE_NOT_FOUND', { id: footnoteId });
  if (!isLanguageTag(lang)) throw new ChapterDocError('INVALID_LANGUAGE', { lang });
  doc.transact(() => {
    const labels = labelsOf(map);
    if (label === null) labels.delete(lang);
    else if (labels.get(lang) !== label) labels.set(lang, label);
  }, options.origin);
}

/**
 * Removes a footnote and its body segments. References to it inside variants stay (a reference
 * without a body is allowed and reported). False if there was no such footnote.
 */
export function removeFootnote(doc: Y.Doc, footnoteId: string, options: EditOptions = {}): boolean {
  const roots = chapterRoots(doc);
  const map = footnoteMap(roots, footnoteId);
  if (map === null) return false;
  doc.transact(() => {
    const body: unknown = map.get(FOOTNOTE_FIELDS.body);
    if (body instanceof Y.Array) {
      for (const id of body.toArray() as unknown[]) {
        if (typeof id !== 'string') continue;
        removeEverywhere(roots, id);
        roots.segments.delete(id);
      }
    }
    roots.footnotes.delete(footnoteId);
  }, options.origin);
  return true;
}

const isLevel = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1;

function footnoteMap(roots: ChapterRoots, footnoteId: string | undefined): Y.Map<unknown> | null {
  if (footnoteId === undefined) return null;
  const map: unknown = roots.footnotes.get(footnoteId);
  return map instanceof Y.Map ? (map as Y.Map<unknown>) : null;
}

/** The footnote's body array, created (or replacing garbage) if needed; inside a transaction. */
function bodyOf(footnote: Y.Map<unknown>): Y.Array<unknown> {
  const body: unknown = footnote.get(FOOTNOTE_FIELDS.body);
  if (body instanceof Y.Array) return body as Y.Array<unknown>;
  const fresh = new Y.Array<unknown>();
  footnote.set(FOOTNOTE_FIELDS.body, fresh);
  return fresh;
}

function labelsOf(footnote: Y.Map<unknown>): Y.Map<unknown> {
  const labels: unknown = footnote.get(FOOTNOTE_FIELDS.labels);
  if (labels instanceof Y.Map) return labels as Y.Map<unknown>;
  const fresh = new Y.Map<unknown>();
  footnote.set(FOOTNOTE_FIELDS.labels, fresh);
  return fresh;
}

/** The sequence a segment is placed in, as readChapterDoc decides it: main flow first, then footnotes by id. */
function containerOf(roots: ChapterRoots, segmentId: string): Y.Array<unknown> | null {
  if (!(roots.segments.get(segmentId) instanceof Y.Map)) return null;
  if (roots.order.toArray().includes(segmentId)) return roots.order;
  for (const footnoteId of [...roots.footnotes.keys()].sort()) {
    const map = footnoteMap(roots, footnoteId);
    const body: unknown = map?.get(FOOTNOTE_FIELDS.body);
    if (body instanceof Y.Array && body.toArray().includes(segmentId)) return body as Y.Array<unknown>;
  }
  return null;
}

/** The ids a reader sees in a sequence: strings with a segment, first occurrence only. */
function visibleIds(roots: ChapterRoots, array: Y.Array<unknown>): string[] {
  const seen = new Set<string>();
  for (const value of array.toArray()) {
    if (typeof value === 'string' && roots.segments.get(value) instanceof Y.Map) seen.add(value);
  }
  return [...seen];
}

/** The raw array index before the visible element at `index` (the end when there is none). */
function arrayIndex(roots: ChapterRoots, array: Y.Array<unknown>, index: number): number {
  const values = array.toArray();
  const seen = new Set<string>();
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'string' || seen.has(value) || !(roots.segments.get(value) instanceof Y.Map)) continue;
    if (seen.size >= index) return i;
    seen.add(value);
  }
  return values.length;
}

function removeAll(array: Y.Array<unknown>, id: string): boolean {
  const values = array.toArray();
  let removed = false;
  for (let i = values.length - 1; i >= 0; i--) {
    if (values[i] === id) {
      array.delete(i, 1);
      removed = true;
    }
  }
  return removed;
}

/** Takes the id out of the main flow and every footnote body. */
function removeEverywhere(roots: ChapterRoots, id: string): boolean {
  let removed = removeAll(roots.order, id);
  for (const footnoteId of roots.footnotes.keys()) {
    const body: unknown = footnoteMap(roots, footnoteId)?.get(FOOTNOTE_FIELDS.body);
    if (body instanceof Y.Array && removeAll(body as Y.Array<unknown>, id)) removed = true;
  }
  return removed;
}
