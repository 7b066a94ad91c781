import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { jest } from '@jest/globals';
import pg from 'pg';
import * as Y from 'yjs';
import { eventually } from '../support/eventually.js';
import { createUser, startTestServer, testDatabaseUrl, type TestServer } from '../support/test-app.js';
import { type Chapter, collabToken, createChapter, openPerTest, rowContents, synced, textOf, typist } from './collab-support.js';
import { kill, spawnServer, type SpawnedServer } from './spawned-server.js';

jest.setTimeout(120_000);

/**
 * Failures: the server killed mid-edit, PostgreSQL going away while people type. The durable
 * promise is "nothing any other client has seen is lost, and nobody's text doubles".
 */
describe('collaboration under failures', () => {
  let setup: TestServer;
  let db: pg.Pool;
  const open = openPerTest();

  beforeAll(async () => {
    // Users and chapters are made through an in-process server on the same database.
    setup = await startTestServer();
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  });
  afterAll(async () => {
    await setup.close();
    await db.end();
  });

  /** The document as PostgreSQL has it: snapshot plus log. */
  async function storedDoc(documentId: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
    const snapshot = await db.query(`SELECT state FROM collab_snapshots WHERE document_id = $1`, [documentId]);
    if (snapshot.rows[0]) Y.applyUpdate(doc, new Uint8Array(snapshot.rows[0].state as Buffer));
    const log = await db.query(`SELECT update FROM collab_updates WHERE document_id = $1 ORDER BY id`, [documentId]);
    for (const row of log.rows as { update: Buffer }[]) Y.applyUpdate(doc, new Uint8Array(row.update));
    return doc;
  }

  const covers = (stored: Y.Doc, seen: Y.Doc): boolean => {
    const have = Y.decodeStateVector(Y.encodeStateVector(stored));
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(seen))) if ((have.get(client) ?? 0) < clock) return false;
    return true;
  };

  it('loses nothing another client saw when the server is killed with SIGKILL mid-edit, and re-syncs without doubling', async () => {
    const chapter: Chapter = await createChapter(setup, await createUser(setup), 2);
    const [segment] = chapter.segments as [string];
    let server: SpawnedServer = await spawnServer();
    try {
      const token = await collabToken(server, chapter, chapter.owner);
      const writer = open(server, chapter.documentId, token);
      const observer = open(server, chapter.documentId, token);
      await synced(writer);
      await synced(observer);
      const input = 'Die Kollektivierung der Landwirtschaft 1929–1933. '.repeat(8);
      const typing = typist(() => textOf(writer.doc, segment, 'de'), input);
      await eventually(() => expect(textOf(observer.doc, segment, 'de').length).toBeGreaterThan(40));
      await kill(server, 'SIGKILL');
      const seen = new Y.Doc();
      Y.applyUpdate(seen, Y.encodeStateAsUpdate(observer.doc));
      const stored = await storedDoc(chapter.documentId);
      // Every update the observer had received is in PostgreSQL.
      expect(covers(stored, seen)).toBe(true);
      expect(textOf(stored, segment, 'de').toString().startsWith(textOf(seen, segment, 'de').toString())).toBe(true);

      // Restarted on the same port: the providers reconnect by themselves, while typing goes on.
      server = await spawnServer({}, server.port);
      await synced(writer, 30_000);
      await typing.stop();
      const expected = typing.typed();
      await eventually(
        () => {
          expect(textOf(writer.doc, segment, 'de').toString()).toBe(expected);
          expect(textOf(observer.doc, segment, 'de').toString()).toBe(expected);
        },
        { timeout: 30_000 },
      );
      await eventually(async () => expect((await rowContents(server, chapter))[`${segment}/de`]).toEqual([{ type: 'text', text: expected }]), {
        timeout: 20_000,
      });
      expect(textOf(await storedDoc(chapter.documentId), segment, 'de').toString()).toBe(expected);
    } finally {
      await kill(server, 'SIGKILL');
    }
  });

  it('materialises and says goodbye on SIGTERM', async () => {
    const chapter: Chapter = await createChapter(setup, await createUser(setup), 1);
    const server = await spawnServer();
    try {
      const client = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner), { acks: true });
      await synced(client);
      textOf(client.doc, chapter.segments[0]!, 'ru').insert(0, 'До свидания');
      await eventually(() => expect(client.stored.length).toBeGreaterThan(0));
      const closed = new Promise<number>((resolve) =>
        client.provider.on('connection-close', (event) => event && resolve(event.code)),
      );
      expect(await kill(server, 'SIGTERM')).toBe(0);
      expect(await closed).toBe(1001);
      const { rows } = await db.query(`SELECT content FROM variants WHERE segment_id = $1 AND language = 'ru'`, [chapter.segments[0]]);
      expect(rows[0]?.content).toEqual([{ type: 'text', text: 'До свидания' }]);
    } finally {
      await kill(server, 'SIGKILL');
    }
  });

  /**
   * PostgreSQL restarting, simulated with a TCP proxy in front of it that the test cuts (every
   * connection dropped, new ones refused) and restores. A private PostgreSQL cluster would be the
   * real thing but takes seconds to initdb and start on a 2-core machine; the shared cluster must not
   * be restarted (other test files use it); and what the server sees is the same: connections
   * failing mid-query, then refused, then accepted again.
   */
  it('loses nothing when PostgreSQL goes away while clients edit, and recovers', async () => {
    const chapter: Chapter = await createChapter(setup, await createUser(setup), 2);
    const [segment] = chapter.segments as [string];
    const proxy = await startProxy(new URL(testDatabaseUrl()));
    const proxied = new URL(testDatabaseUrl());
    proxied.host = `127.0.0.1:${proxy.port}`;
    const server = await startTestServer({ databaseUrl: proxied.toString() });
    try {
      const token = await collabToken(server, chapter, chapter.owner);
      const writer = open(server, chapter.documentId, token, { acks: true });
      const observer = open(server, chapter.documentId, token);
      await synced(writer);
      await synced(observer);
      const typing = typist(() => textOf(writer.doc, segment, 'en'), 'Typing through a database restart. '.repeat(6), 5);
      await eventually(() => expect(textOf(observer.doc, segment, 'en').length).toBeGreaterThan(20));
      proxy.cut();
      const typedWhileDown = typing.typed().length;
      await eventually(() => expect(typing.typed().length).toBeGreaterThan(typedWhileDown + 40));
      // Nothing that could not be stored was passed on.
      expect(textOf(observer.doc, segment, 'en').length).toBeLessThan('Paragraph 0 of the source.'.length + typing.typed().length - 30);
      proxy.restore();
      await typing.stop();
      const expected = typing.typed();
      await eventually(
        () => {
          expect(textOf(observer.doc, segment, 'en').toString()).toBe(`Paragraph 0 of the source.${expected}`);
        },
        { timeout: 30_000 },
      );
      expect(writer.closes.filter((c) => c.code !== 1001)).toEqual([]);
      await eventually(async () => expect((await rowContents(server, chapter))[`${segment}/en`]).toEqual([
        { type: 'text', text: `Paragraph 0 of the source.${expected}` },
      ]), { timeout: 20_000 });
      expect(textOf(await storedDoc(chapter.documentId), segment, 'en').toString()).toBe(`Paragraph 0 of the source.${expected}`);
    } finally {
      await server.close();
      await proxy.close();
    }
  });
});

interface Proxy {
  port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

async function startProxy(target: URL): Promise<Proxy> {
  const sockets = new Set<Socket>();
  let accepting = true;
  const server: Server = createServer((client) => {
    if (!accepting) {
      client.destroy();
      return;
    }
    const upstream = tcpConnect(Number(target.port || 5432), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    cut: () => {
      accepting = false;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    restore: () => {
      accepting = true;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
