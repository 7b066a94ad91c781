import * as Y from 'yjs';
import { buildChapterDoc } from '#libs/collab-schema';
import { LiveDocument } from './live-document.js';
import type { LogEntry } from './update-log.js';

/** A stored chapter, and a live copy loaded lazily from it over an in-memory log. */
function setup() {
  const source = buildChapterDoc(
    { order: ['s1'], segments: [{ id: 's1', kind: 'paragraph', variants: { en: [{ type: 'text', text: 'One.' }] } }], footnotes: [] },
    { languages: ['en', 'ru'] },
  );
  const snapshot = Y.encodeStateAsUpdate(source);
  const stored: LogEntry[] = [];
  const live = new LiveDocument('d', 'p', { append: async (_id, entries) => (stored.push(...entries), entries.map(() => stored.length)) }, { attempts: 1, delayMs: 1 });
  let built = 0;
  live.deferLoad(snapshot, () => built++);
  const text = (update: Uint8Array): string => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    return ((doc.getMap('segments').get('s1') as Y.Map<Y.Map<Y.Text>>).get('text')!.get('en') as Y.Text).toString();
  };
  return { source, snapshot, live, stored, built: () => built, text };
}

describe('LiveDocument lazy load and full-state cache', () => {
  it('serves a fresh client from the snapshot bytes without building the document', () => {
    const { source, snapshot, live, built } = setup();
    expect(live.stateVector()).toEqual(Y.encodeStateVector(source));
    expect(live.missing(new Uint8Array([0]), true)).toBe(snapshot);
    expect(built()).toBe(0);
    live.destroy();
  });

  it('builds on first use, then tracks; a change invalidates the cached state', async () => {
    const { source, live, stored, built, text } = setup();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(source));
    let update: Uint8Array | null = null;
    client.on('update', (u: Uint8Array) => (update = u));
    ((client.getMap('segments').get('s1') as Y.Map<Y.Map<Y.Text>>).get('text')!.get('en') as Y.Text).insert(4, ' Two.');
    await live.submit(update!, { userId: 'u' });
    expect(built()).toBe(1);
    expect(stored).toHaveLength(1);
    expect(text(live.missing(new Uint8Array([0]), true))).toBe('One. Two.');
    // Cached until the next change: the same bytes again.
    expect(live.missing(new Uint8Array([0]), true)).toBe(live.missing(new Uint8Array([0]), true));
    live.destroy();
  });
});
