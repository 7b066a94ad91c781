import * as Y from 'yjs';
import { footnoteRef, text } from '#libs/content';
import { ChapterDocError } from './chapter-doc.errors.js';
import { buildChapterDoc, fillChapterDoc, readChapterDoc, readVariant, variantText } from './chapter-doc.js';
import { type ChapterSnapshot, FOOTNOTES, ORDER, SEGMENTS, SEGMENT_FIELDS } from './schema.js';
import { readContent } from './text-content.js';

const FN76 = '00000000-0000-4000-8000-000000000076';
const FN77 = '00000000-0000-4000-8000-000000000077';

const chapter: ChapterSnapshot = {
  segments: [
    { id: 'h1', kind: 'heading', level: 2, variants: { ru: [text('Глава 1')], en: [text('Chapter 1')] } },
    {
      id: 'p1',
      kind: 'paragraph',
      variants: {
        ru: [text('Зиновьев писал в '), text('Правде', ['italic']), footnoteRef(FN76), text('.')],
        en: [text('Zinoviev wrote in '), text('Pravda', ['italic']), footnoteRef(FN76), text('.')],
      },
    },
    { id: 'q1', kind: 'blockQuote', variants: { ru: [text('Цитата'), footnoteRef(FN77)] } },
    { id: 'n76', kind: 'noteBody', footnoteId: FN76, variants: { ru: [text('РГАСПИ, ф. 17')], en: [text('RGASPI, f. 17')] } },
    { id: 'n76b', kind: 'noteBody', footnoteId: FN76, variants: { ru: [text('Там же', ['bold'])] } },
    { id: 'n77', kind: 'noteBody', footnoteId: FN77, variants: {} },
  ],
  order: ['h1', 'p1', 'q1'],
  footnotes: [
    { id: FN76, labels: { ru: '76', en: '12' }, body: ['n76', 'n76b'] },
    { id: FN77, labels: { ru: '*' }, body: ['n77'] },
  ],
};

describe('buildChapterDoc / readChapterDoc', () => {
  it('round-trips a chapter with headings, marks, references and footnotes', () => {
    expect(readChapterDoc(buildChapterDoc(chapter))).toEqual(chapter);
  });

  it('lays the document out as the schema says', () => {
    const doc = buildChapterDoc(chapter);
    expect(doc.getArray(ORDER).toArray()).toEqual(['h1', 'p1', 'q1']);
    const h1 = doc.getMap<Y.Map<unknown>>(SEGMENTS).get('h1')!;
    expect(h1.get(SEGMENT_FIELDS.kind)).toBe('heading');
    expect(h1.get(SEGMENT_FIELDS.level)).toBe(2);
    const texts = h1.get(SEGMENT_FIELDS.text) as Y.Map<Y.Text>;
    expect([...texts.keys()].sort()).toEqual(['en', 'ru']);
    expect(texts.get('en')!.toString()).toBe('Chapter 1');
    const p1 = doc.getMap<Y.Map<unknown>>(SEGMENTS).get('p1')!;
    expect((p1.get(SEGMENT_FIELDS.text) as Y.Map<Y.Text>).get('en')!.toDelta()).toEqual([
      { insert: 'Zinoviev wrote in ' },
      { insert: 'Pravda', attributes: { italic: true } },
      { insert: { footnoteRef: FN76 } },
      { insert: '.' },
    ]);
    const fn = doc.getMap<Y.Map<unknown>>(FOOTNOTES).get(FN76)!;
    expect((fn.get('body') as Y.Array<string>).toArray()).toEqual(['n76', 'n76b']);
    expect((fn.get('labels') as Y.Map<string>).toJSON()).toEqual({ ru: '76', en: '12' });
    expect((doc.getMap<Y.Map<unknown>>(SEGMENTS).get('n76')!).get(SEGMENT_FIELDS.footnoteId)).toBe(FN76);
  });

  it('creates an empty Y.Text for every listed language up front', () => {
    const doc = buildChapterDoc(chapter, { languages: ['en', 'ru', 'de'] });
    const read = readChapterDoc(doc);
    expect(read.segments.every((s) => Object.keys(s.variants).sort().join() === 'de,en,ru')).toBe(true);
    expect(read.segments.find((s) => s.id === 'q1')!.variants).toEqual({ ru: chapter.segments[2]!.variants.ru, en: [], de: [] });
  });

  it('builds the same chapter identically in two processes, so merging them duplicates nothing', () => {
    const one = buildChapterDoc(chapter);
    const two = buildChapterDoc(chapter);
    expect(one.clientID).not.toBe(two.clientID);
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    expect(readChapterDoc(one)).toEqual(chapter);
    expect(readChapterDoc(two)).toEqual(chapter);
  });

  it('merges builds of different snapshots like concurrent edits (no shared ids, no divergence)', () => {
    const changed: ChapterSnapshot = { ...chapter, order: ['p1', 'h1', 'q1'] };
    const one = buildChapterDoc(chapter);
    const two = buildChapterDoc(changed);
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    expect(readChapterDoc(one)).toEqual(readChapterDoc(two));
    expect(Y.encodeStateVector(one)).toEqual(Y.encodeStateVector(two));
  });

  it('leaves out order and body ids without a segment, and repeated ids', () => {
    const snapshot: ChapterSnapshot = {
      segments: [{ id: 'a', kind: 'paragraph', variants: { en: [text('A')] } }],
      order: ['a', 'ghost', 'a'],
      footnotes: [{ id: 'f', labels: {}, body: ['ghost'] }],
    };
    expect(readChapterDoc(buildChapterDoc(snapshot))).toEqual({
      segments: [{ id: 'a', kind: 'paragraph', variants: { en: [text('A')] } }],
      order: ['a'],
      footnotes: [{ id: 'f', labels: {}, body: [] }],
    });
  });

  it('fills only an empty document, and checks language tags before writing anything', () => {
    const doc = buildChapterDoc(chapter);
    expect(() => fillChapterDoc(doc, chapter)).toThrow(expect.objectContaining({ code: 'DOC_NOT_EMPTY' }));
    const fresh = new Y.Doc();
    const bad: ChapterSnapshot = { segments: [{ id: 'x', kind: 'paragraph', variants: { 'not a tag': [] } }], order: ['x'], footnotes: [] };
    expect(() => fillChapterDoc(fresh, bad)).toThrow(ChapterDocError);
    expect(readChapterDoc(fresh)).toEqual({ segments: [], order: [], footnotes: [] });
  });

  it('fills in one transaction with the given origin', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    // (Yjs opens an empty transaction when a top-level array is first defined: not a change.)
    doc.on('afterTransaction', (tr: Y.Transaction) => tr.changed.size > 0 && origins.push(tr.origin));
    fillChapterDoc(doc, chapter, { origin: 'seed' });
    expect(origins).toEqual(['seed']);
  });
});

describe('readVariant / variantText', () => {
  it('reads one variant, or null when the segment or the language is missing', () => {
    const doc = buildChapterDoc(chapter);
    expect(readVariant(doc, 'h1', 'en')).toEqual([text('Chapter 1')]);
    expect(readVariant(doc, 'h1', 'de')).toBeNull();
    expect(readVariant(doc, 'nope', 'en')).toBeNull();
  });

  it('creates a missing Y.Text on request, only for an existing segment and a well-formed tag', () => {
    const doc = buildChapterDoc(chapter);
    expect(variantText(doc, 'h1', 'de')).toBeNull();
    const de = variantText(doc, 'h1', 'de', true)!;
    expect(de).toBeInstanceOf(Y.Text);
    expect(variantText(doc, 'h1', 'de')).toBe(de);
    expect(readContent(de)).toEqual([]);
    expect(variantText(doc, 'nope', 'de', true)).toBeNull();
    expect(() => variantText(doc, 'h1', '../etc', true)).toThrow(ChapterDocError);
  });

  it('returns the live Y.Text, so edits through it are what readers see', () => {
    const doc = buildChapterDoc(chapter);
    variantText(doc, 'h1', 'en')!.insert(9, ' (continued)');
    expect(readVariant(doc, 'h1', 'en')).toEqual([text('Chapter 1 (continued)')]);
  });
});
