import { jest } from '@jest/globals';
import JSZip from 'jszip';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { plainText } from '#libs/content';
import type { ExchangeImportResult, ExportResult, JobView } from '#libs/contracts';
import { addMember, api, type Client, collabToken, connect, synced, textOf } from '../collaboration/collab-support.js';
import { eventually } from '../support/eventually.js';
import { createUser, login, startTestServer, type TestServer } from '../support/test-app.js';

jest.setTimeout(120_000);

/** Our own two-chapter book with notes, and its Russian translation segment for segment. */
const ENGLISH = `# 1. The Ferry at Dawn

The ferryman of *Ust-Kulom* kept a ledger of every crossing.[^1] Nobody asked him to.

> "Water does not wait for the clerk," he wrote.[^2]

Later entries mention the mill again.[^1]

[^1]: Regional archive, fond 7, file 31.
[^2]: The page is torn.

# 2. Letters from Saratov

The letter was signed by the secretary.[^1]

It reached the ferry a week late.

[^1]: Its envelope is lost.
`;
const RUSSIAN = `# 1. Паром на рассвете

Паромщик из *Усть-Кулома* вёл журнал каждой переправы.[^1] Никто его об этом не просил.

> «Вода не ждёт писаря», — писал он.[^2]

Поздние записи снова упоминают мельницу.[^1]

[^1]: Областной архив, фонд 7, дело 31.
[^2]: Страница порвана.

# 2. Письма из Саратова

Письмо подписал секретарь.[^1]

Оно дошло до парома с опозданием на неделю.

[^1]: Конверт утерян.
`;

describe('exports and exchange over REST', () => {
  let server: TestServer;
  let db: DataSource;
  let token: string;
  let ownerId: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    db = server.app.get(DataSource);
    const owner = await createUser(server);
    ownerId = owner.id;
    token = await login(server, owner);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.close();
  });

  const as = () => api(server, token);

  async function finished(projectId: string, jobId: string, bearer = token): Promise<JobView> {
    return eventually(
      async () => {
        const job = (await api(server, bearer).get(`/api/projects/${projectId}/jobs/${jobId}`)).body as JobView;
        expect(['succeeded', 'failed']).toContain(job.status);
        return job;
      },
      { timeout: 90_000, interval: 100 },
    );
  }

  async function upload(projectId: string, path: string, body: string | Buffer, type = 'text/markdown'): Promise<JobView> {
    const res = await request(server.url).post(`/api/projects/${projectId}/${path}`).set('Authorization', `Bearer ${token}`).set('Content-Type', type).send(body);
    expect(res.status).toBe(202);
    return finished(projectId, (res.body as JobView).id);
  }

  /** An edition en → ru, de with the book and its Russian translation; one Russian paragraph approved. */
  async function edition(): Promise<{ id: string; slug: string; documents: { id: string }[] }> {
    const slug = `ex-${Math.random().toString(36).slice(2, 10)}`;
    const project = (await as().post('/api/projects', { slug, title: 'River Towns', sourceLanguage: 'en', targetLanguages: ['ru', 'de'] })).body as { id: string };
    expect((await upload(project.id, 'imports?language=en', ENGLISH)).status).toBe('succeeded');
    expect((await upload(project.id, 'imports?language=ru', RUSSIAN)).status).toBe('succeeded');
    await db.query(
      `UPDATE variants v SET status = 'approved', approved_hash = v.content_hash, approved_at = now()
         FROM segments s JOIN documents d ON d.id = s.document_id
        WHERE v.segment_id = s.id AND d.project_id = $1 AND v.language = 'ru' AND v.plain_text LIKE 'Паромщик%'`,
      [project.id],
    );
    const documents = (await as().get(`/api/projects/${project.id}/documents`)).body as { id: string }[];
    return { id: project.id, slug, documents };
  }

  async function exportFile(projectId: string, body: object, bearer = token): Promise<{ job: JobView; file: request.Response }> {
    const started = await api(server, bearer).post(`/api/projects/${projectId}/exports`, body);
    expect(started.status).toBe(202);
    const job = await finished(projectId, (started.body as JobView).id, bearer);
    if (job.status !== 'succeeded') return { job, file: null as unknown as request.Response };
    const result = job.result as ExportResult;
    const file = await request(server.url).get(result.download).set('Authorization', `Bearer ${bearer}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    return { job, file };
  }

  it('exports every format as a job with progress and a download', async () => {
    const { id, slug } = await edition();
    const pdf = await exportFile(id, { format: 'pdf', languages: ['en', 'ru'], layout: 'columns' });
    expect(pdf.job).toMatchObject({ kind: 'export', status: 'succeeded', phase: 'storing', done: 1, total: 1 });
    expect((pdf.file.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.file.headers['content-disposition']).toContain(`${slug}.en-ru.columns.draft.pdf`);
    expect((pdf.job.result as ExportResult).pages).toBeGreaterThanOrEqual(3);

    const html = await exportFile(id, { format: 'html', languages: ['en', 'ru'] });
    const page = (html.file.body as Buffer).toString('utf8');
    expect(page).toContain('Паромщик из <em>Усть-Кулома</em>');
    expect(page).toContain('class="draft-mark"');

    const docx = await exportFile(id, { format: 'docx', languages: ['ru'] });
    const zip = await JSZip.loadAsync(docx.file.body as Buffer);
    expect(await zip.file('word/footnotes.xml')!.async('string')).toContain('Областной архив, фонд 7, дело 31.');

    const epub = await exportFile(id, { format: 'epub', languages: ['ru'] });
    expect(Object.keys((await JSZip.loadAsync(epub.file.body as Buffer)).files)).toContain('OEBPS/nav.xhtml');

    const md = await exportFile(id, { format: 'md', languages: ['ru'] });
    expect((md.file.body as Buffer).toString()).toContain('Паромщик из *Усть-Кулома*');

    const tmx = await exportFile(id, { format: 'tmx', languages: [] });
    expect((tmx.file.body as Buffer).toString()).toContain('<tuv xml:lang="ru">');
  });

  it('a final edition lists what is missing, and refuses with the list when asked to', async () => {
    const { id } = await edition();
    const final = await exportFile(id, { format: 'html', languages: ['en', 'ru'], final: true });
    const result = final.job.result as ExportResult;
    expect(result.final).toBe(true);
    expect(result.missingCount).toBeGreaterThan(3);
    expect(result.missing[0]).toMatchObject({ language: 'ru', status: 'translated' });
    const page = (final.file.body as Buffer).toString('utf8');
    expect(page).toContain('Паромщик'); // approved
    expect(page).not.toContain('Вода не ждёт'); // translated only
    expect(page).not.toContain('class="draft-mark"');

    const refused = await exportFile(id, { format: 'pdf', languages: ['en', 'ru'], final: true, refuseIncomplete: true });
    expect(refused.job.status).toBe('failed');
    expect(refused.job.error).toMatchObject({ code: 'EDITION_INCOMPLETE' });
    expect(refused.job.error!.message).toMatch(/texts are not approved \(1\. The Ferry at Dawn: ru \(translated\)/);
  });

  it('checks formats, languages and roles', async () => {
    const { id } = await edition();
    const bad = await as().post(`/api/projects/${id}/exports`, { format: 'epub', languages: ['en', 'ru'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('EXPORT_LANGUAGES');
    expect((await as().post(`/api/projects/${id}/exports`, { format: 'pdf', languages: ['fr'] })).body.error.code).toBe('LANGUAGE_NOT_IN_PROJECT');
    expect((await as().post(`/api/projects/${id}/exports`, { format: 'rtf', languages: ['en'] })).body.error.code).toBe('VALIDATION_FAILED');
    const chapter = { projectId: id, documentId: '', segments: [], owner: { id: ownerId, email: '', password: '', token } };
    const viewer = await addMember(server, chapter, 'viewer');
    expect((await api(server, viewer.token).post(`/api/projects/${id}/exports`, { format: 'pdf', languages: ['en'] })).status).toBe(403);
    const stranger = await login(server, await createUser(server));
    expect((await api(server, stranger).post(`/api/projects/${id}/exports`, { format: 'pdf', languages: ['en'] })).status).toBe(404);
    // Someone else's export file is not downloadable from another edition.
    const other = await edition();
    const { job } = await exportFile(other.id, { format: 'md', languages: ['en'] });
    expect((await as().get(`/api/projects/${id}/exports/${job.id}/file`)).body.error.code).toBe('EXPORT_FILE_NOT_FOUND');
    // A viewer may not re-import translations.
    const xliff = await request(server.url).post(`/api/projects/${id}/imports/xliff`).set('Authorization', `Bearer ${viewer.token}`).set('Content-Type', 'application/xml').send('<xliff/>');
    expect(xliff.status).toBe(403);
  });

  it('XLIFF round trip: changed targets are written through the live chapter, conflicts are reported and kept', async () => {
    const { id, documents } = await edition();
    const { file } = await exportFile(id, { format: 'xliff', languages: ['en', 'ru'] });
    let xliff = (file.body as Buffer).toString('utf8');
    const segments = (await as().get(`/api/projects/${id}/documents/${documents[0]!.id}/segments`)).body.items as { id: string; variants: Record<string, { plainText: string; revision: number; status: string }> }[];
    const [, approved, quote, mill] = segments;
    expect(approved!.variants.ru!.status).toBe('approved');

    // The chapter is open in an editor while the file comes back.
    const editor = connect(server, documents[0]!.id, await collabToken(server, { projectId: id, documentId: documents[0]!.id }, { token }));
    clients.push(editor);
    await synced(editor);

    // Meanwhile someone changes the mill paragraph in the edition.
    const put = await as().put(`/api/projects/${id}/documents/${documents[0]!.id}/segments/${mill!.id}/variants/ru`, {
      content: [{ type: 'text', text: 'Поздние записи опять говорят о мельнице.' }],
      baseRevision: mill!.variants.ru!.revision,
    });
    expect(put.status).toBe(200);

    // Offline, the translator changes three targets: the approved paragraph, the quote and the mill.
    xliff = xliff
      .replace('Никто его об этом не просил.', 'Его никто об этом не просил.')
      .replace('«Вода не ждёт писаря», — писал он.', '«Вода писаря не ждёт», — записал он.')
      .replace('Поздние записи снова упоминают мельницу.', 'В поздних записях снова мельница.');
    const job = await upload(id, 'imports/xliff', xliff, 'application/xliff+xml');
    expect(job.status).toBe('succeeded');
    const result = job.result as ExchangeImportResult;
    expect(result.changed.map((c) => c.segmentId).sort()).toEqual([approved!.id, quote!.id].sort());
    expect(result.conflicts).toEqual([
      { documentId: documents[0]!.id, segmentId: mill!.id, language: 'ru', current: 'Поздние записи опять говорят о мельнице.', incoming: 'В поздних записях снова мельница.' },
    ]);

    const after = (await as().get(`/api/projects/${id}/documents/${documents[0]!.id}/segments`)).body.items as typeof segments;
    const byId = new Map(after.map((s) => [s.id, s]));
    expect(byId.get(approved!.id)!.variants.ru!.plainText).toBe('Паромщик из Усть-Кулома вёл журнал каждой переправы. Его никто об этом не просил.');
    expect(byId.get(approved!.id)!.variants.ru!.status).toBe('translated'); // the approval lapsed
    expect(byId.get(mill!.id)!.variants.ru!.plainText).toBe('Поздние записи опять говорят о мельнице.');
    // Nothing else changed: every other variant keeps its revision.
    for (const s of segments) {
      if (s.id === approved!.id || s.id === quote!.id || s.id === mill!.id) continue;
      for (const [language, v] of Object.entries(s.variants)) expect(byId.get(s.id)!.variants[language]!.revision).toBe(v.revision);
    }
    // The open editor sees the new text without reloading.
    await eventually(() => expect(textOf(editor.doc, quote!.id, 'ru').toString()).toBe('«Вода писаря не ждёт», — записал он.'));

    // Importing the same file again changes nothing more.
    const again = (await upload(id, 'imports/xliff', xliff, 'application/xliff+xml')).result as ExchangeImportResult;
    expect(again.changed).toEqual([]);
  });

  it('refuses XLIFF of another edition or broken XML with coded errors, writing nothing', async () => {
    const { id } = await edition();
    const other = await edition();
    const { file } = await exportFile(other.id, { format: 'xliff', languages: ['en', 'ru'] });
    const foreign = await upload(id, 'imports/xliff', (file.body as Buffer).toString('utf8').replace('Никто', 'Нет'), 'application/xml');
    expect(foreign.error).toMatchObject({ code: 'XLIFF_UNKNOWN_UNITS' });
    const broken = await upload(id, 'imports/xliff', '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en">\n<file id="f"></xliff>', 'application/xml');
    expect(broken.error).toMatchObject({ code: 'XML_MALFORMED' });
    expect(broken.error!.message).toMatch(/line 3/);
    const bomb = await upload(id, 'imports/xliff', '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<x>&a;</x>', 'application/xml');
    expect(bomb.error).toMatchObject({ code: 'XML_FORBIDDEN' });
  });

  it('imports TMX as aligned variants of a matching edition, filling what is empty and reporting differences', async () => {
    const { id, documents } = await edition();
    const { file } = await exportFile(id, { format: 'tmx', languages: [] });
    const segments = (await as().get(`/api/projects/${id}/documents/${documents[1]!.id}/segments`)).body.items as { id: string }[];
    const last = segments[segments.length - 1]!;
    // A German variant for the last paragraph, and a different Russian text for it.
    const tmx = (file.body as Buffer)
      .toString('utf8')
      .replace(
        new RegExp(`(<tu tuid="${last.id}">[\\s\\S]*?)(</tu>)`),
        `$1<tuv xml:lang="de-DE"><seg>Er kam eine Woche zu spät bei der Fähre an.</seg></tuv>\n    $2`,
      )
      .replace('Оно дошло до парома с опозданием на неделю.', 'Оно пришло на неделю позже.');
    const job = await upload(id, 'imports/tmx', tmx, 'application/x-tmx+xml');
    expect(job.status).toBe('succeeded');
    const result = job.result as ExchangeImportResult;
    expect(result.changed).toEqual([{ documentId: documents[1]!.id, segmentId: last.id, language: 'de' }]);
    expect(result.conflicts).toMatchObject([{ segmentId: last.id, language: 'ru', incoming: 'Оно пришло на неделю позже.' }]);
    const [row] = (await db.query(`SELECT content FROM variants WHERE segment_id = $1 AND language = 'de'`, [last.id])) as { content: never }[];
    expect(plainText(row!.content)).toBe('Er kam eine Woche zu spät bei der Fähre an.');
    expect((await upload(id, 'imports/tmx', '<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="block" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body><tu tuid="nope"><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu></body></tmx>', 'application/xml')).error).toMatchObject({ code: 'TMX_NO_MATCH' });
  });
});
