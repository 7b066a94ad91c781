import * as Y from 'yjs';
import { footnoteRef, text } from '#libs/content';
import { type ChapterChanges, chapterChanges, changedVariants } from './chapter-changes.js';
import { buildChapterDoc, readChapterDoc, variantText } from './chapter-doc.js';
import { insertSegment, moveSegment, removeSegment, setFootnoteLabel, setSegmentKind, setVariantContent } from './chapter-edits.js';
import { type ChapterSnapshot, SEGMENTS, SEGMENT_FIELDS } from './schema.js';

const chapter: ChapterSnapshot = {
  segments: [
    { id: 'a', kind: 'paragraph', variants: { en: [text('Alpha')], ru: [text('Альфа')] } },
    { id: 'b', kind: 'paragraph', variants: { en: [text('Beta'), footnoteRef('f')] } },
    { id: 'n', kind: 'noteBody', footnoteId: 'f', variants: { en: [text('Note')] } },
  ],
  order: ['a', 'b'],
  footnotes: [{ id: 'f', labels: { en: '1' }, body: ['n'] }],
};

/** Runs `change` on the doc and returns what each transaction it caused reported, merged. */
function record(doc: Y.Doc, change: () => void): ChapterChanges {
  const seen: ChapterChanges[] = [];
  const listener = (tr: Y.Transaction): void => {
    seen.push(chapterChanges(tr));
  };
  doc.on('afterTransaction', listener);
  change();
  doc.off('afterTransaction', listener);
  const sortVariants = (v: ChapterChanges['variants']) =>
    [...v].sort((x, y) => `${x.segmentId}/${x.lang}`.localeCompare(`${y.segmentId}/${y.lang}`));
  return {
    variants: sortVariants(seen.flatMap((c) => c.variants)),
    segments: [...new Set(seen.flatMap((c) => c.segments))].sort(),
    order: seen.some((c) => c.order),
    footnotes: [...new Set(seen.flatMap((c) => c.footnotes))].sort(),
  };
}

const nothing: ChapterChanges = { variants: [], segments: [], order: false, footnotes: [] };

describe('chapterChanges', () => {
  it('reports the variant a local edit changed, and only that', () => {
    const doc = buildChapterDoc(chapter);
    expect(record(doc, () => variantText(doc, 'a', 'en')!.insert(5, '!'))).toEqual({
      ...nothing,
      variants: [{ segmentId: 'a', lang: 'en' }],
    });
    expect(record(doc, () => variantText(doc, 'n', 'en')!.format(0, 4, { italic: true }))).toEqual({
      ...nothing,
      variants: [{ segmentId: 'n', lang: 'en' }],
    });
  });

  it('reports variants changed by an update from another client', () => {
    const server = buildChapterDoc(chapter);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    client.transact(() => {
      variantText(client, 'a', 'ru')!.insert(0, 'Ω');
      variantText(client, 'b', 'en')!.delete(0, 1);
    });
    const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(record(server, () => Y.applyUpdate(server, update, 'remote'))).toEqual({
      ...nothing,
      variants: [
        { segmentId: 'a', lang: 'ru' },
        { segmentId: 'b', lang: 'en' },
      ],
    });
  });

  it('works on a fresh document whose roots nobody has asked for yet, or converted in an earlier listener', () => {
    const source = buildChapterDoc(chapter);
    for (const readFirst of [false, true]) {
      const server = new Y.Doc();
      const seen: ChapterChanges[] = [];
      server.on('afterTransaction', (tr: Y.Transaction) => {
        if (readFirst) readChapterDoc(server); // turns the bare roots into Y.Map / Y.Array
        seen.push(chapterChanges(tr));
      });
      Y.applyUpdate(server, Y.encodeStateAsUpdate(source));
      seen[0]!.variants.sort((x, y) => `${x.segmentId}/${x.lang}`.localeCompare(`${y.segmentId}/${y.lang}`));
      seen[0]!.segments.sort();
      expect(seen[0]).toEqual({
        variants: [
          { segmentId: 'a', lang: 'en' },
          { segmentId: 'a', lang: 'ru' },
          { segmentId: 'b', lang: 'en' },
          { segmentId: 'n', lang: 'en' },
        ],
        segments: ['a', 'b', 'n'],
        order: true,
        footnotes: ['f'],
      });
    }
  });

  it('reports every variant of a segment that was added, and the order', () => {
    const doc = buildChapterDoc(chapter);
    const changes = record(doc, () =>
      insertSegment(doc, { id: 'c', kind: 'paragraph', variants: { en: [text('Gamma')] } }, 1, { languages: ['de'] }),
    );
    expect(changes).toEqual({
      variants: [
        { segmentId: 'c', lang: 'de' },
        { segmentId: 'c', lang: 'en' },
      ],
      segments: ['c'],
      order: true,
      footnotes: [],
    });
  });

  it('reports a Y.Text created or replaced under a language', () => {
    const doc = buildChapterDoc(chapter);
    expect(record(doc, () => setVariantContent(doc, 'b', 'de', [text('Beta')])).variants).toEqual([
      { segmentId: 'b', lang: 'de' },
    ]);
    const texts = doc.getMap<Y.Map<unknown>>(SEGMENTS).get('a')!.get(SEGMENT_FIELDS.text) as Y.Map<Y.Text>;
    expect(record(doc, () => texts.set('en', new Y.Text('replaced'))).variants).toEqual([{ segmentId: 'a', lang: 'en' }]);
    const segment = doc.getMap<Y.Map<unknown>>(SEGMENTS).get('a')!;
    expect(record(doc, () => segment.set(SEGMENT_FIELDS.text, new Y.Map())).variants).toEqual([]);
  });

  it('reports structure: removal, moves, kind changes, footnote labels', () => {
    const doc = buildChapterDoc(chapter);
    expect(record(doc, () => moveSegment(doc, 'b', 0))).toEqual({ ...nothing, order: true });
    expect(record(doc, () => setSegmentKind(doc, 'a', 'heading', 3))).toEqual({ ...nothing, segments: ['a'] });
    expect(record(doc, () => setFootnoteLabel(doc, 'f', 'ru', '1'))).toEqual({ ...nothing, footnotes: ['f'] });
    expect(record(doc, () => removeSegment(doc, 'n'))).toEqual({ ...nothing, segments: ['n'], footnotes: ['f'] });
    expect(record(doc, () => removeSegment(doc, 'a'))).toEqual({ ...nothing, segments: ['a'], order: true });
  });

  it('ignores types outside the schema', () => {
    const doc = buildChapterDoc(chapter);
    expect(record(doc, () => doc.getText('elsewhere').insert(0, 'x'))).toEqual(nothing);
    const segment = doc.getMap<Y.Map<unknown>>(SEGMENTS).get('a')!;
    const comment = new Y.Text();
    expect(record(doc, () => segment.set('comment', comment))).toEqual({ ...nothing, segments: ['a'] });
    expect(record(doc, () => comment.insert(0, 'not a variant'))).toEqual(nothing);
    const stray = new Y.Text();
    expect(record(doc, () => doc.getArray('order').push([stray]))).toEqual({ ...nothing, order: true });
    expect(record(doc, () => stray.insert(0, 'nested in an array'))).toEqual(nothing);
  });

  it('changedVariants is the variants part', () => {
    const doc = buildChapterDoc(chapter);
    const got: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => got.push(...changedVariants(tr)));
    variantText(doc, 'b', 'en')!.insert(0, '>');
    expect(got).toEqual([{ segmentId: 'b', lang: 'en' }]);
  });
});
