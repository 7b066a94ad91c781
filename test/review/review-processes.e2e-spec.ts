import { jest } from '@jest/globals';
import pg from 'pg';
import { addMember, api, collabToken, createChapter, openPerTest, synced, textOf, type Chapter, type Member } from '../collaboration/collab-support.js';
import { kill, spawnServer, type SpawnedServer } from '../collaboration/spawned-server.js';
import { eventually } from '../support/eventually.js';
import { createUser, startTestServer, testDatabaseUrl, type TestServer } from '../support/test-app.js';
import { readVariant, reviewPaths, writeText } from './review-support.js';

jest.setTimeout(120_000);

/**
 * Two API processes (Redis between them): the translator types on one, the reviewer approves on the
 * other what they had read before the typing. The approving process decides against what is stored
 * (its copy catches up from the log first), so the approval is refused whether or not the typing has
 * reached the rows yet.
 */
describe('approvals across processes', () => {
  let setup: TestServer;
  let db: pg.Pool;
  let one: SpawnedServer;
  let two: SpawnedServer;
  let chapter: Chapter;
  let translator: Member;
  let reviewer: Member;
  const open = openPerTest();

  beforeAll(async () => {
    setup = await startTestServer();
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    const redis = { REDIS_URL: 'redis://127.0.0.1:6379' };
    [one, two] = await Promise.all([spawnServer(redis), spawnServer(redis)]);
    chapter = await createChapter(setup, await createUser(setup), 3);
    translator = await addMember(setup, chapter, 'translator', ['de']);
    reviewer = await addMember(setup, chapter, 'reviewer');
    for (const s of chapter.segments) await writeText(setup, translator.token, chapter, s, 'de', `Absatz ${s.slice(0, 4)}.`);
  });
  afterAll(async () => {
    await Promise.all([kill(one), kill(two)]);
    await setup.close();
    await db.end();
  });

  it('refuses on process two an approval of text that changed live on process one', async () => {
    const paths = reviewPaths(chapter);
    for (const s of chapter.segments) {
      // Both processes hold the chapter live.
      const editor = open(one, chapter.documentId, await collabToken(setup, chapter, translator));
      const watcher = open(two, chapter.documentId, await collabToken(setup, chapter, reviewer));
      await synced(editor);
      await synced(watcher);
      const seen = await readVariant(two, reviewer.token, chapter, s, 'de');
      const before = Number((await db.query(`SELECT count(*)::int AS n FROM collab_updates WHERE document_id = $1`, [chapter.documentId])).rows[0].n);
      textOf(editor.doc, s, 'de').insert(0, 'Neu: ');
      // Stored on process one (in the log), not necessarily relayed or materialised yet.
      await eventually(async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM collab_updates WHERE document_id = $1`, [chapter.documentId]);
        expect(rows[0].n).toBeGreaterThan(before);
      });
      const res = await api(two, reviewer.token).post(paths.approve(s, 'de'), { revision: seen.revision, contentHash: seen.contentHash });
      expect(res.status).toBe(409);
      expect(res.body.error.details.plainText).toMatch(/^Neu: Absatz/);
      // Approving what the answer showed succeeds, on either process; a reader of the chapter's review
      // feed on the other process hears of it.
      // (Once the typing is in the rows, the approval below is the only later change of this variant.)
      await eventually(async () => expect((await readVariant(setup, reviewer.token, chapter, s, 'de')).plainText).toMatch(/^Neu: /), { timeout: 20_000 });
      const controller = new AbortController();
      const feed = await fetch(`${two.url}${paths.events}`, { headers: { Authorization: `Bearer ${reviewer.token}` }, signal: controller.signal });
      const reader = feed.body!.getReader();
      const { revision, contentHash } = res.body.error.details;
      const ok = await api(one, reviewer.token).post(paths.approve(s, 'de'), { revision, contentHash });
      expect(ok.status).toBe(200);
      expect(ok.body.variants.de).toMatchObject({ status: 'approved', plainText: expect.stringMatching(/^Neu: Absatz/) });
      let heard = '';
      try {
        await eventually(async () => {
          heard += new TextDecoder().decode((await reader.read()).value);
          expect(heard).toContain(s);
        });
      } finally {
        controller.abort();
      }
      editor.destroy();
      watcher.destroy();
    }
  });
});
