import request from 'supertest';
import { DataSource } from 'typeorm';
import type { JobView } from '#libs/contracts';
import { CONTENT_LIMITS } from '#libs/content';
import { eventually } from '../support/eventually.js';
import { createProject, createUser, login, startTestServer, type TestServer } from '../support/test-app.js';

const t = (text: string, marks?: ('italic' | 'bold')[]) => (marks ? { type: 'text', text, marks } : { type: 'text', text });

/**
 * What a hostile but ordinary member sends (issue 8): each answer is coded, in the caller's
 * language, and nothing is written. Request by request; the seeded fuzz suite is fuzz.e2e-spec.ts.
 */
describe('hostile input over REST', () => {
  let server: TestServer;
  let token: string;
  let ownerId: string;
  let projectId: string;
  let documentId: string;
  let segmentId: string;

  const auth = (r: request.Test, bearer = token) => r.set('Authorization', `Bearer ${bearer}`);
  const api = {
    get: (path: string) => auth(request(server.url).get(`/api${path}`)),
    post: (path: string, body: unknown) => auth(request(server.url).post(`/api${path}`)).send(body as object),
    put: (path: string, body: unknown) => auth(request(server.url).put(`/api${path}`)).send(body as object),
    patch: (path: string, body: unknown) => auth(request(server.url).patch(`/api${path}`)).send(body as object),
  };
  const p = () => `/projects/${projectId}`;
  const segs = () => `${p()}/documents/${documentId}/segments`;

  beforeAll(async () => {
    server = await startTestServer();
    const owner = await createUser(server);
    ownerId = owner.id;
    token = await login(server, owner);
    projectId = (await createProject(server, owner.id, { sourceLanguage: 'en', targetLanguages: ['ru', 'de'] })).id;
    documentId = (await api.post(`${p()}/documents`, { kind: 'chapter', titles: { en: '1. Archive' } })).body.id;
    segmentId = (await api.post(segs(), { kind: 'paragraph', variants: { en: [t('The congress met.')] } })).body.id;
  });
  afterAll(() => server.close());

  describe('characters PostgreSQL cannot store are refused, naming the field, on every kind of body', () => {
    const nul = 'a\u0000b';
    const cases: [string, () => request.Test, string][] = [
      ['project title', () => api.patch(p(), { title: nul }), 'title'],
      ['document title', () => api.post(`${p()}/documents`, { kind: 'chapter', titles: { en: nul } }), 'titles.en'],
      ['variant text', () => api.put(`${segs()}/${segmentId}/variants/ru`, { content: [t(nul)] }), 'content[0].text'],
      ['segment pages', () => api.patch(`${segs()}/${segmentId}`, { pages: [nul] }), 'pages[0]'],
      ['footnote label', () => api.post(`${p()}/documents/${documentId}/footnotes`, { labels: { en: nul } }), 'labels.en'],
      ['token name', () => api.post('/auth/tokens', { name: nul }), 'name'],
      ['member display name', () => api.post(`${p()}/members`, { email: 'x@test.interlinea', role: 'viewer', displayName: nul }), 'displayName'],
      ['a lone surrogate', () => api.patch(p(), { title: 'half \uD800 pair' }), 'title'],
      ['a key', () => api.post(`${p()}/documents`, { kind: 'chapter', titles: { ['e\u0000n']: 'x' } }), 'titles'],
      ['import file name (query)', () => api.post(`${p()}/imports?language=en&filename=a%00b.md`, ''), 'filename'],
    ];
    it.each(cases)('%s', async (_name, send, field) => {
      const res = await send().set('Accept-Language', 'de');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.fields).toEqual([{ field, message: expect.stringMatching(/^enthält ein Zeichen, das nicht gespeichert werden kann \(U\+/) }]);
    });
  });

  it('answers a path with a NUL 404 without asking the database', async () => {
    for (const path of ['/projects/a%00b', `/projects/${projectId}/documents/%00`, '/projects/%00/members']) {
      const res = await api.get(path);
      expect([path, res.status, res.body.error.code]).toEqual([path, 404, 'NOT_FOUND']);
    }
  });

  it('refuses __proto__ and constructor keys', async () => {
    const res = await auth(request(server.url).post(`/api${p()}/documents`))
      .set('Content-Type', 'application/json')
      .send('{"kind":"chapter","titles":{"en":"x","__proto__":{"polluted":true}}}');
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ field: 'titles.__proto__', message: 'is a name that is not allowed as a key' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const query = await api.get(`${p()}/documents/${documentId}/segments?constructor=1`);
    expect(query.status).toBe(400);
  });

  it('answers deep nesting with a coded 400 on every route, before anything recurses', async () => {
    const deep = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
    for (const path of ['/auth/login', `${p()}/documents`, `${segs()}`, `${p()}/members`, '/projects', `${segs()}/${segmentId}/split`]) {
      const res = await auth(request(server.url).post(`/api${path}`)).set('Content-Type', 'application/json').set('Accept-Language', 'ru').send(deep);
      expect([path, res.status, res.body.error.code]).toEqual([path, 400, 'BODY_TOO_DEEP']);
      expect(res.body.error.message).toBe('Вложенность запроса глубже 32 уровней.');
    }
  });

  it('bounds pagination: offsets past any list are a coded 400, not a database error', async () => {
    for (const offset of ['99999999999999999999', '1e20', '1000000001', '-1', 'NaN']) {
      const res = await api.get(`${segs()}?offset=${offset}`);
      expect([offset, res.status, res.body.error.fields[0].field]).toEqual([offset, 400, 'offset']);
    }
    expect((await api.get(`${segs()}?offset=1000000000`)).body).toMatchObject({ items: [], offset: 1_000_000_000 });
  });

  it('refuses titles of spaces and splits without an offset', async () => {
    expect((await api.patch(p(), { title: '   ' })).body.error.fields).toEqual([{ field: 'title', message: 'must not be blank' }]);
    expect((await api.post('/auth/tokens', { name: ' \t ' })).status).toBe(400);
    expect((await api.post(`${p()}/documents`, { kind: 'chapter', titles: { en: '  ' } })).status).toBe(400);
    for (const offsets of [{}, { en: -1 }, { en: 1.5 }, { en: '3' }, []]) {
      const res = await api.post(`${segs()}/${segmentId}/split`, { offsets });
      expect([offsets, res.status, res.body.error.fields?.[0]?.field]).toEqual([offsets, 400, 'offsets']);
    }
    expect((await api.get(segs())).body.total).toBe(1);
  });

  it('words the JSON parser’s error and the size limit in the caller’s language', async () => {
    const broken = await request(server.url).post('/api/auth/login').set('Content-Type', 'application/json').set('Accept-Language', 'ru').send('{"email": ');
    expect(broken.body.error).toEqual({ code: 'INVALID_JSON', message: 'Тело запроса не является корректным JSON (ошибка в позиции 10).' });
    const big = await request(server.url)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .set('Accept-Language', 'de')
      .send(JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(3 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    expect(big.body.error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'Die Anfrage ist zu groß: höchstens 2097152 Bytes sind erlaubt.' });
  });

  it('reads no text body outside the upload route, and none there before authentication', async () => {
    const text = await request(server.url).post('/api/auth/login').set('Content-Type', 'text/plain').send('x'.repeat(1_000_000));
    expect(text.status).toBe(400);
    expect(text.body.error.code).toBe('VALIDATION_FAILED');
    const anonymous = await request(server.url).post(`/api${p()}/imports?language=en`).set('Content-Type', 'text/markdown').send('# 1. A\n\nText.\n');
    expect(anonymous.status).toBe(401);
  });

  it('answers a form upload and an oversized upload with their own codes, before reading the file', async () => {
    const form = await auth(request(server.url).post(`/api${p()}/imports?language=en`))
      .set('Accept-Language', 'de')
      .attach('file', Buffer.from('# 1. A\n\nText.\n'), 'book.md');
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe('UPLOAD_NOT_A_FILE');
    expect(form.body.error.message).toMatch(/nicht als multipart\/form-data/);
    const small = await startTestServer({ importMaxBytes: 4096 });
    try {
      const id = (await createProject(small, ownerId)).id;
      const res = await request(small.url)
        .post(`/api/projects/${id}/imports?language=en`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'text/markdown')
        .set('Accept-Language', 'ru')
        .send('# 1. Long\n\n' + 'word '.repeat(2000));
      expect(res.status).toBe(413);
      expect(res.body.error).toEqual({ code: 'FILE_TOO_LARGE', message: 'Файл слишком велик: допускается не более 4096 байт.' });
    } finally {
      await small.close();
    }
  });

  it('words a binary upload’s reason in the caller’s language', async () => {
    const id = (await createProject(server, ownerId)).id;
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const controls = Buffer.from('# 1. A\n\nText\u0001\u0002\u0003\u0004 more.\n');
    const messages: string[] = [];
    for (const body of [png, controls]) {
      const started = await auth(request(server.url).post(`/api/projects/${id}/imports?language=en`)).set('Content-Type', 'application/octet-stream').send(body);
      expect(started.status).toBe(202);
      const job = await finishedJob(id, started.body.id, 'ru');
      expect(job.error?.code).toBe('BINARY_FILE');
      messages.push(job.error!.message);
    }
    expect(messages[0]).toBe('Это файл PNG, а не текстовый файл. Импортируйте Markdown или обычный текст.');
    expect(messages[1]).toMatch(/^Это не текстовый файл \(в нём есть управляющие байты, первый — в позиции 12\)/);
  });

  it('imports a UTF-16 file with a NUL in it, without the NUL', async () => {
    const id = (await createProject(server, ownerId)).id;
    // Long enough that one NUL is a stray character, not the sign of a binary file (that is BINARY_FILE).
    const text = '\uFEFF# 1. The Archive\n\nThe con\u0000gress met in Moscow.\n\n' + 'The delegates argued for days. '.repeat(60) + '\n';
    const started = await auth(request(server.url).post(`/api/projects/${id}/imports?language=en`))
      .set('Content-Type', 'text/plain')
      .send(Buffer.from(text, 'utf16le'));
    const job = await finishedJob(id, started.body.id);
    expect(job).toMatchObject({ status: 'succeeded', result: { encoding: 'utf-16le' } });
    const docs = (await api.get(`/projects/${id}/documents`)).body as { id: string }[];
    const segments = (await api.get(`/projects/${id}/documents/${docs[0]!.id}/segments`)).body.items as { variants: { en: { plainText: string } } }[];
    expect(segments.map((s) => s.variants.en.plainText)).toContain('The congress met in Moscow.');
  });

  it('refuses a variant over the size limit at once, and a large legal one is linear', async () => {
    const many = Array.from({ length: CONTENT_LIMITS.nodes + 1 }, (_, i) => t(`w${i} `, i % 2 ? ['italic'] : undefined));
    const res = await api.put(`${segs()}/${segmentId}/variants/ru`, { content: many }).set('Accept-Language', 'de');
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({ code: 'CONTENT_TOO_LARGE', message: 'Der Text ist zu lang: höchstens 2000 Inline-Elemente je Segment und Sprache.' });
    // At the limit it is stored (the quadratic loop once took minutes here; the test timeout is the bound).
    const ok = await api.put(`${segs()}/${segmentId}/variants/de`, { content: many.slice(0, CONTENT_LIMITS.nodes) });
    expect(ok.status).toBe(200);
    expect(ok.body.variants.de.content).toHaveLength(CONTENT_LIMITS.nodes);
    const db = server.app.get(DataSource);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM variants WHERE segment_id = $1 AND language = 'ru'`, [segmentId]);
    expect(n).toBe(0);
  });

  it('sends the security headers, and no-store on answers that carry tokens', async () => {
    const res = await request(server.url).get('/health');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    const user = await createUser(server);
    const signIn = await request(server.url).post('/api/auth/login').send({ email: user.email, password: user.password });
    expect(signIn.headers['cache-control']).toBe('no-store');
    const made = await api.post('/auth/tokens', { name: 'script' });
    expect(made.headers['cache-control']).toBe('no-store');
  });

  async function finishedJob(project: string, jobId: string, language = 'en'): Promise<JobView> {
    return eventually(
      async () => {
        const res = await api.get(`/projects/${project}/jobs/${jobId}`).set('Accept-Language', language);
        expect(['succeeded', 'failed']).toContain(res.body.status);
        return res.body as JobView;
      },
      { timeout: 60_000, interval: 100 },
    );
  }
});
