import * as Y from 'yjs';
import { type InlineContent, type SegmentKind, canonicalContentJson, isSegmentKind } from '#libs/content';
import { ChapterDocError } from './chapter-doc.errors.js';
import {
  type ChapterRoots,
  type ChapterSnapshot,
  FOOTNOTE_FIELDS,
  type FootnoteSnapshot,
  SEGMENT_FIELDS,
  type SegmentSnapshot,
  chapterRoots,
  isLanguageTag,
} from './schema.js';
import { readContent, writeContent } from './text-content.js';

export interface FillChapterOptions {
  /**
   * Languages every segment gets a Y.Text for, even without a variant (the project's source and
   * target languages). Creating them up front matters: two clients that each create the missing
   * Y.Text of the same segment and language at the same time each set their own, one wins and the
   * other's typing is lost.
   */
  languages?: readonly string[];
  /** Transaction origin. */
  origin?: unknown;
}

export interface BuildChapterOptions {
  languages?: readonly string[];
  /** Passed to the Y.Doc (default true, as in Yjs). */
  gc?: boolean;
}

/**
 * Bump when fillChapterDoc writes a snapshot differently (other order of operations, other
 * fields): buildChapterDoc's deterministic client id is derived from it, and two builds that
 * share a client id must have written exactly the same operations.
 */
const SEED_FORMAT = 1;

/**
 * A new Y.Doc holding the snapshot. The initial state is written under a client id derived from
 * the snapshot itself, so two processes that build the same chapter from the same database state
 * produce the very same operations, and merging their documents is a no-op instead of duplicating
 * every paragraph. (Different snapshots get different ids and merge like any concurrent edits.)
 * The returned document has an ordinary random client id for everything that follows.
 */
export function buildChapterDoc(snapshot: ChapterSnapshot, options: BuildChapterOptions = {}): Y.Doc {
  const languages = sortedUnique(options.languages ?? []);
  const seed = new Y.Doc();
  seed.clientID = seedClientId(JSON.stringify([SEED_FORMAT, canonicalSnapshot(snapshot), languages]));
  fillChapterDoc(seed, snapshot, { languages });
  const doc = new Y.Doc(options.gc === undefined ? {} : { gc: options.gc });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed));
  seed.destroy();
  return doc;
}

/**
 * Writes a snapshot into an empty document, in one transaction. Ids in `order` or in a footnote's
 * body that have no segment in the snapshot, and repeated ids, are left out.
 */
export function fillChapterDoc(doc: Y.Doc, snapshot: ChapterSnapshot, options: FillChapterOptions = {}): void {
  const roots = chapterRoots(doc);
  if (roots.order.length > 0 || roots.segments.size > 0 || roots.footnotes.size > 0) {
    throw new ChapterDocError('DOC_NOT_EMPTY');
  }
  const languages = sortedUnique(options.languages ?? []);
  const tags = [
    ...languages,
    ...snapshot.segments.flatMap((s) => Object.keys(s.variants)),
    ...snapshot.footnotes.flatMap((f) => Object.keys(f.labels)),
  ];
  for (const lang of tags) {
    if (!isLanguageTag(lang)) throw new ChapterDocError('INVALID_LANGUAGE', { lang });
  }
  doc.transact(() => {
    for (const segment of snapshot.segments) {
      if (!roots.segments.has(segment.id)) writeSegment(roots, segment, languages);
    }
    roots.order.push(placeable(snapshot.order, roots));
    for (const footnote of snapshot.footnotes) {
      if (roots.footnotes.has(footnote.id)) continue;
      const map = new Y.Map<unknown>();
      roots.footnotes.set(footnote.id, map);
      const labels = new Y.Map<string>();
      map.set(FOOTNOTE_FIELDS.labels, labels);
      for (const lang of Object.keys(footnote.labels).sort()) labels.set(lang, footnote.labels[lang] as string);
      const body = new Y.Array<string>();
      map.set(FOOTNOTE_FIELDS.body, body);
      body.push(placeable(footnote.body, roots));
    }
  }, options.origin);
}

/**
 * Writes one segment's Y.Map (kind, level for headings, footnoteId, one Y.Text per language) into
 * `segments`. Used by fillChapterDoc and insertSegment; the caller owns the transaction.
 */
export function writeSegment(
  roots: ChapterRoots,
  segment: Omit<SegmentSnapshot, 'variants'> & { variants?: Record<string, InlineContent> },
  languages: readonly string[],
): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  roots.segments.set(segment.id, map);
  map.set(SEGMENT_FIELDS.kind, segment.kind);
  if (segment.kind === 'heading' && isLevel(segment.level)) map.set(SEGMENT_FIELDS.level, segment.level);
  if (segment.footnoteId !== undefined) map.set(SEGMENT_FIELDS.footnoteId, segment.footnoteId);
  const texts = new Y.Map<Y.Text>();
  map.set(SEGMENT_FIELDS.text, texts);
  const variants = segment.variants ?? {};
  for (const lang of sortedUnique([...Object.keys(variants), ...languages])) {
    const ytext = new Y.Text();
    texts.set(lang, ytext);
    writeContent(ytext, variants[lang] ?? []);
  }
  return map;
}

/**
 * The chapter as it stands, in the snapshot's shape. Tolerant of anything a client may have
 * written: what does not fit the schema is skipped, nothing throws.
 *
 * - The main flow is `order` with non-strings, repeats (a segment moved concurrently by two
 *   people appears twice; the first occurrence wins) and ids without a segment left out.
 * - Footnotes come sorted by id (a Y.Map has no order); each body likewise filtered. A segment
 *   reachable twice is read once, main flow first. Segments reachable from neither are not part of
 *   the chapter.
 * - Position decides the kind: a footnote body segment is `noteBody` with that footnote's id; a
 *   main-flow segment with a missing or unknown kind (or `noteBody`) reads as `paragraph`.
 * - `level` only for headings, and only when it is a positive integer.
 * - Variants: Y.Text values under well-formed language tags; every Y.Text present is read, so an
 *   empty Y.Text created in advance reads as `[]`.
 */
export function readChapterDoc(doc: Y.Doc): ChapterSnapshot {
  const snapshot: ChapterSnapshot = { segments: [], order: [], footnotes: [] };
  const roots = rootsOrNull(doc);
  if (roots === null) return snapshot;
  const seen = new Set<string>();
  const take = (id: unknown): Y.Map<unknown> | null => {
    if (typeof id !== 'string' || seen.has(id)) return null;
    const map = roots.segments.get(id);
    if (!(map instanceof Y.Map)) return null;
    seen.add(id);
    return map;
  };
  for (const id of roots.order.toArray()) {
    const map = take(id);
    if (map === null) continue;
    snapshot.order.push(id as string);
    snapshot.segments.push(readSegment(id as string, map, null));
  }
  for (const footnoteId of [...roots.footnotes.keys()].sort()) {
    const map = roots.footnotes.get(footnoteId);
    if (!(map instanceof Y.Map)) continue;
    const footnote: FootnoteSnapshot = { id: footnoteId, labels: {}, body: [] };
    const labels: unknown = map.get(FOOTNOTE_FIELDS.labels);
    if (labels instanceof Y.Map) {
      for (const lang of [...labels.keys()].sort()) {
        const label: unknown = labels.get(lang);
        if (isLanguageTag(lang) && typeof label === 'string') footnote.labels[lang] = label;
      }
    }
    const body: unknown = map.get(FOOTNOTE_FIELDS.body);
    if (body instanceof Y.Array) {
      for (const id of body.toArray() as unknown[]) {
        const segment = take(id);
        if (segment === null) continue;
        footnote.body.push(id as string);
        snapshot.segments.push(readSegment(id as string, segment, footnoteId));
      }
    }
    snapshot.footnotes.push(footnote);
  }
  return snapshot;
}

/** One variant's content, or null when the segment or the language's Y.Text is missing. */
export function readVariant(doc: Y.Doc, segmentId: string, lang: string): InlineContent | null {
  const ytext = variantText(doc, segmentId, lang);
  return ytext === null ? null : readContent(ytext);
}

/**
 * The Y.Text of one segment in one language. With `create`, a missing Y.Text is created (the
 * segment itself must exist). Prefer creating texts when the segment is written (see
 * FillChapterOptions.languages): concurrent creation of the same Y.Text loses one side's text.
 */
export function variantText(doc: Y.Doc, segmentId: string, lang: string, create = false): Y.Text | null {
  const roots = rootsOrNull(doc);
  const segment: unknown = roots?.segments.get(segmentId);
  if (!(segment instanceof Y.Map)) return null;
  const texts: unknown = segment.get(SEGMENT_FIELDS.text);
  const existing: unknown = texts instanceof Y.Map ? texts.get(lang) : undefined;
  if (existing instanceof Y.Text) return existing;
  if (!create) return null;
  if (!isLanguageTag(lang)) throw new ChapterDocError('INVALID_LANGUAGE', { lang });
  return doc.transact(() => {
    let map = texts;
    if (!(map instanceof Y.Map)) {
      map = new Y.Map<Y.Text>();
      segment.set(SEGMENT_FIELDS.text, map);
    }
    const ytext = new Y.Text();
    (map as Y.Map<unknown>).set(lang, ytext);
    return ytext;
  });
}

function readSegment(id: string, map: Y.Map<unknown>, footnoteId: string | null): SegmentSnapshot {
  const stored: unknown = map.get(SEGMENT_FIELDS.kind);
  const kind: SegmentKind =
    footnoteId !== null ? 'noteBody' : isSegmentKind(stored) && stored !== 'noteBody' ? stored : 'paragraph';
  const segment: SegmentSnapshot = { id, kind, variants: {} };
  if (kind === 'heading') {
    const level: unknown = map.get(SEGMENT_FIELDS.level);
    if (isLevel(level)) segment.level = level;
  }
  if (footnoteId !== null) segment.footnoteId = footnoteId;
  const texts: unknown = map.get(SEGMENT_FIELDS.text);
  if (texts instanceof Y.Map) {
    for (const lang of [...texts.keys()].sort()) {
      const ytext: unknown = texts.get(lang);
      if (isLanguageTag(lang) && ytext instanceof Y.Text) segment.variants[lang] = readContent(ytext);
    }
  }
  return segment;
}

const isLevel = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1;

/** Ids that can be placed: strings with a segment in the document, each once. */
function placeable(ids: readonly string[], roots: ChapterRoots): string[] {
  return [...new Set(ids)].filter((id) => roots.segments.get(id) instanceof Y.Map);
}

/**
 * The roots, or null if this process already defined one of the names as another type (a
 * programming error elsewhere; reading still must not throw).
 */
function rootsOrNull(doc: Y.Doc): ChapterRoots | null {
  try {
    return chapterRoots(doc);
  } catch {
    return null;
  }
}

const sortedUnique = (values: readonly string[]): string[] => [...new Set(values)].sort();

function canonicalSnapshot(snapshot: ChapterSnapshot): unknown {
  return {
    segments: snapshot.segments.map((s) => [
      s.id,
      s.kind,
      s.level ?? null,
      s.footnoteId ?? null,
      Object.keys(s.variants)
        .sort()
        .map((lang) => [lang, canonicalContentJson(s.variants[lang] ?? [])]),
    ]),
    order: snapshot.order,
    footnotes: snapshot.footnotes.map((f) => [
      f.id,
      Object.keys(f.labels)
        .sort()
        .map((lang) => [lang, f.labels[lang]]),
      f.body,
    ]),
  };
}

/** FNV-1a, 32 bits: Yjs client ids are unsigned 32-bit numbers. */
function seedClientId(input: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0 || 1;
}
