import * as Y from 'yjs';
import { buildChapterDoc, footnoteEmbed, insertSegment } from '#libs/collab-schema';
import { inspectUpdate, PendingStructs } from './update-guard.js';

/** The server's copy and a client's copy of one chapter, and what the client sends. */
function setup() {
  const server = buildChapterDoc(
    {
      order: ['s1', 's2'],
      segments: [
        { id: 's1', kind: 'paragraph', variants: { en: [{ type: 'text', text: 'One.' }] } },
        { id: 's2', kind: 'heading', level: 2, variants: { en: [{ type: 'text', text: 'Two' }] } },
      ],
      footnotes: [],
    },
    { languages: ['en', 'ru', 'de'] },
  );
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const edit = (change: (doc: Y.Doc) => void): Uint8Array => {
    const before = Y.encodeStateVector(client);
    change(client);
    return Y.encodeStateAsUpdate(client, before);
  };
  const text = (id: string, lang: string) => ((client.getMap('segments').get(id) as Y.Map<unknown>).get('text') as Y.Map<Y.Text>).get(lang)!;
  return { server, client, edit, text };
}

const only = (...langs: string[]) => (lang: string) => langs.includes(lang);

describe('inspectUpdate', () => {
  it('accepts text edits in writable languages: typing, deleting, formatting, references', () => {
    const { server, edit, text } = setup();
    for (const update of [
      edit(() => text('s1', 'de').insert(0, 'Eins.')),
      edit(() => text('s1', 'en').delete(0, 2)),
      edit(() => text('s2', 'en').format(0, 3, { italic: true })),
      edit(() => text('s1', 'de').insertEmbed(2, footnoteEmbed('f1'), {})),
    ]) {
      const verdict = inspectUpdate(server, update, only('de', 'en'));
      expect(verdict.ok).toBe(true);
      Y.applyUpdate(server, update);
    }
  });

  it('refuses other languages, structure, kinds, new texts and embedded types', () => {
    const { server, edit, text, client } = setup();
    const cases: [string, Uint8Array][] = [
      ['language', edit(() => text('s1', 'ru').insert(0, 'Раз'))],
      ['order', edit((d) => d.getArray('order').delete(0, 1))],
      ['kind', edit((d) => (d.getMap('segments').get('s2') as Y.Map<unknown>).set('kind', 'paragraph'))],
      ['new text', edit(() => ((client.getMap('segments').get('s1') as Y.Map<unknown>).get('text') as Y.Map<Y.Text>).set('fr', new Y.Text('Un')))],
      ['segment', edit((d) => insertSegment(d, { id: 's3', kind: 'paragraph' }, 0, { languages: ['de'] }))],
      ['embedded type', edit(() => text('s1', 'de').insertEmbed(0, new Y.Map()))],
      ['footnotes', edit((d) => d.getMap('footnotes').set('f', new Y.Map()))],
    ];
    for (const [what, update] of cases) {
      expect([what, inspectUpdate(server, update, only('de', 'en')).ok]).toEqual([what, false]);
    }
  });

  it('places an update that builds on one accepted but not yet applied', () => {
    const { server, edit, text } = setup();
    const pending = new PendingStructs();
    const first = edit(() => text('s1', 'de').insert(0, 'a'));
    const second = edit(() => text('s1', 'de').insert(1, 'b'));
    expect(inspectUpdate(server, first, only('de'), pending).ok).toBe(true);
    expect(inspectUpdate(server, second, only('de'), pending).ok).toBe(true);
    // Without knowing the first, the second cannot be placed: refused, not guessed.
    expect(inspectUpdate(server, second, only('de')).ok).toBe(false);
  });

  it('throws on bytes that are not an update', () => {
    const { server } = setup();
    expect(() => inspectUpdate(server, new Uint8Array([5, 0xff, 0xff, 0xff]), only('de'))).toThrow();
  });
});
