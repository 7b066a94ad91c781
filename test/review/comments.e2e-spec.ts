import { addMember, api, createChapter, type Chapter, type Member } from '../collaboration/collab-support.js';
import { createUser, startTestServer, type TestServer } from '../support/test-app.js';

describe('comments', () => {
  let server: TestServer;
  let chapter: Chapter;
  let translator: Member;
  let reviewer: Member;
  let viewer: Member;
  const base = () => `/api/projects/${chapter.projectId}`;

  beforeAll(async () => {
    server = await startTestServer();
    const owner = await createUser(server, { displayName: 'Olga Owner' });
    chapter = await createChapter(server, owner, 3);
    translator = await addMember(server, chapter, 'translator', ['ru']);
    reviewer = await addMember(server, chapter, 'reviewer');
    viewer = await addMember(server, chapter, 'viewer');
  });
  afterAll(() => server.close());

  it('starts a thread on a segment and language, takes replies, resolves and reopens it', async () => {
    const as = api(server, reviewer.token);
    const created = await as.post(`${base()}/documents/${chapter.documentId}/comments`, {
      segmentId: chapter.segments[1],
      language: 'ru',
      body: 'Is “Politburo” right here, @' + translator.email + '?',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      segmentId: chapter.segments[1],
      language: 'ru',
      kind: 'comment',
      author: { id: reviewer.id },
      resolvedAt: null,
      replies: [],
    });
    expect(created.body.mentions.map((m: { id: string }) => m.id)).toEqual([translator.id]);
    const id = created.body.id as string;

    const reply = await api(server, translator.token).post(`${base()}/comments/${id}/replies`, { body: 'Yes, it is the usual form.' });
    expect(reply.status).toBe(201);
    expect(reply.body.replies).toHaveLength(1);
    expect(reply.body.replies[0]).toMatchObject({ body: 'Yes, it is the usual form.', author: { id: translator.id } });

    // A reply to a reply lands in the same thread.
    const nested = await as.post(`${base()}/comments/${reply.body.replies[0].id}/replies`, { body: 'Thanks.' });
    expect(nested.status).toBe(201);
    expect(nested.body.id).toBe(id);
    expect(nested.body.replies).toHaveLength(2);

    const open = await as.get(`${base()}/documents/${chapter.documentId}/comments`);
    expect(open.body.map((t: { id: string }) => t.id)).toContain(id);

    const resolved = await as.patch(`${base()}/comments/${id}`, { resolved: true });
    expect(resolved.status).toBe(200);
    expect(resolved.body.resolvedBy).toMatchObject({ id: reviewer.id });
    expect((await as.get(`${base()}/documents/${chapter.documentId}/comments`)).body.map((t: { id: string }) => t.id)).not.toContain(id);
    expect((await as.get(`${base()}/documents/${chapter.documentId}/comments?state=resolved`)).body.map((t: { id: string }) => t.id)).toContain(id);

    const reopened = await api(server, translator.token).patch(`${base()}/comments/${id}`, { resolved: false });
    expect(reopened.body).toMatchObject({ resolvedAt: null, resolvedBy: null });
  });

  it('lists the comments that mention me, and only those', async () => {
    const as = api(server, chapter.owner.token);
    await as.post(`${base()}/documents/${chapter.documentId}/comments`, {
      segmentId: chapter.segments[0],
      body: 'Please check the heading.',
      mentions: [reviewer.id],
    });
    const mine = await api(server, reviewer.token).get(`${base()}/mentions`);
    expect(mine.status).toBe(200);
    expect(mine.body[0].comment.body).toBe('Please check the heading.');
    expect(mine.body[0].thread.segmentId).toBe(chapter.segments[0]);
    const theirs = await api(server, viewer.token).get(`${base()}/mentions`);
    expect(theirs.body).toEqual([]);
  });

  it('refuses mentions of non-members, unknown segments and languages, empty text — with codes', async () => {
    const stranger = await createUser(server);
    const as = api(server, reviewer.token);
    const path = `${base()}/documents/${chapter.documentId}/comments`;
    const cases: [object, number, string][] = [
      [{ segmentId: chapter.segments[0], body: 'x', mentions: [stranger.id] }, 400, 'MENTION_NOT_MEMBER'],
      [{ segmentId: '00000000-0000-4000-8000-000000000000', body: 'x' }, 404, 'SEGMENT_NOT_FOUND'],
      [{ segmentId: chapter.segments[0], language: 'fr', body: 'x' }, 400, 'LANGUAGE_NOT_IN_PROJECT'],
      [{ segmentId: chapter.segments[0], body: '' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await as.post(path, body);
      expect([res.status, res.body.error?.code]).toEqual([status, code]);
    }
    // Nothing was written by the refused requests.
    const threads = await as.get(`${path}?state=all`);
    expect(threads.body.every((t: { body: string }) => t.body !== 'x' && t.body !== '')).toBe(true);
  });

  it('lets viewers read threads but not write them', async () => {
    const path = `${base()}/documents/${chapter.documentId}/comments`;
    expect((await api(server, viewer.token).get(path)).status).toBe(200);
    const res = await api(server, viewer.token).post(path, { segmentId: chapter.segments[0], body: 'Viewer here' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('PERMISSION_DENIED');
  });
});
