import { jest } from '@jest/globals';
import request from 'supertest';
import { plainText } from '#libs/content';
import type { JobView } from '#libs/contracts';
import { eventually } from '../support/eventually.js';
import { createUser, login, startTestServer, type TestServer } from '../support/test-app.js';
import { api, type Client, collabToken, connect, liveContents, synced, textOf } from './collab-support.js';

jest.setTimeout(60_000);

/**
 * A translation imported into a chapter that is open live: the import rewrites the rows, so the live
 * copy must be dropped and seeded again from them — a later live edit must not write the old text back.
 */
describe('importing a translation while the chapter is open', () => {
  let server: TestServer;
  const clients: Client[] = [];

  beforeAll(async () => {
    server = await startTestServer({ collab: { debounceMs: 100, maxDelayMs: 400 } });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.close();
  });

  const source = '# 1. The Ledger\n\nThe clerk wrote every name in violet ink.\n\nThe black entries came later.\n';
  const german = '# 1. Das Buch\n\nDer Schreiber trug jeden Namen in violetter Tinte ein.\n\nDie schwarzen Einträge kamen später.\n';

  it('shows the imported text live and keeps it through later live edits', async () => {
    const owner = await createUser(server);
    const token = await login(server, owner);
    const as = api(server, token);
    const project = (await as.post('/api/projects', { slug: `live-${Date.now().toString(36)}`, title: 'Live import', sourceLanguage: 'en', targetLanguages: ['de'] })).body as { id: string };
    const importText = async (text: string, language: string): Promise<JobView> => {
      const started = await request(server.url)
        .post(`/api/projects/${project.id}/imports?language=${language}`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'text/markdown')
        .send(text);
      expect(started.status).toBe(202);
      return eventually(async () => {
        const job = (await as.get(`/api/projects/${project.id}/jobs/${started.body.id}`)).body as JobView;
        expect(['succeeded', 'failed']).toContain(job.status);
        return job;
      });
    };
    expect(await importText(source, 'en')).toMatchObject({ status: 'succeeded' });
    const [document] = (await as.get(`/api/projects/${project.id}/documents`)).body as { id: string }[];
    const segments = (await as.get(`/api/projects/${project.id}/documents/${document!.id}/segments`)).body.items as { id: string }[];
    const chapter = { projectId: project.id, documentId: document!.id };

    // Someone is typing German in the second segment when the translation arrives.
    const typist = connect(server, document!.id, await collabToken(server, chapter, { token }));
    clients.push(typist);
    await synced(typist);
    textOf(typist.doc, segments[1]!.id, 'de').insert(0, 'Ein Entwurf');

    expect(await importText(german, 'de')).toMatchObject({ status: 'succeeded' });

    const reader = connect(server, document!.id, await collabToken(server, chapter, { token }));
    clients.push(reader);
    await synced(reader);
    const imported = liveContents(reader.doc);
    expect(plainText(imported[`${segments[1]!.id}/de`] ?? [])).toBe('Der Schreiber trug jeden Namen in violetter Tinte ein.');
    expect(plainText(imported[`${segments[2]!.id}/de`] ?? [])).toBe('Die schwarzen Einträge kamen später.');

    // A later live edit changes only what it touches.
    textOf(reader.doc, segments[2]!.id, 'de').insert(0, 'Erst ');
    await eventually(async () => {
      const rows = (await as.get(`/api/projects/${project.id}/documents/${document!.id}/segments`)).body.items as {
        variants: Record<string, { plainText: string }>;
      }[];
      expect(rows[1]!.variants.de!.plainText).toBe('Der Schreiber trug jeden Namen in violetter Tinte ein.');
      expect(rows[2]!.variants.de!.plainText).toBe('Erst Die schwarzen Einträge kamen später.');
    });
  });
});
