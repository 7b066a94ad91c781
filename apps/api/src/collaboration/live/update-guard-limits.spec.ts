import * as Y from 'yjs';
import { buildChapterDoc } from '#libs/collab-schema';
import { CONTENT_LIMITS } from '#libs/content';
import { inspectUpdate } from './update-guard.js';

/** A live text may not grow past what a REST write may store (issue 8: bounds on live documents). */
describe('inspectUpdate: the length of a text', () => {
  const setup = (start: string) => {
    const server = buildChapterDoc(
      { order: ['s1'], segments: [{ id: 's1', kind: 'paragraph', variants: { en: [{ type: 'text', text: start }] } }], footnotes: [] },
      { languages: ['en', 'de'] },
    );
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const text = ((client.getMap('segments').get('s1') as Y.Map<unknown>).get('text') as Y.Map<Y.Text>).get('en')!;
    const edit = (change: () => void): Uint8Array => {
      const before = Y.encodeStateVector(client);
      change();
      return Y.encodeStateAsUpdate(client, before);
    };
    return { server, text, edit };
  };
  const all = () => true;

  it('accepts typing up to the limit and refuses what goes past it', () => {
    const { server, text, edit } = setup('x'.repeat(CONTENT_LIMITS.characters - 10));
    expect(inspectUpdate(server, edit(() => text.insert(0, 'y'.repeat(10))), all)).toMatchObject({ ok: true });
    const { server: s2, text: t2, edit: e2 } = setup('x'.repeat(CONTENT_LIMITS.characters - 10));
    expect(inspectUpdate(s2, e2(() => t2.insert(0, 'y'.repeat(11))), all)).toEqual({ ok: false, reason: 'text too long' });
  });

  it('counts what the same update deletes: replacing a long text with a short one is fine', () => {
    const { server, text, edit } = setup('x'.repeat(CONTENT_LIMITS.characters - 5));
    const update = edit(() => {
      text.delete(0, text.length);
      text.insert(0, 'a short text now');
    });
    expect(inspectUpdate(server, update, all)).toMatchObject({ ok: true });
  });
});
