import * as Y from 'yjs';
import { footnoteRef, text } from '#libs/content';
import { buildChapterDoc, readChapterDoc, readVariant } from './chapter-doc.js';
import {
  addLanguageTexts,
  insertSegment,
  moveSegment,
  removeFootnote,
  removeSegment,
  segmentsMissingTexts,
  setFootnoteLabel,
  setSegmentKind,
  setVariantContent,
  upsertFootnote,
} from './chapter-edits.js';
import { type ChapterSnapshot, FOOTNOTES, ORDER, SEGMENTS } from './schema.js';

const chapter: ChapterSnapshot = {
  segments: [
    { id: 'a', kind: 'paragraph', variants: { en: [text('A'), footnoteRef('f')] } },
    { id: 'b', kind: 'heading', level: 2, variants: { en: [text('B')] } },
    { id: 'c', kind: 'paragraph', variants: { en: [text('C')] } },
    { id: 'n1', kind: 'noteBody', footnoteId: 'f', variants: { en: [text('N1')] } },
    { id: 'n2', kind: 'noteBody', footnoteId: 'f', variants: { en: [text('N2')] } },
  ],
  order: ['a', 'b', 'c'],
  footnotes: [{ id: 'f', labels: { en: '1' }, body: ['n1', 'n2'] }],
};

const order = (doc: Y.Doc): string[] => readChapterDoc(doc).order;
const body = (doc: Y.Doc, footnoteId = 'f'): string[] | undefined =>
  readChapterDoc(doc).footnotes.find((f) => f.id === footnoteId)?.body;
const segment = (doc: Y.Doc, id: string) => readChapterDoc(doc).segments.find((s) => s.id === id);

/** Counts transactions that changed something, to check "one transaction" and "nothing happened". */
function transactions(doc: Y.Doc): unknown[] {
  const origins: unknown[] = [];
  doc.on('afterTransaction', (tr: Y.Transaction) => tr.changed.size > 0 && origins.push(tr.origin));
  return origins;
}

describe('insertSegment', () => {
  it('inserts into the main flow at a position, with empty texts for the listed languages', () => {
    const doc = buildChapterDoc(chapter);
    const origins = transactions(doc);
    insertSegment(doc, { id: 'x', kind: 'blockQuote', variants: { ru: [text('Икс')] } }, 1, {
      languages: ['en'],
      origin: 'rest',
    });
    expect(origins).toEqual(['rest']);
    expect(order(doc)).toEqual(['a', 'x', 'b', 'c']);
    expect(segment(doc, 'x')).toEqual({ id: 'x', kind: 'blockQuote', variants: { en: [], ru: [text('Икс')] } });
  });

  it('clamps the position', () => {
    const doc = buildChapterDoc(chapter);
    insertSegment(doc, { id: 'first', kind: 'paragraph' }, -5);
    insertSegment(doc, { id: 'last', kind: 'paragraph' }, 99);
    expect(order(doc)).toEqual(['first', 'a', 'b', 'c', 'last']);
  });

  it('counts positions as readers see them, not raw array slots', () => {
    const doc = buildChapterDoc(chapter);
    doc.getArray<unknown>(ORDER).insert(0, ['ghost', 42, 'a']); // leftovers a reader skips
    expect(order(doc)).toEqual(['a', 'b', 'c']);
    insertSegment(doc, { id: 'x', kind: 'paragraph' }, 2);
    expect(order(doc)).toEqual(['a', 'b', 'x', 'c']);
  });

  it('puts a note body into its footnote', () => {
    const doc = buildChapterDoc(chapter);
    insertSegment(doc, { id: 'n0', kind: 'noteBody', footnoteId: 'f', variants: { en: [text('N0')] } }, 0);
    expect(body(doc)).toEqual(['n0', 'n1', 'n2']);
    expect(order(doc)).toEqual(['a', 'b', 'c']);
    expect(segment(doc, 'n0')).toMatchObject({ kind: 'noteBody', footnoteId: 'f' });
  });

  it('refuses an existing id, a missing footnote and a malformed language, changing nothing', () => {
    const doc = buildChapterDoc(chapter);
    const before = readChapterDoc(doc);
    const origins = transactions(doc);
    expect(() => insertSegment(doc, { id: 'a', kind: 'paragraph' }, 0)).toThrow(
      expect.objectContaining({ code: 'SEGMENT_EXISTS' }),
    );
    expect(() => insertSegment(doc, { id: 'z', kind: 'noteBody', footnoteId: 'nope' }, 0)).toThrow(
      expect.objectContaining({ code: 'FOOTNOTE_NOT_FOUND' }),
    );
    expect(() => insertSegment(doc, { id: 'z', kind: 'noteBody' }, 0)).toThrow(
      expect.objectContaining({ code: 'FOOTNOTE_NOT_FOUND' }),
    );
    expect(() => insertSegment(doc, { id: 'z', kind: 'paragraph', variants: { 'e n': [] } }, 0)).toThrow(
      expect.objectContaining({ code: 'INVALID_LANGUAGE' }),
    );
    expect(origins).toEqual([]);
    expect(readChapterDoc(doc)).toEqual(before);
  });

  it('reuses the id of a removed segment without resurrecting a leftover occurrence', () => {
    const doc = buildChapterDoc(chapter);
    removeSegment(doc, 'b');
    doc.getArray<unknown>(ORDER).push(['b']); // what a concurrent move of the removed segment leaves
    insertSegment(doc, { id: 'b', kind: 'paragraph' }, 0);
    expect(order(doc)).toEqual(['b', 'a', 'c']);
    expect(doc.getArray(ORDER).toArray().filter((v) => v === 'b')).toHaveLength(1);
  });
});

describe('removeSegment', () => {
  it('removes a main-flow segment and its data', () => {
    const doc = buildChapterDoc(chapter);
    expect(removeSegment(doc, 'b')).toBe(true);
    expect(order(doc)).toEqual(['a', 'c']);
    expect(doc.getMap(SEGMENTS).has('b')).toBe(false);
    expect(removeSegment(doc, 'b')).toBe(false);
  });

  it('removes a note body from its footnote, and every duplicate of an id', () => {
    const doc = buildChapterDoc(chapter);
    doc.getArray<unknown>(ORDER).push(['a']);
    expect(removeSegment(doc, 'n1')).toBe(true);
    expect(body(doc)).toEqual(['n2']);
    removeSegment(doc, 'a');
    expect(doc.getArray(ORDER).toArray()).toEqual(['b', 'c']);
  });
});

describe('moveSegment', () => {
  it('moves within the main flow to the position it ends up at', () => {
    const doc = buildChapterDoc(chapter);
    moveSegment(doc, 'a', 2);
    expect(order(doc)).toEqual(['b', 'c', 'a']);
    moveSegment(doc, 'a', 0);
    expect(order(doc)).toEqual(['a', 'b', 'c']);
    moveSegment(doc, 'c', 1);
    expect(order(doc)).toEqual(['a', 'c', 'b']);
    moveSegment(doc, 'a', 100);
    expect(order(doc)).toEqual(['c', 'b', 'a']);
  });

  it('moves within a footnote body, and does nothing when already in place', () => {
    const doc = buildChapterDoc(chapter);
    moveSegment(doc, 'n2', 0);
    expect(body(doc)).toEqual(['n2', 'n1']);
    const origins = transactions(doc);
    moveSegment(doc, 'n2', 0);
    expect(origins).toEqual([]);
  });

  it('repairs the duplicate two concurrent moves leave', () => {
    const one = buildChapterDoc(chapter);
    const two = new Y.Doc();
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    moveSegment(one, 'a', 2);
    moveSegment(two, 'a', 1);
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    expect(one.getArray(ORDER).toArray().filter((v) => v === 'a')).toHaveLength(2);
    expect(order(one)).toEqual(order(two));
    expect(order(one)).toHaveLength(3);
    moveSegment(one, 'a', 0);
    expect(one.getArray(ORDER).toArray()).toEqual(['a', 'b', 'c']);
  });

  it('refuses an unknown segment', () => {
    const doc = buildChapterDoc(chapter);
    expect(() => moveSegment(doc, 'zz', 0)).toThrow(expect.objectContaining({ code: 'SEGMENT_NOT_FOUND' }));
  });
});

describe('setSegmentKind', () => {
  it('sets kind and level; the level goes with the heading', () => {
    const doc = buildChapterDoc(chapter);
    setSegmentKind(doc, 'a', 'heading', 3);
    expect(segment(doc, 'a')).toMatchObject({ kind: 'heading', level: 3 });
    setSegmentKind(doc, 'a', 'heading');
    expect(segment(doc, 'a')).toMatchObject({ kind: 'heading', level: 3 });
    setSegmentKind(doc, 'c', 'heading');
    expect(segment(doc, 'c')).toMatchObject({ kind: 'heading', level: 1 });
    setSegmentKind(doc, 'b', 'listItem');
    expect(segment(doc, 'b')).toEqual({ id: 'b', kind: 'listItem', variants: { en: [text('B')] } });
  });

  it('writes nothing when nothing changes', () => {
    const doc = buildChapterDoc(chapter);
    const origins = transactions(doc);
    setSegmentKind(doc, 'b', 'heading', 2);
    expect(origins).toEqual([]);
  });

  it('refuses to turn a main-flow segment into a note body or back, and unknown segments', () => {
    const doc = buildChapterDoc(chapter);
    expect(() => setSegmentKind(doc, 'a', 'noteBody')).toThrow(expect.objectContaining({ code: 'INVALID_KIND_CHANGE' }));
    expect(() => setSegmentKind(doc, 'n1', 'paragraph')).toThrow(expect.objectContaining({ code: 'INVALID_KIND_CHANGE' }));
    expect(() => setSegmentKind(doc, 'zz', 'paragraph')).toThrow(expect.objectContaining({ code: 'SEGMENT_NOT_FOUND' }));
  });
});

describe('setVariantContent', () => {
  it('edits through the live text with a minimal diff, creating the language if needed', () => {
    const doc = buildChapterDoc(chapter);
    expect(setVariantContent(doc, 'a', 'en', [text('A!'), footnoteRef('f')], { origin: 'rest' })).toEqual({
      deleted: 0,
      inserted: 1,
      formatted: 0,
    });
    expect(readVariant(doc, 'a', 'en')).toEqual([text('A!'), footnoteRef('f')]);
    setVariantContent(doc, 'a', 'de', [text('Ä')]);
    expect(readVariant(doc, 'a', 'de')).toEqual([text('Ä')]);
  });

  it('refuses unknown segments and malformed languages', () => {
    const doc = buildChapterDoc(chapter);
    expect(() => setVariantContent(doc, 'zz', 'en', [])).toThrow(expect.objectContaining({ code: 'SEGMENT_NOT_FOUND' }));
    expect(() => setVariantContent(doc, 'a', '', [])).toThrow(expect.objectContaining({ code: 'INVALID_LANGUAGE' }));
  });
});

describe('footnotes', () => {
  it('creates, labels and removes footnotes', () => {
    const doc = buildChapterDoc(chapter);
    upsertFootnote(doc, { id: 'g', labels: { en: '2', de: '2' } });
    expect(readChapterDoc(doc).footnotes.find((f) => f.id === 'g')).toEqual({ id: 'g', labels: { de: '2', en: '2' }, body: [] });
    setFootnoteLabel(doc, 'g', 'en', '*');
    setFootnoteLabel(doc, 'g', 'de', null);
    upsertFootnote(doc, { id: 'g' });
    expect(readChapterDoc(doc).footnotes.find((f) => f.id === 'g')!.labels).toEqual({ en: '*' });
    expect(() => setFootnoteLabel(doc, 'nope', 'en', '1')).toThrow(expect.objectContaining({ code: 'FOOTNOTE_NOT_FOUND' }));

    expect(removeFootnote(doc, 'f')).toBe(true);
    expect(removeFootnote(doc, 'f')).toBe(false);
    const read = readChapterDoc(doc);
    expect(read.footnotes.map((f) => f.id)).toEqual(['g']);
    expect(doc.getMap(SEGMENTS).has('n1')).toBe(false);
    expect(doc.getMap(FOOTNOTES).has('f')).toBe(false);
    // The reference in the text stays: a reference without a body is allowed and reported.
    expect(readVariant(doc, 'a', 'en')).toEqual([text('A'), footnoteRef('f')]);
  });
});

describe('languages added to a chapter', () => {
  it('creates the missing texts once, in one transaction, keeping every existing text', () => {
    const doc = buildChapterDoc(chapter, { languages: ['en'] });
    setVariantContent(doc, 'b', 'fr', [text('Déjà')]);
    expect(segmentsMissingTexts(doc, ['en'])).toEqual([]);
    expect(segmentsMissingTexts(doc, ['en', 'fr']).sort()).toEqual(['a', 'c', 'n1', 'n2']);
    const origins = transactions(doc);
    expect(addLanguageTexts(doc, ['fr', 'de'], { origin: 'rest' })).toBe(9);
    expect(origins).toEqual(['rest']);
    expect(segmentsMissingTexts(doc, ['en', 'fr', 'de'])).toEqual([]);
    expect(readVariant(doc, 'b', 'fr')).toEqual([text('Déjà')]);
    expect(readVariant(doc, 'a', 'en')).toEqual([text('A'), footnoteRef('f')]);
    expect(readVariant(doc, 'n2', 'de')).toEqual([]);
    expect(addLanguageTexts(doc, ['fr', 'de'])).toBe(0);
    expect(() => addLanguageTexts(doc, ['not a tag'])).toThrow(expect.objectContaining({ code: 'INVALID_LANGUAGE' }));
  });
});
