import * as Y from 'yjs';
import { footnoteRef, text } from '#libs/content';
import { chapterChanges } from './chapter-changes.js';
import { buildChapterDoc, readChapterDoc, readVariant, variantText } from './chapter-doc.js';
import { insertSegment, moveSegment, removeFootnote, removeSegment, setVariantContent } from './chapter-edits.js';
import { applyContentDiff } from './content-diff.js';
import { type ChapterSnapshot, FOOTNOTES, ORDER, SEGMENTS } from './schema.js';
import { readContent } from './text-content.js';

/**
 * A client can write anything into the document. These tests write what a careless or hostile
 * client could, send it over as an update (as the server would receive it), and check that the
 * readers skip what does not fit and never throw.
 */
function received(write: (doc: Y.Doc) => void, base?: Y.Doc): Y.Doc {
  const client = new Y.Doc();
  if (base) Y.applyUpdate(client, Y.encodeStateAsUpdate(base));
  client.transact(() => write(client));
  const server = new Y.Doc();
  if (base) Y.applyUpdate(server, Y.encodeStateAsUpdate(base));
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  return server;
}

const empty: ChapterSnapshot = { segments: [], order: [], footnotes: [] };

const chapter: ChapterSnapshot = {
  segments: [
    { id: 'a', kind: 'paragraph', variants: { en: [text('Alpha '), text('beta', ['italic']), footnoteRef('f')] } },
    { id: 'n', kind: 'noteBody', footnoteId: 'f', variants: { en: [text('Note')] } },
  ],
  order: ['a'],
  footnotes: [{ id: 'f', labels: { en: '1' }, body: ['n'] }],
};

describe('reading malformed documents', () => {
  it('survives top-level names holding the wrong kind of type', () => {
    const doc = received((d) => {
      d.getMap(ORDER).set('x', 1);
      d.getArray(SEGMENTS).push(['a', new Y.Map()]);
      d.getText(FOOTNOTES).insert(0, 'garbage', { bold: true });
    });
    expect(readChapterDoc(doc)).toEqual(empty);
    expect(readVariant(doc, 'a', 'en')).toBeNull();
  });

  it('returns an empty chapter when this process defined a root as another type', () => {
    const doc = new Y.Doc();
    doc.getText(SEGMENTS);
    expect(readChapterDoc(doc)).toEqual(empty);
    expect(readVariant(doc, 'a', 'en')).toBeNull();
  });

  it('skips junk in the order and junk instead of segments', () => {
    const doc = received((d) => {
      d.getArray<unknown>(ORDER).push([42, null, { id: 'a' }, ['a'], 'missing', 'str', 'arr', 'ok', 'ok', new Y.Map(), '']);
      const segments = d.getMap<unknown>(SEGMENTS);
      segments.set('str', 'not a map');
      segments.set('arr', new Y.Array());
      const ok = new Y.Map<unknown>();
      segments.set('ok', ok);
      ok.set('kind', 'paragraph');
    });
    expect(readChapterDoc(doc)).toEqual({ segments: [{ id: 'ok', kind: 'paragraph', variants: {} }], order: ['ok'], footnotes: [] });
  });

  it('reads odd segment fields as the schema allows', () => {
    const doc = received((d) => {
      const segments = d.getMap<unknown>(SEGMENTS);
      const add = (id: string, fields: Record<string, unknown>): Y.Map<unknown> => {
        const map = new Y.Map<unknown>();
        segments.set(id, map);
        for (const [k, v] of Object.entries(fields)) map.set(k, v);
        return map;
      };
      add('k1', { kind: 42 });
      add('k2', { kind: 'poem' });
      add('k3', { kind: 'noteBody', footnoteId: 'f' });
      add('h1', { kind: 'heading', level: 'x' });
      add('h2', { kind: 'heading', level: 2.5 });
      add('h3', { kind: 'heading', level: -1 });
      add('h4', { kind: 'heading', level: 4 });
      add('p1', { kind: 'paragraph', level: 3, text: 'plain string' });
      add('p2', { kind: 'paragraph', text: new Y.Text('a Y.Text where a map belongs') });
      const texts = new Y.Map<unknown>();
      add('p3', { kind: 'paragraph', text: texts });
      texts.set('en', 'a string');
      texts.set('ru', new Y.Map());
      texts.set('not a tag', new Y.Text('x'));
      texts.set('', new Y.Text('x'));
      texts.set('de', new Y.Text('gut'));
      d.getArray<unknown>(ORDER).push(['k1', 'k2', 'k3', 'h1', 'h2', 'h3', 'h4', 'p1', 'p2', 'p3']);
    });
    expect(readChapterDoc(doc).segments).toEqual([
      { id: 'k1', kind: 'paragraph', variants: {} },
      { id: 'k2', kind: 'paragraph', variants: {} },
      { id: 'k3', kind: 'paragraph', variants: {} },
      { id: 'h1', kind: 'heading', variants: {} },
      { id: 'h2', kind: 'heading', variants: {} },
      { id: 'h3', kind: 'heading', variants: {} },
      { id: 'h4', kind: 'heading', level: 4, variants: {} },
      { id: 'p1', kind: 'paragraph', variants: {} },
      { id: 'p2', kind: 'paragraph', variants: {} },
      { id: 'p3', kind: 'paragraph', variants: { de: [text('gut')] } },
    ]);
    expect(readVariant(doc, 'p3', 'ru')).toBeNull();
    expect(variantText(doc, 'p2', 'en')).toBeNull();
  });

  it('skips junk inside texts: foreign embeds, embedded types, odd attributes', () => {
    const doc = received((d) => {
      const t = variantText(d, 'a', 'en')!;
      t.insertEmbed(0, { footnoteRef: 17 });
      t.insertEmbed(0, { image: 'x.png' });
      t.insertEmbed(0, new Y.Map());
      t.insertEmbed(0, new Y.Text('nested'));
      t.insertEmbed(0, { footnoteRef: '' });
      t.insert(0, 'X', { color: 'red', italic: 0, bold: 'yes' });
      t.format(1, 5, { ['__proto__']: { italic: true } });
    }, buildChapterDoc(chapter));
    expect(readVariant(doc, 'a', 'en')).toEqual([
      text('X', ['bold']),
      text('Alpha '),
      text('beta', ['italic']),
      footnoteRef('f'),
    ]);
  });

  it('skips junk in footnotes', () => {
    const doc = received((d) => {
      const footnotes = d.getMap<unknown>(FOOTNOTES);
      footnotes.set('s', 'string');
      const weird = new Y.Map<unknown>();
      footnotes.set('w', weird);
      weird.set('body', new Y.Map());
      weird.set('labels', new Y.Array());
      const half = new Y.Map<unknown>();
      footnotes.set('h', half);
      const labels = new Y.Map<unknown>();
      half.set('labels', labels);
      labels.set('en', 5);
      labels.set('ru', '5');
      labels.set('bad tag', '5');
      const body = new Y.Array<unknown>();
      half.set('body', body);
      body.push([1, 'n', 'n', 'a', 'missing']); // 'a' is already in the main flow
    }, buildChapterDoc(chapter));
    const read = readChapterDoc(doc);
    // Footnotes are read in id order, so 'f' claims 'n' before 'h' does; 'a' is main flow already.
    expect(read.footnotes).toEqual([
      { id: 'f', labels: { en: '1' }, body: ['n'] },
      { id: 'h', labels: { ru: '5' }, body: [] },
      { id: 'w', labels: {}, body: [] },
    ]);
    expect(read.order).toEqual(['a']);
    expect(read.segments.map((s) => s.id)).toEqual(['a', 'n']);
  });

  it('reads, diffs and reports around content that Yjs itself hides from deltas', () => {
    const base = buildChapterDoc(chapter);
    const doc = received((d) => {
      // ContentAny inside a Y.Text: no public API writes it, but a crafted update can. It takes
      // index positions and is invisible to toDelta(), which is why the diff walks the items.
      const t = variantText(d, 'a', 'en')!;
      const tr = d._transaction!;
      const at = t._start!.right; // after the first character run's item
      const item = new Y.Item(
        Y.createID(d.clientID, Y.getState(d.store, d.clientID)),
        t._start,
        t._start!.lastId,
        at,
        at?.id ?? null,
        t,
        null,
        new Y.ContentAny([1, 2, 3]),
      );
      item.integrate(tr, 0);
    }, base);
    const ytext = variantText(doc, 'a', 'en')!;
    expect(ytext.length).toBe(11 + 3); // "Alpha beta", the reference, and three hidden positions
    expect(readContent(ytext)).toEqual(chapter.segments[0]!.variants.en);
    const next = [text('Alpha '), text('gamma', ['bold']), footnoteRef('f'), text('.')];
    applyContentDiff(ytext, next);
    expect(readContent(ytext)).toEqual(next);
    expect(ytext.length).toBe(13 + 3);
    const changes: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => changes.push(chapterChanges(tr)));
    setVariantContent(doc, 'a', 'en', [text('Alpha')]);
    expect(readContent(ytext)).toEqual([text('Alpha')]);
    expect(ytext.length).toBe(5 + 3);
    expect(changes).toEqual([expect.objectContaining({ variants: [{ segmentId: 'a', lang: 'en' }] })]);
  });

  it('lets the write helpers work on a document with junk in it', () => {
    const doc = received((d) => {
      d.getArray<unknown>(ORDER).insert(0, [7, 'ghost']);
      d.getMap<unknown>(FOOTNOTES).set('junk', 3);
      const f = d.getMap<Y.Map<unknown>>(FOOTNOTES).get('f')!;
      f.set('body', 'not an array');
    }, buildChapterDoc(chapter));
    insertSegment(doc, { id: 'b', kind: 'paragraph' }, 1);
    moveSegment(doc, 'b', 0);
    insertSegment(doc, { id: 'n2', kind: 'noteBody', footnoteId: 'f' }, 0);
    expect(readChapterDoc(doc).order).toEqual(['b', 'a']);
    expect(readChapterDoc(doc).footnotes.find((x) => x.id === 'f')!.body).toEqual(['n2']);
    expect(removeSegment(doc, 'ghost')).toBe(false); // not a segment, though its leftover id is cleared
    expect(doc.getArray(ORDER).toArray()).toEqual([7, 'b', 'a']);
    expect(removeFootnote(doc, 'junk')).toBe(false);
  });
});
