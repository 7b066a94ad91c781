import { addMember, api, createChapter, type Chapter } from '../collaboration/collab-support.js';
import { cli } from '../support/cli.js';
import { createUser, startTestServer, type TestServer } from '../support/test-app.js';

describe('progress', () => {
  let server: TestServer;
  let chapter: Chapter;

  beforeAll(async () => {
    server = await startTestServer();
    const owner = await createUser(server);
    chapter = await createChapter(server, owner, 4);
    const as = api(server, chapter.owner.token);
    const variant = (i: number, lang: string) => `/api/projects/${chapter.projectId}/documents/${chapter.documentId}/segments/${chapter.segments[i]}/variants/${lang}`;
    // ru: one translated (4 words), one draft, one draft without text; de: one translated.
    expect((await as.put(variant(0, 'ru'), { content: [{ type: 'text', text: 'Абзац ноль исходного текста.' }], status: 'translated' })).status).toBe(200);
    expect((await as.put(variant(1, 'ru'), { content: [{ type: 'text', text: 'Черновик' }], status: 'draft' })).status).toBe(200);
    expect((await as.put(variant(2, 'ru'), { content: [], status: 'draft' })).status).toBe(200);
    expect((await as.put(variant(3, 'de'), { content: [{ type: 'text', text: 'Absatz drei.' }], status: 'translated' })).status).toBe(200);
  });
  afterAll(() => server.close());

  it('counts segments and source words by status, per language and chapter', async () => {
    const res = await api(server, chapter.owner.token).get(`/api/projects/${chapter.projectId}/progress`);
    expect(res.status).toBe(200);
    // Each source paragraph is "Paragraph N of the source." — 5 words.
    expect(res.body.languages.ru).toEqual({
      segments: { untranslated: 2, draft: 1, translated: 1, approved: 0, rejected: 0 },
      words: { untranslated: 10, draft: 5, translated: 5, approved: 0, rejected: 0 },
      totalSegments: 4,
      totalWords: 20,
    });
    expect(res.body.languages.de.segments).toMatchObject({ untranslated: 3, translated: 1 });
    expect(res.body.documents).toHaveLength(1);
    expect(res.body.documents[0].languages).toEqual(res.body.languages);
    const one = await api(server, chapter.owner.token).get(`/api/projects/${chapter.projectId}/documents/${chapter.documentId}/progress`);
    expect(one.body).toEqual(res.body.documents[0]);
  });

  it('is readable by every member and hidden from others', async () => {
    const viewer = await addMember(server, chapter, 'viewer');
    expect((await api(server, viewer.token).get(`/api/projects/${chapter.projectId}/progress`)).status).toBe(200);
    const stranger = await createUser(server);
    const { login } = await import('../support/test-app.js');
    const token = await login(server, stranger);
    expect((await api(server, token).get(`/api/projects/${chapter.projectId}/progress`)).status).toBe(404);
  });

  it('prints the same figures from the command line, as JSON', async () => {
    const project = (await api(server, chapter.owner.token).get(`/api/projects/${chapter.projectId}`)).body as { slug: string };
    const out = await cli(['progress', '--project', project.slug, '--json']);
    expect(out.code).toBe(0);
    const data = JSON.parse(out.stdout);
    expect(data.languages.ru.segments).toMatchObject({ untranslated: 2, draft: 1, translated: 1 });
    const text = await cli(['progress', '--project', project.slug], { LANG: 'de_DE.UTF-8' });
    expect(text.stdout).toMatch(/ru: 0 % freigegeben, 25 % übersetzt, 25 % Entwurf, 0 % abgelehnt, 50 % unübersetzt \(4 Segmente, 20 Wörter\)/);
  });
});
