import { jest } from '@jest/globals';
import pg from 'pg';
import { eventually } from '../support/eventually.js';
import { createUser, startTestServer, testDatabaseUrl, type TestServer } from '../support/test-app.js';
import { allStored, collabToken, connect, createChapter, liveContents, rowContents, synced, textOf, typist } from './collab-support.js';

/**
 * The update log stays short: compaction folds it into the snapshot while people type, and a
 * graceful stop leaves nothing to fold, so the next process loads a snapshot alone.
 */
jest.setTimeout(90_000);

describe('compacting the update log', () => {
  let db: pg.Pool;
  beforeAll(() => {
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  });
  afterAll(() => db.end());

  /** Log rows of the document, and how many of them the rows were materialised from (what compaction may fold). */
  const logOf = async (documentId: string): Promise<{ rows: number; foldable: number }> => {
    const { rows } = await db.query(
      `SELECT count(*)::int AS rows, count(*) FILTER (WHERE u.id = ANY(s.materialized_ids))::int AS foldable
         FROM collab_updates u JOIN collab_snapshots s ON s.document_id = u.document_id WHERE u.document_id = $1`,
      [documentId],
    );
    return rows[0] as { rows: number; foldable: number };
  };

  it('keeps the log bounded under sustained typing, and a graceful stop leaves no foldable row', async () => {
    const compactAfterRows = 40;
    let server: TestServer = await startTestServer({ collab: { debounceMs: 50, maxDelayMs: 200, compactAfterRows } });
    const owner = await createUser(server);
    const chapter = await createChapter(server, owner, 3);
    const client = connect(server, chapter.documentId, await collabToken(server, chapter, chapter.owner), { acks: true });
    try {
      await synced(client);
      // One character per update, like a person typing fast, into two texts in turn.
      const text = 'Im Lesesaal war es kalt; die Akten lagen gebündelt auf dem Tisch. '.repeat(10);
      let longest = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          longest = Math.max(longest, (await logOf(chapter.documentId)).rows);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      })();
      let turn = 0;
      const typing = typist(() => textOf(client.doc, chapter.segments[turn++ % 2]!, 'de'), text, 2);
      await eventually(() => expect(typing.typed()).toHaveLength(text.length), { timeout: 30_000 });
      await typing.stop();
      await eventually(() => expect(allStored(client)).toBe(true), { timeout: 30_000 });
      sampling = false;
      await sampler;
      // Without compaction the log would hold every one of the updates.
      expect(longest).toBeLessThan(text.length / 2);
      await eventually(async () => expect((await logOf(chapter.documentId)).rows).toBeLessThan(compactAfterRows * 3));

      const expected = liveContents(client.doc);
      client.destroy();
      await server.close();
      expect(await logOf(chapter.documentId)).toEqual({ rows: 0, foldable: 0 });

      server = await startTestServer({ collab: { debounceMs: 50, maxDelayMs: 200 } });
      const again = connect(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
      try {
        await synced(again);
        expect(liveContents(again.doc)).toEqual(expected);
        expect(await rowContents(server, chapter)).toEqual(expected);
      } finally {
        again.destroy();
      }
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
