import request from 'supertest';
import { DataSource } from 'typeorm';
import type { FootnoteView, SegmentView } from '#libs/contracts';
import { createProject, createUser, login, startTestServer, type TestServer } from '../support/test-app.js';

const t = (text: string, marks?: ('italic' | 'bold')[]) => (marks ? { type: 'text', text, marks } : { type: 'text', text });

describe('the content model over REST', () => {
  let server: TestServer;
  let owner: { id: string; token: string };
  let project: { id: string; slug: string };
  let documentId: string;

  const as = (token: string) => ({
    get: (path: string) => request(server.url).get(`/api/projects/${project.id}${path}`).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) =>
      request(server.url).post(`/api/projects/${project.id}${path}`).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object) => request(server.url).put(`/api/projects/${project.id}${path}`).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) =>
      request(server.url).patch(`/api/projects/${project.id}${path}`).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => request(server.url).delete(`/api/projects/${project.id}${path}`).set('Authorization', `Bearer ${token}`),
  });
  const segs = () => `/documents/${documentId}/segments`;

  async function memberToken(role: string, languages?: string[]): Promise<string> {
    const u = await createUser(server);
    const res = await as(owner.token).post('/members', { email: u.email, role, ...(languages ? { languages } : {}) });
    expect(res.status).toBe(201);
    return login(server, u);
  }

  async function listAll(): Promise<SegmentView[]> {
    const res = await as(owner.token).get(`${segs()}?limit=500`);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  beforeAll(async () => {
    server = await startTestServer();
    const u = await createUser(server);
    owner = { id: u.id, token: await login(server, u) };
    project = await createProject(server, u.id, { sourceLanguage: 'en', targetLanguages: ['ru', 'de'] });
    const doc = await as(owner.token).post('/documents', { kind: 'chapter', titles: { en: '1. The Archive', de: '1. Das Archiv' } });
    expect(doc.status).toBe(201);
    documentId = doc.body.id;
    for (let i = 0; i < 520; i++) {
      const res = await as(owner.token).post(segs(), { kind: i === 0 ? 'heading' : 'paragraph', level: i === 0 ? 1 : undefined, variants: { en: [t(`Paragraph ${i}.`)] } });
      expect(res.status).toBe(201);
    }
  }, 120_000);
  afterAll(() => server.close());

  it('lists a long chapter in windows, in order, with the requested languages', async () => {
    const first = await as(owner.token).get(`${segs()}?offset=0&limit=200&languages=en,de`);
    expect(first.body).toMatchObject({ total: 520, offset: 0, limit: 200 });
    expect(first.body.items).toHaveLength(200);
    const last = await as(owner.token).get(`${segs()}?offset=500&limit=200`);
    expect(last.body.items.map((s: SegmentView) => s.variants.en?.plainText)).toEqual(Array.from({ length: 20 }, (_, i) => `Paragraph ${500 + i}.`));
    expect(last.body.items.map((s: SegmentView) => s.position)).toEqual(Array.from({ length: 20 }, (_, i) => 500 + i));
    expect(first.body.items[0]).toMatchObject({ kind: 'heading', level: 1 });
    const tooMany = await as(owner.token).get(`${segs()}?limit=5000`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields[0].field).toBe('limit');
  });

  it('splits, merges, moves, inserts and deletes without changing any other id', async () => {
    const before = await listAll();
    const [a, b, c] = [before[1]!, before[2]!, before[3]!];
    const untouched = before.filter((s) => ![a.id, b.id, c.id].includes(s.id)).map((s) => s.id);

    const split = await as(owner.token).post(`${segs()}/${a.id}/split`, { offsets: { en: 'Paragraph'.length } });
    expect(split.status).toBe(201);
    expect(split.body[0]).toMatchObject({ id: a.id, variants: { en: { plainText: 'Paragraph' } } });
    expect(split.body[1].variants.en.plainText).toBe('1.');
    const newId: string = split.body[1].id;

    const merged = await as(owner.token).post(`${segs()}/${a.id}/merge-next`);
    expect(merged.status).toBe(200);
    expect(merged.body.variants.en.plainText).toBe('Paragraph 1.');

    const moved = await as(owner.token).post(`${segs()}/${c.id}/move`, { position: 1 });
    expect(moved.body.position).toBe(1);
    const inserted = await as(owner.token).post(segs(), { kind: 'blockQuote', afterSegmentId: b.id, variants: { en: [t('Quoted.')] } });
    expect(inserted.status).toBe(201);
    expect((await as(owner.token).delete(`${segs()}/${inserted.body.id}`)).status).toBe(204);

    const after = await listAll();
    expect(after.map((s) => s.position)).toEqual(after.map((_, i) => i));
    expect(after.some((s) => s.id === newId)).toBe(false);
    expect(after.slice(0, 4).map((s) => s.id)).toEqual([before[0]!.id, c.id, a.id, b.id]);
    expect(after.map((s) => s.id).filter((id) => ![a.id, b.id, c.id].includes(id))).toEqual(untouched);
  });

  it('refuses merging across kinds and splitting outside the text', async () => {
    const all = await listAll();
    const heading = all[0]!;
    const merge = await as(owner.token).post(`${segs()}/${heading.id}/merge-next`);
    expect(merge.status).toBe(409);
    expect(merge.body.error.code).toBe('MERGE_KIND_MISMATCH');
    const split = await as(owner.token).post(`${segs()}/${all[5]!.id}/split`, { offsets: { en: 999 } });
    expect(split.status).toBe(400);
    expect(split.body.error.code).toBe('SPLIT_OFFSET_INVALID');
    expect((await listAll()).length).toBe(all.length);
  });

  it('checks who may write which language', async () => {
    const [, target] = await listAll();
    const path = `${segs()}/${target!.id}/variants`;
    const body = { content: [t('Der Lesesaal war klein.')] };
    const deTranslator = await memberToken('translator', ['de']);
    expect((await as(deTranslator).put(`${path}/de`, body)).status).toBe(200);
    const ru = await as(deTranslator).put(`${path}/ru`, body);
    expect(ru.status).toBe(403);
    expect(ru.body.error.code).toBe('LANGUAGE_NOT_ALLOWED');
    expect((await as(deTranslator).put(`${path}/en`, body)).status).toBe(403);
    const viewer = await memberToken('viewer');
    expect((await as(viewer).put(`${path}/de`, body)).status).toBe(403);
    const reviewer = await memberToken('reviewer');
    expect((await as(reviewer).post(`${segs()}/${target!.id}/split`, { offsets: { en: 1 } })).status).toBe(403);
    expect((await as(owner.token).put(`${path}/fr`, body)).body.error.code).toBe('LANGUAGE_NOT_IN_PROJECT');
  });

  it('keeps revisions, refuses stale writes, and lets an approval lapse when its text changes', async () => {
    const [, , target] = await listAll();
    const path = `${segs()}/${target!.id}/variants/ru`;
    const first = await as(owner.token).put(path, { content: [t('Читальный зал')], status: 'translated' });
    expect(first.body.variants.ru).toMatchObject({ revision: 1, status: 'translated', plainText: 'Читальный зал' });
    const db = server.app.get(DataSource);
    await db.query(
      `UPDATE variants SET status = 'approved', approved_hash = content_hash, approved_by = $2, approved_at = now() WHERE segment_id = $1 AND language = 'ru'`,
      [target!.id, owner.id],
    );
    const same = await as(owner.token).put(path, { content: [t('Читальный зал')], baseRevision: 1 });
    expect(same.body.variants.ru).toMatchObject({ revision: 1, status: 'approved' });
    const changed = await as(owner.token).put(path, { content: [t('Читальный '), t('зал', ['italic'])], baseRevision: 1 });
    expect(changed.body.variants.ru).toMatchObject({ revision: 2, status: 'draft', approvedBy: null });
    const stale = await as(owner.token).put(path, { content: [t('Старое')], baseRevision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_REVISION');
    const history = await db.query(`SELECT action, source FROM history_entries WHERE segment_id = $1 AND language = 'ru' ORDER BY id`, [target!.id]);
    expect(history.map((h: { action: string }) => h.action)).toEqual(['variant.create', 'variant.update', 'variant.update']);
  });

  it('validates inline content and its footnote references', async () => {
    const [, , , target] = await listAll();
    const path = `${segs()}/${target!.id}/variants/de`;
    const bad = await as(owner.token).put(path, { content: [{ type: 'text', text: 5 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_CONTENT');
    expect(bad.body.error.message).toContain('[0].text');
    const unknown = await as(owner.token).put(path, { content: [t('Text'), { type: 'footnoteRef', footnoteId: '8d3c1e57-1111-4111-8111-111111111111' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('UNKNOWN_FOOTNOTE');
  });

  it('keeps footnotes with their own identity: references, bodies, labels, and both kinds of orphan', async () => {
    const created = await as(owner.token).post(`/documents/${documentId}/footnotes`, {
      labels: { en: '1' },
      body: { en: [t('See the monthly reports of the archive.')] },
    });
    expect(created.status).toBe(201);
    const footnote: FootnoteView = created.body;
    expect(footnote.body).toHaveLength(1);
    expect(footnote.references).toEqual({});

    const bare = await as(owner.token).post(`/documents/${documentId}/footnotes`, { labels: { en: '*' } });
    expect(bare.status).toBe(201);

    const [, , , , target] = await listAll();
    const ref = { type: 'footnoteRef', footnoteId: footnote.id };
    await as(owner.token).put(`${segs()}/${target!.id}/variants/en`, { content: [t('Text with a note.'), ref] });
    await as(owner.token).put(`${segs()}/${target!.id}/variants/de`, { content: [t('Text mit Anmerkung.'), ref] });
    await as(owner.token).patch(`/documents/${documentId}/footnotes/${footnote.id}`, { labels: { de: '1' } });

    const list = await as(owner.token).get(`/documents/${documentId}/footnotes`);
    const listed = list.body.find((f: FootnoteView) => f.id === footnote.id);
    expect(listed).toMatchObject({ labels: { en: '1', de: '1' }, references: { en: 1, de: 1 } });
    expect(listed.body[0].variants.en.plainText).toBe('See the monthly reports of the archive.');
    const orphan = list.body.find((f: FootnoteView) => f.id === bare.body.id);
    expect(orphan).toMatchObject({ body: [expect.objectContaining({ kind: 'noteBody' })], references: {} });

    // The body is a segment like any other: translators write it through the same route.
    const bodyId = listed.body[0].id;
    expect((await as(owner.token).put(`${segs()}/${bodyId}/variants/de`, { content: [t('Siehe die Monatsberichte.')] })).status).toBe(200);

    expect((await as(owner.token).delete(`/documents/${documentId}/footnotes/${footnote.id}`)).status).toBe(204);
    const segment = await as(owner.token).get(`${segs()}/${target!.id}`);
    expect(segment.body.variants.en.content).toEqual([t('Text with a note.')]);
    expect(segment.body.variants.de.content).toEqual([t('Text mit Anmerkung.')]);
  });

  it('lets the approval of a text lapse when deleting a footnote takes its reference out', async () => {
    const note = await as(owner.token).post(`/documents/${documentId}/footnotes`, { labels: { de: '2' }, body: { en: [t('A note to be withdrawn.')] } });
    expect(note.status).toBe(201);
    const [, , , , , , target] = await listAll();
    const path = `${segs()}/${target!.id}/variants/de`;
    const ref = { type: 'footnoteRef', footnoteId: note.body.id };
    const written = await as(owner.token).put(path, { content: [t('Der Lesesaal war kalt.'), ref], status: 'translated' });
    expect(written.status).toBe(200);
    const db = server.app.get(DataSource);
    await db.query(
      `UPDATE variants SET status = 'approved', approved_hash = content_hash, approved_by = $2, approved_at = now() WHERE segment_id = $1 AND language = 'de'`,
      [target!.id, owner.id],
    );
    expect((await as(owner.token).delete(`/documents/${documentId}/footnotes/${note.body.id}`)).status).toBe(204);
    const after = await as(owner.token).get(`${segs()}/${target!.id}`);
    expect(after.body.variants.de).toMatchObject({ content: [t('Der Lesesaal war kalt.')], revision: 2, status: 'translated', approvedBy: null });
    const [row] = await db.query(`SELECT approved_hash, content_hash FROM variants WHERE segment_id = $1 AND language = 'de'`, [target!.id]);
    // An approval is bound to the text it was given for: the text changed, so none is left.
    expect(row.approved_hash).toBeNull();
  });

  it('orders documents and hides other editions’ documents', async () => {
    const front = await as(owner.token).post('/documents', { kind: 'frontMatter', titles: { en: 'Title page' }, position: 0 });
    const docs = await as(owner.token).get('/documents');
    expect(docs.body.map((d: { id: string }) => d.id)).toEqual([front.body.id, documentId]);
    expect(docs.body[1]).toMatchObject({ position: 1, kind: 'chapter' });
    const stranger = await createUser(server);
    const strangerProject = await createProject(server, stranger.id);
    const res = await request(server.url)
      .get(`/api/projects/${strangerProject.id}/documents/${documentId}/segments`)
      .set('Authorization', `Bearer ${await login(server, stranger)}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('DOCUMENT_NOT_FOUND');
    expect((await as(owner.token).delete(`/documents/${front.body.id}`)).status).toBe(204);
    expect((await as(owner.token).get('/documents')).body.map((d: { position: number }) => d.position)).toEqual([0]);
  });
});
