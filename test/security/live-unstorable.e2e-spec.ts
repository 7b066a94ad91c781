import { DataSource } from 'typeorm';
import { eventually } from '../support/eventually.js';
import { createUser, startTestServer, type TestServer } from '../support/test-app.js';
import { api, type Chapter, collabToken, createChapter, openPerTest, rowContents, synced, textOf } from '../collaboration/collab-support.js';

/**
 * Live typing the store cannot keep (issue 8, item 1): a NUL typed through the socket, and a
 * variant the database refuses for any other reason. Neither may stop the chapter from being
 * materialised, nor its exports from answering, nor make the materialiser retry for ever.
 */
describe('live text the store cannot keep', () => {
  let server: TestServer;
  let chapter: Chapter;
  const open = openPerTest();
  const t = (text: string) => [{ type: 'text', text }];

  beforeAll(async () => {
    server = await startTestServer();
    chapter = await createChapter(server, await createUser(server), 3);
  });
  afterAll(() => server.close());

  const exportDe = () => api(server, chapter.owner.token).get(`/api/projects/${chapter.projectId}/exports/markdown?language=de`);

  it('a NUL typed live is left out of the rows, and exports keep working', async () => {
    const client = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
    await synced(client);
    textOf(client.doc, chapter.segments[0]!, 'de').insert(0, 'Der Kon\u0000gress tagte.');
    await eventually(async () => expect((await rowContents(server, chapter))[`${chapter.segments[0]}/de`]).toEqual(t('Der Kongress tagte.')), {
      timeout: 20_000,
      interval: 100,
    });
    const res = await exportDe();
    expect(res.status).toBe(200);
    expect(res.text).toContain('Der Kongress tagte.');
  });

  it('a variant the database refuses is reported and left out; the rest of the chapter is written', async () => {
    const db = server.app.get(DataSource);
    // Any refusal will do: this one stands for whatever a future bug or constraint might reject.
    await db.query(`CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN
      IF NEW.plain_text LIKE '%poison pill%' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.query(`CREATE TRIGGER refuse_poison BEFORE INSERT OR UPDATE ON variants FOR EACH ROW EXECUTE FUNCTION refuse_poison()`);
    try {
      const client = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
      await synced(client);
      client.doc.transact(() => {
        textOf(client.doc, chapter.segments[1]!, 'de').insert(0, 'A poison pill.');
        textOf(client.doc, chapter.segments[2]!, 'de').insert(0, 'Ein guter Satz.');
      });
      await eventually(async () => expect((await rowContents(server, chapter))[`${chapter.segments[2]}/de`]).toEqual(t('Ein guter Satz.')), {
        timeout: 30_000,
        interval: 200,
      });
      expect((await rowContents(server, chapter))[`${chapter.segments[1]}/de`]).toBeUndefined();
      const res = await exportDe();
      expect(res.status).toBe(200);
      expect(res.text).toContain('Ein guter Satz.');
      // Later typing in the same chapter is still written.
      textOf(client.doc, chapter.segments[0]!, 'de').insert(0, 'Neu: ');
      await eventually(async () => expect((await rowContents(server, chapter))[`${chapter.segments[0]}/de`]).toEqual(t('Neu: Der Kongress tagte.')), {
        timeout: 20_000,
        interval: 100,
      });
    } finally {
      await db.query(`DROP TRIGGER refuse_poison ON variants`);
      await db.query(`DROP FUNCTION refuse_poison()`);
    }
  });
});
