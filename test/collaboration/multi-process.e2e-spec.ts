import { jest } from '@jest/globals';
import pg from 'pg';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { eventually } from '../support/eventually.js';
import { createUser, startTestServer, testDatabaseUrl, type TestServer } from '../support/test-app.js';
import { cli } from '../support/cli.js';
import {
  allStored,
  api,
  type Chapter,
  collabToken,
  createChapter,
  liveContents,
  openPerTest,
  rowContents,
  synced,
  textOf,
  typist,
  wsBase,
} from './collab-support.js';
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
  const open = openPerTest();
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

  /** An export through the REST API of `server`, started right away. */
  const exportMarkdown = async (server: SpawnedServer, chapter: Chapter, language: string): Promise<string> => {
    const res = await api(server, chapter.owner.token).get(`/api/projects/${chapter.projectId}/exports/markdown?language=${language}`);
    expect(res.status).toBe(200);
    return res.text;
  };

  it('exports on one process what a client of another process has just stored', async () => {
    const chapter: Chapter = await createChapter(setup, await createUser(setup), 2);
    const [segment] = chapter.segments as [string];
    const writer = open(two, chapter.documentId, await collabToken(setup, chapter, chapter.owner), { acks: true });
    await synced(writer);
    const words: string[] = [];
    await explained([one, two], async () => {
      // Several rounds, each exported as soon as the server says the typing is stored: well inside
      // the second the holding process may take to write its rows.
      for (let round = 0; round < 5; round++) {
        const text = textOf(writer.doc, segment, 'de');
        const word = `Wort${round}`;
        text.insert(text.length, `${round ? ' ' : ''}${word}`);
        words.push(word);
        await eventually(() => expect(allStored(writer)).toBe(true), { interval: 5 });
        expect(await exportMarkdown(one, chapter, 'de')).toContain(words.join(' '));
      }
    });
  });

  it('exports what was stored through a process killed just before the export', async () => {
    const chapter: Chapter = await createChapter(setup, await createUser(setup), 2);
    const [segment] = chapter.segments as [string];
    const doomed = await spawnServer(redis);
    await explained([doomed, one], async () => {
      const writer = open(doomed, chapter.documentId, await collabToken(setup, chapter, chapter.owner), { acks: true });
      await synced(writer);
      textOf(writer.doc, segment, 'ru').insert(0, 'Сохранено до гибели процесса');
      await eventually(() => expect(allStored(writer)).toBe(true), { interval: 5 });
      // The dead process held the document and its materialiser lease; nobody else has it loaded.
      await kill(doomed, 'SIGKILL');
      writer.provider.disconnect();
      expect(await exportMarkdown(one, chapter, 'ru')).toContain('Сохранено до гибели процесса');
      expect((await rowContents(setup, chapter))[`${segment}/ru`]).toEqual([{ type: 'text', text: 'Сохранено до гибели процесса' }]);
    }).finally(() => kill(doomed, 'SIGKILL'));
  });

  it('has the CLI export, a process without Redis or sockets, see what clients of a live server stored', async () => {
    const chapter: Chapter = await createChapter(setup, await createUser(setup), 2);
    const [segment] = chapter.segments as [string];
    const { slug } = (await api(setup, chapter.owner.token).get(`/api/projects/${chapter.projectId}`)).body as { slug: string };
    const writer = open(two, chapter.documentId, await collabToken(setup, chapter, chapter.owner), { acks: true });
    await synced(writer);
    await explained([two], async () => {
      // Another process holds the materialiser lease and does not hear this server (stuck, or cut off
      // from Redis): the server keeps its marks and its rows lag until the lease runs out.
      await db.query(`UPDATE collab_snapshots SET materializer = 'elsewhere', materializer_until = now() + interval '8 seconds' WHERE document_id = $1`, [
        chapter.documentId,
      ]);
      const text = textOf(writer.doc, segment, 'de');
      text.insert(0, 'Vor dem Export getippt');
      await eventually(() => expect(allStored(writer)).toBe(true), { interval: 5 });
      const result = await cli(['export', '--project', slug, '--lang', 'de', '--json'], { REDIS_URL: '' });
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as { markdown: string }).markdown).toContain('Vor dem Export getippt');
      // The server writes the rows again once the lease is free, after the CLI wrote them (and compacted the log).
      text.insert(text.length, ', und danach');
      await eventually(
        async () => expect((await rowContents(setup, chapter))[`${segment}/de`]).toEqual([{ type: 'text', text: 'Vor dem Export getippt, und danach' }]),
        { timeout: 30_000 },
      );
    });
  });

  it('offers a target language added while clients on both processes are connected, its texts created once', async () => {
    const chapter: Chapter = await createChapter(setup, await createUser(setup), 3);
    const [first, second] = chapter.segments as [string, string];
    const token = await collabToken(setup, chapter, chapter.owner);
    const a = open(one, chapter.documentId, token);
    const b = open(two, chapter.documentId, token);
    await synced(a);
    await synced(b);
    await explained([one, two], async () => {
      // Someone keeps typing while the language is added (through process one).
      const typing = typist(() => textOf(b.doc, first, 'ru'), 'Печатаю, пока добавляют язык. '.repeat(3), 10);
      await eventually(() => expect(typing.typed().length).toBeGreaterThan(5));
      const patched = await api(one, chapter.owner.token).patch(`/api/projects/${chapter.projectId}`, { targetLanguages: ['ru', 'de', 'fr'] });
      expect(patched.status).toBe(200);
      // Every segment gets a French text, and each connection comes back (4000) with the right to write it.
      for (const client of [a, b]) {
        await eventually(
          () => {
            for (const id of chapter.segments) textOf(client.doc, id, 'fr');
            expect(client.closes.map((c) => c.code)).toContain(4000);
            expect(client.provider.synced).toBe(true);
          },
          { timeout: 20_000 },
        );
      }
      await typing.stop();
      textOf(a.doc, first, 'fr').insert(0, 'Bonjour');
      textOf(b.doc, second, 'fr').insert(0, 'Salut');
      const typed = typing.typed();
      await eventually(
        () => {
          for (const client of [a, b]) {
            expect(textOf(client.doc, first, 'fr').toString()).toBe('Bonjour');
            expect(textOf(client.doc, second, 'fr').toString()).toBe('Salut');
            expect(textOf(client.doc, first, 'ru').toString()).toBe(typed);
          }
        },
        { timeout: 20_000 },
      );
      // One process created the texts: no segment's text map has a second, overwritten French text.
      for (const id of chapter.segments) {
        const texts = textOf(a.doc, id, 'fr').parent as Y.Map<Y.Text>;
        expect(texts._map.get('fr')!.left).toBeNull();
      }
      await eventually(
        async () => {
          const rows = await rowContents(setup, chapter);
          expect(rows[`${first}/fr`]).toEqual([{ type: 'text', text: 'Bonjour' }]);
          expect(rows[`${second}/fr`]).toEqual([{ type: 'text', text: 'Salut' }]);
          expect(rows[`${first}/ru`]).toEqual([{ type: 'text', text: typed }]);
        },
        { timeout: 30_000 },
      );
    });
  });
});
