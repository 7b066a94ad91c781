import * as Y from 'yjs';
import { buildChapterDoc } from '#libs/collab-schema';
import { LiveDocument } from './live-document.js';
import type { LogEntry } from '../store/update-log.js';

/** A stored chapter, and a live copy loaded lazily from it over an in-memory log. */
function setup() {
  const source = buildChapterDoc(
    { order: ['s1'], segments: [{ id: 's1', kind: 'paragraph', variants: { en: [{ type: 'text', text: 'One.' }] } }], footnotes: [] },
    { languages: ['en', 'ru'] },
  );
  const snapshot = Y.encodeStateAsUpdate(source);
  const stored: LogEntry[] = [];
  const store = {
    append: async (_id: string, entries: readonly LogEntry[]) => (stored.push(...entries), entries.map(() => stored.length)),
    load: async () => ({ snapshot, version: 'v1', updates: stored.map((e, i) => ({ id: i + 1, update: e.update, userId: e.userId })) }),
    rowsExcept: async (_id: string, known: readonly number[]) =>
      stored.map((e, i) => ({ id: i + 1, update: e.update, userId: e.userId })).filter((row) => !known.includes(row.id)),
  };
  const live = new LiveDocument('d', 'p', ['en', 'ru'], store, { attempts: 1, delayMs: 1 });
  let built = 0;
  live.deferLoad(snapshot, () => (built++, true));
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

describe('LiveDocument catching up with the store', () => {
  /** An update another process stored: " Two." appended to the English text. */
  const storedElsewhere = (source: Y.Doc): Uint8Array => {
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(source));
    let update: Uint8Array | null = null;
    other.on('update', (u: Uint8Array) => (update = u));
    ((other.getMap('segments').get('s1') as Y.Map<Y.Map<Y.Text>>).get('text')!.get('en') as Y.Text).insert(4, ' Two.');
    return update!;
  };

  it('applies the log rows it lacks, with their author, and knows it holds them', async () => {
    const { source, live, stored, text } = setup();
    stored.push({ update: storedElsewhere(source), userId: 'elsewhere' });
    const authors: (string | null)[] = [];
    live.onUpdate((_update, origin) => authors.push(origin.userId));
    await live.catchUp(false, { userId: null });
    expect(text(live.missing(new Uint8Array([0]), true))).toBe('One. Two.');
    expect([...live.logIds]).toEqual([1]);
    expect(authors).toEqual(['elsewhere']);
    // Nothing more to read: a second catch-up changes nothing.
    await live.catchUp(false, { userId: null });
    expect(authors).toHaveLength(1);
    live.destroy();
  });

  it('re-reads the whole stored state when asked, taking its snapshot version', async () => {
    const { source, live, stored, text } = setup();
    stored.push({ update: storedElsewhere(source), userId: null });
    await live.catchUp(true, { userId: null });
    expect(text(live.missing(new Uint8Array([0]), true))).toBe('One. Two.');
    expect(live.snapshotVersion).toBe('v1');
    expect([...live.logIds]).toEqual([1]);
    live.destroy();
  });

  it('after a crash, serves snapshot and log rows merged, and builds from the snapshot replaying the rows', () => {
    const { source, snapshot, text, live: unused } = setup();
    // Only its fixtures are used; its awareness timer must not keep jest alive.
    unused.destroy();
    const rows: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => rows.push(u));
    const en = (source.getMap('segments').get('s1') as Y.Map<Y.Map<Y.Text>>).get('text')!.get('en') as Y.Text;
    en.insert(4, ' Two.');
    en.insert(9, ' Three.');
    const merged = Y.mergeUpdates([snapshot, ...rows]);
    const store = { append: async () => [], load: async () => ({ snapshot, version: 'v1', updates: [] }), rowsExcept: async () => [] };
    const live = new LiveDocument('d', 'p', ['en', 'ru'], store, { attempts: 1, delayMs: 1 });
    const seenByTracking: string[] = [];
    live.deferLoad(
      merged,
      () => {
        // Tracking starts here: it sees the rows replayed on top of the snapshot, not the snapshot.
        seenByTracking.push(text(Y.encodeStateAsUpdate(live.doc)));
        for (const row of rows) Y.applyUpdate(live.doc, row);
        return true;
      },
      snapshot,
    );
    expect(live.stateVector()).toEqual(Y.encodeStateVector(source));
    expect(text(live.missing(new Uint8Array([0]), true))).toBe('One. Two. Three.');
    expect(seenByTracking).toEqual([]);
    expect(text(Y.encodeStateAsUpdate(live.doc))).toBe('One. Two. Three.');
    expect(seenByTracking).toEqual(['One.']);
    // Built, and the merged bytes still describe it: a fresh client is served them as they are.
    expect(live.missing(new Uint8Array([0]), true)).toBe(merged);
    live.destroy();
  });
});
