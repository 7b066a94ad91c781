import { jest } from '@jest/globals';
import pg from 'pg';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { eventually } from '../support/eventually.js';
import { createUser, startTestServer, testDatabaseUrl, type TestServer } from '../support/test-app.js';
import { type Chapter, type Client, collabToken, connect, createChapter, liveContents, rowContents, synced, textOf, wsBase } from './collab-support.js';
import { kill, spawnServer, type SpawnedServer } from './spawned-server.js';

jest.setTimeout(120_000);

/**
 * Two API processes sharing documents through Redis (127.0.0.1:6379; keys are prefixed with the
 * test database's name, unique per run). Clients on different processes co-edit one chapter.
 */
describe('collaboration across processes', () => {
  let setup: TestServer;
  let db: pg.Pool;
  let one: SpawnedServer;
  let two: SpawnedServer;
  const clients: Client[] = [];
  const open = (...args: Parameters<typeof connect>): Client => {
    const client = connect(...args);
    clients.push(client);
    return client;
  };
  const redis = { REDIS_URL: 'redis://127.0.0.1:6379' };
  /** Runs `work`; when it fails, the servers' own logs go into the failure (they are the evidence). */
  const explained = async (servers: SpawnedServer[], work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      const logs = servers.map((s) => `\n--- server on port ${s.port} ---\n${s.output().slice(-4000) || '(no output)'}`).join('');
      if (error instanceof Error) error.message += logs;
      throw error;
    }
  };

  beforeAll(async () => {
    setup = await startTestServer();
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    [one, two] = await Promise.all([spawnServer(redis), spawnServer(redis)]);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await Promise.all([kill(one), kill(two)]);
    await setup.close();
    await db.end();
  });

  it('relays updates and awareness so clients on each process converge, and the rows follow once', async () => {
    const chapter: Chapter = await createChapter(setup, await createUser(setup), 3);
    const token = await collabToken(setup, chapter, chapter.owner);
    const a = open(one, chapter.documentId, token);
    const b = open(two, chapter.documentId, token);
    await synced(a);
    await synced(b);
    for (let i = 0; i < 30; i++) {
      const ta = textOf(a.doc, chapter.segments[i % 3]!, 'de');
      ta.insert(ta.length, `a${i} `);
      const tb = textOf(b.doc, chapter.segments[(i + 1) % 3]!, 'de');
      tb.insert(0, `b${i} `);
    }
    a.provider.awareness.setLocalStateField('cursor', { segment: chapter.segments[0], lang: 'de' });
    await eventually(() => {
      expect(JSON.stringify(liveContents(b.doc))).toBe(JSON.stringify(liveContents(a.doc)));
      expect([...b.provider.awareness.getStates().values()].some((s) => (s as { cursor?: unknown }).cursor !== undefined)).toBe(true);
    });
    const expected = liveContents(a.doc);
    await eventually(async () => expect(await rowContents(setup, chapter)).toEqual(expected), { timeout: 20_000 });
    // One process materialised each change: one history entry per variant.
    const history = await db.query(
      `SELECT segment_id, language, count(*)::int AS n FROM history_entries WHERE document_id = $1 AND source = 'live' GROUP BY 1, 2`,
      [chapter.documentId],
    );
    for (const row of history.rows as { n: number }[]) expect(row.n).toBe(1);
  });

  it('loses nothing when one process is killed: its clients move to the other and everything converges', async () => {
    const chapter: Chapter = await createChapter(setup, await createUser(setup), 2);
    const [segment] = chapter.segments as [string];
    const token = await collabToken(setup, chapter, chapter.owner);
    const doomed = await spawnServer(redis);
    await explained([doomed, two], async () => {
      const writer = open(doomed, chapter.documentId, token);
      const observer = open(two, chapter.documentId, token);
      await synced(writer);
      await synced(observer);
      let typed = '';
      for (let i = 0; i < 50; i++) {
        const t = textOf(writer.doc, segment, 'ru');
        t.insert(t.length, 'ж');
        typed += 'ж';
        if (i === 25) await eventually(() => expect(textOf(observer.doc, segment, 'ru').length).toBeGreaterThan(5));
      }
      await kill(doomed, 'SIGKILL');
      const seen = Y.encodeStateVector(observer.doc);
      // What the observer (on the surviving process) saw from the killed one is stored.
      const stored = new Y.Doc();
      const snapshot = await db.query(`SELECT state FROM collab_snapshots WHERE document_id = $1`, [chapter.documentId]);
      Y.applyUpdate(stored, new Uint8Array(snapshot.rows[0].state as Buffer));
      for (const row of (await db.query(`SELECT update FROM collab_updates WHERE document_id = $1 ORDER BY id`, [chapter.documentId])).rows) {
        Y.applyUpdate(stored, new Uint8Array(row.update as Buffer));
      }
      const have = Y.decodeStateVector(Y.encodeStateVector(stored));
      for (const [client, clock] of Y.decodeStateVector(seen)) expect(have.get(client) ?? 0).toBeGreaterThanOrEqual(clock);

      // The load balancer sends the writer to the surviving process; its unsent typing follows by sync.
      writer.provider.destroy();
      const moved = new WebsocketProvider(wsBase(two), chapter.documentId, writer.doc, {
        params: { token },
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      });
      try {
        await eventually(() => expect(moved.synced).toBe(true), { timeout: 15_000 });
        const t = textOf(writer.doc, segment, 'ru');
        t.insert(t.length, '!');
        typed += '!';
        await eventually(() => expect(textOf(observer.doc, segment, 'ru').toString()).toBe(typed), { timeout: 15_000 });
        // The dead process held the materialiser lease; the survivor takes over when it expires.
        await eventually(async () => expect((await rowContents(setup, chapter))[`${segment}/ru`]).toEqual([{ type: 'text', text: typed }]), {
          timeout: 30_000,
        });
      } finally {
        moved.destroy();
      }
    }).finally(() => kill(doomed, 'SIGKILL'));
  });
});
