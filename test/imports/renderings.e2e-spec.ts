import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import request from 'supertest';
import type { ProjectImportReport, JobView, Page, SegmentView } from '#libs/contracts';
import { buildManuscript } from '../../libs/book-import/test/docx-manuscript.js';
import { cli } from '../support/cli.js';
import { eventually } from '../support/eventually.js';
import { createProject, createUser, login, startTestServer, type TestServer } from '../support/test-app.js';

const fixture = (name: string): Buffer => readFileSync(path.resolve(process.cwd(), 'libs/book-import/test/fixtures/renderings', name));

describe('importing the renderings books arrive in', () => {
  let server: TestServer;
  let token: string;
  let ownerId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const owner = await createUser(server);
    ownerId = owner.id;
    token = await login(server, owner);
  });
  afterAll(() => server.close());

  const upload = (projectId: string, body: Buffer, query: Record<string, string>, type = 'application/octet-stream') =>
    request(server.url)
      .post(`/api/projects/${projectId}/imports`)
      .query(query)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', type)
      .send(body);

  async function finished(projectId: string, jobId: string, acceptLanguage = 'en'): Promise<JobView> {
    return eventually(
      async () => {
        const res = await request(server.url).get(`/api/projects/${projectId}/jobs/${jobId}`).set('Authorization', `Bearer ${token}`).set('Accept-Language', acceptLanguage);
        expect(['succeeded', 'failed']).toContain(res.body.status);
        return res.body as JobView;
      },
      { timeout: 60_000, interval: 100 },
    );
  }

  async function importFile(body: Buffer, query: Record<string, string>, opts: { projectId?: string; type?: string } = {}) {
    const projectId = opts.projectId ?? (await createProject(server, ownerId, { sourceLanguage: query.language ?? 'en', targetLanguages: ['ru', 'de', 'en'].filter((l) => l !== (query.language ?? 'en')) })).id;
    const res = await upload(projectId, body, { language: 'en', ...query }, opts.type);
    expect(res.status).toBe(202);
    const job = await finished(projectId, res.body.id);
    expect(job.error).toBeNull();
    return { projectId, job, report: job.result as ProjectImportReport };
  }

  const segmentsOf = async (projectId: string): Promise<SegmentView[]> => {
    const docs = await request(server.url).get(`/api/projects/${projectId}/documents`).set('Authorization', `Bearer ${token}`);
    const out: SegmentView[] = [];
    for (const d of docs.body as { id: string }[]) {
      const page = await request(server.url).get(`/api/projects/${projectId}/documents/${d.id}/segments?limit=500`).set('Authorization', `Bearer ${token}`);
      out.push(...(page.body as Page<SegmentView>).items);
    }
    return out;
  };

  it('reads a saved web page: detected, interface lines dropped and listed, notes linked, pages kept', async () => {
    const { projectId, report } = await importFile(fixture('web-page-de.txt'), { language: 'de' });
    expect(report.rendering).toMatchObject({ name: 'web-page', chosenBy: 'detection', pageMarkers: 3, pageTransitions: 2 });
    expect(report.rendering?.droppedLines.map((l) => l.text)).toEqual([
      'Zum Inhalt springen',
      'Open Access',
      'Reihe:',
      'Zusammenfassung anzeigen',
      '3 Das Erntejahr',
      'Weniger anzeigen',
      'https://reader.example.org/buecher/erntejahr/kapitel-3',
    ]);
    expect(report.footnotes).toMatchObject({ references: 4, bodies: 4, linked: 4 });
    expect(report.pages).toBe(3);
    const paragraphs = (await segmentsOf(projectId)).filter((s) => s.kind === 'paragraph');
    expect(paragraphs.map((s) => s.pages)).toEqual([['41'], ['41', '42'], ['42'], ['42', '43']]);
  });

  it('applies the rendering the user chooses (REST field), and refuses one that does not exist', async () => {
    const { report } = await importFile(fixture('web-page-en.txt'), { rendering: 'plain-text' });
    expect(report.rendering).toMatchObject({ name: 'plain-text', chosenBy: 'user', detected: 'web-page', droppedLines: [] });
    const { id } = await createProject(server, ownerId);
    const bad = await upload(id, fixture('web-page-en.txt'), { language: 'en', rendering: 'pdf', encoding: 'ebcdic' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((bad.body.error.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['encoding', 'rendering']);
  });

  it('imports a Word manuscript with every footnote and endnote linked, sent as .docx or as bytes', async () => {
    const docx = await buildManuscript();
    for (const type of ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/octet-stream']) {
      const { projectId, report } = await importFile(docx, { filename: 'manuscript.docx' }, { type });
      expect(report).toMatchObject({ encoding: 'docx', rendering: { name: 'docx', reasons: [{ code: 'DOCX_PACKAGE', count: 1 }] } });
      expect(report.footnotes).toMatchObject({ references: 14, bodies: 14, linked: 14, unresolvedReferences: [], orphanBodies: [] });
      const segments = await segmentsOf(projectId);
      expect(segments.filter((s) => s.kind === 'listItem')).toHaveLength(6);
      expect(segments.filter((s) => s.kind === 'blockQuote')).toHaveLength(2);
      // The Russian paragraph of the English manuscript keeps its own language.
      expect(segments.filter((s) => s.language === 'ru')).toHaveLength(2);

      // Its Markdown export imports back to the same edition.
      const exported = await request(server.url).get(`/api/projects/${projectId}/exports/markdown?language=en`).set('Authorization', `Bearer ${token}`);
      const again = await importFile(Buffer.from(exported.text), {});
      expect(again.report.rendering?.name).toBe('interlinea-export');
      expect(again.report.footnotes).toEqual(report.footnotes);
      expect(again.report.segmentsByKind).toEqual(report.segmentsByKind);
      const shape = (list: SegmentView[]) => list.map((s) => [s.kind, s.level, s.language, s.variants.en?.content]);
      const refsAsLabels = (list: SegmentView[]) =>
        JSON.parse(JSON.stringify(shape(list)).replace(/"footnoteId":"[0-9a-f-]{36}"/g, '"footnoteId":"ID"'));
      expect(refsAsLabels(await segmentsOf(again.projectId))).toEqual(refsAsLabels(segments));
    }
  });

  it('refuses a text file named a Word document, in the caller’s language', async () => {
    const { id } = await createProject(server, ownerId);
    const res = await upload(id, fixture('plain-text-en.txt'), { language: 'en', rendering: 'docx' });
    const job = await finished(id, res.body.id, 'ru');
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'NOT_DOCX', message: expect.stringContaining('Word') });
  });

  it('detects a KOI8-R file by the language of the text, and lets the user override it', async () => {
    const text = fixture('plain-text-ru.txt').toString('utf8');
    const bytes = iconv.encode(text, 'koi8-r');
    const { report } = await importFile(bytes, { language: 'ru' });
    expect(report.encoding).toBe('koi8-r');
    expect(report.encodingReport).toMatchObject({ name: 'koi8-r', chosenBy: 'detection' });
    expect(report.encodingReport!.confidence).toBeGreaterThan(0.6);
    expect(report.warnings.map((w) => w.code)).toContain('DECODED_LEGACY');
    const forced = await importFile(bytes, { language: 'ru', encoding: 'koi8-r' });
    expect(forced.report.encodingReport).toMatchObject({ name: 'koi8-r', chosenBy: 'user' });
  });

  it('export → import back as the same language leaves untranslated segments and notes untranslated', async () => {
    const { projectId } = await importFile(fixture('web-page-en.txt'), {});
    const exported = await request(server.url).get(`/api/projects/${projectId}/exports/markdown?language=ru`).set('Authorization', `Bearer ${token}`);
    expect(exported.status).toBe(200);
    const res = await upload(projectId, Buffer.from(exported.text), { language: 'ru' });
    const job = await finished(projectId, res.body.id);
    expect(job.status).toBe('succeeded');
    const report = job.result as ProjectImportReport;
    expect(report.mode).toBe('translation');
    expect(report.footnotes.orphanBodies).toEqual([]);
    const segments = await segmentsOf(projectId);
    expect(segments.some((s) => s.variants.ru)).toBe(false);
  });

  it('prints the rendering, the dropped lines and the guesses from the CLI', async () => {
    const { slug } = await createProject(server, ownerId);
    const result = await cli(['import', path.resolve(process.cwd(), 'libs/book-import/test/fixtures/renderings/web-page-en.txt'), '--project', slug, '--lang', 'en']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Read as: web-page (detected; INTERFACE_LINES 5, PAGE_MARKERS 3, SOURCE_ADDRESS 1)');
    expect(result.stdout).toContain('Pages: 3 (3 page markers, 2 transitions)');
    expect(result.stdout).toContain('Lines left out: 7');
    expect(result.stdout).toContain('line 10 (interface): Show Less');

    const essay = await createProject(server, ownerId);
    const json = await cli(['import', path.resolve(process.cwd(), 'libs/book-import/test/fixtures/renderings/flattened-essay-en.txt'), '--project', essay.slug, '--lang', 'en', '--rendering', 'flattened-essay', '--json']);
    expect(JSON.parse(json.stdout).rendering).toMatchObject({ name: 'flattened-essay', chosenBy: 'user' });

    const bad = await cli(['import', 'x.txt', '--project', essay.slug, '--lang', 'en', '--rendering', 'pdf', '--json']);
    expect(JSON.parse(bad.stdout).error).toEqual({ code: 'CLI_USAGE', message: expect.stringContaining('--rendering pdf') });
  }, 120_000);
});
