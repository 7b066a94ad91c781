import { api, collabToken, connect, createChapter, openPerTest, synced, textOf } from '../collaboration/collab-support.js';
import { DataSource } from 'typeorm';
import { eventually } from '../support/eventually.js';
import { createUser, startTestServer, type TestServer } from '../support/test-app.js';

/** Typing in the live document: what is written (materialised) carries its glossary findings with it. */
describe('glossary findings of live typing', () => {
  let server: TestServer;
  const open = openPerTest();
  const db = () => server.app.get(DataSource);

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(() => server.close());

  it('stores the findings of a text typed in the live document, and clears them when it is fixed', async () => {
    const owner = await createUser(server);
    const chapter = await createChapter(server, { ...owner }, 1);
    const as = api(server, chapter.owner.token);
    const base = `/api/projects/${chapter.projectId}`;
    await as.post(`${base}/glossary/entries`, {
      lemma: 'Зиновьев',
      kind: 'person',
      forms: { de: [{ form: 'Sinowjew', status: 'preferred' }, { form: 'Zinoviev', status: 'forbidden' }], en: [{ form: 'Zinoviev', status: 'preferred' }] },
    });
    const client = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
    await synced(client);
    const text = textOf(client.doc, chapter.segments[0]!, 'de');
    for (const ch of 'Zinoviev sprach.') text.insert(text.length, ch);
    const findings = async () => (await as.get(`${base}/documents/${chapter.documentId}/glossary-findings?language=de`)).body as { segmentId: string; findings: { kind: string; found: string; fix: { replacement: string } }[] }[];
    // Stored by the write itself (the listener), before anyone reads the chapter's findings.
    const stored = async () => ((await db().query(`SELECT findings FROM glossary_findings WHERE segment_id = $1 AND language = 'de'`, [chapter.segments[0]])) as { findings: { kind: string }[] }[])[0]?.findings.map((f) => f.kind);
    await eventually(async () => expect(await stored()).toEqual(['forbidden-form']), { timeout: 15_000 });
    await eventually(async () => {
      const [row] = await findings();
      expect(row?.findings.map((f) => [f.kind, f.found, f.fix.replacement])).toEqual([['forbidden-form', 'Zinoviev', 'Sinowjew']]);
    }, { timeout: 15_000 });
    // The fix, applied in the live document.
    text.delete(0, 'Zinoviev'.length);
    text.insert(0, 'Sinowjew');
    await eventually(async () => expect(await stored()).toEqual([]), { timeout: 15_000 });
    expect(await findings()).toEqual([]);
  });
});
