import request from 'supertest';
import { DataSource } from 'typeorm';
import type { JobView } from '#libs/contracts';
import { readCorpus } from '../support/corpus.js';
import { itWithShared } from '../support/shared-data.js';
import { eventually } from '../support/eventually.js';
import { createProject, createUser, login, startTestServer, type TestServer } from '../support/test-app.js';

describe('importing books over REST', () => {
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

  const api = () => ({
    upload: (projectId: string, body: Buffer | string, language = 'en', acceptLanguage = 'en') =>
      request(server.url)
        .post(`/api/projects/${projectId}/imports?language=${language}&filename=book.md`)
        .set('Authorization', `Bearer ${token}`)
        .set('Accept-Language', acceptLanguage)
        .set('Content-Type', 'application/octet-stream')
        .send(Buffer.isBuffer(body) ? body : Buffer.from(body)),
    job: (projectId: string, jobId: string, acceptLanguage = 'en') =>
      request(server.url).get(`/api/projects/${projectId}/jobs/${jobId}`).set('Authorization', `Bearer ${token}`).set('Accept-Language', acceptLanguage),
    documents: (projectId: string) => request(server.url).get(`/api/projects/${projectId}/documents`).set('Authorization', `Bearer ${token}`),
    export: (projectId: string, language = 'en') =>
      request(server.url).get(`/api/projects/${projectId}/exports/markdown?language=${language}`).set('Authorization', `Bearer ${token}`),
  });

  async function finished(projectId: string, jobId: string, acceptLanguage = 'en'): Promise<JobView> {
    return eventually(
      async () => {
        const res = await api().job(projectId, jobId, acceptLanguage);
        expect(['succeeded', 'failed']).toContain(res.body.status);
        return res.body as JobView;
      },
      { timeout: 60_000, interval: 100 },
    );
  }

  async function importFile(body: Buffer | string, language = 'en', projectId?: string): Promise<{ projectId: string; job: JobView }> {
    const id = projectId ?? (await createProject(server, ownerId)).id;
    const res = await api().upload(id, body, language);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ kind: 'import', params: { language, filename: 'book.md' } });
    return { projectId: id, job: await finished(id, res.body.id) };
  }

  itWithShared()('imports book 002 with every footnote linked, reporting progress and the counts', async () => {
    const { projectId, job } = await importFile(readCorpus('002'));
    expect(job.status).toBe('succeeded');
    expect(job.done).toBe(job.total);
    const report = job.result as { footnotes: Record<string, unknown>; documents: number; pages: number };
    expect(report.footnotes).toMatchObject({ references: 381, bodies: 381, linked: 381, unresolvedReferences: [], orphanBodies: [] });
    expect(report.pages).toBeGreaterThan(100);
    const documents = await api().documents(projectId);
    expect(documents.body).toHaveLength(report.documents);
    const notes = documents.body.reduce((n: number, d: { footnoteCount: number }) => n + d.footnoteCount, 0);
    expect(notes).toBe(381);
  });

  itWithShared()('imports book 003 and reports its known anomalies by chapter and label', async () => {
    const { job } = await importFile(readCorpus('003'));
    expect(job.status).toBe('succeeded');
    const report = job.result as {
      footnotes: { references: number; bodies: number; linked: number; unresolvedReferences: { document: string; label: string }[] };
      documentTitles: Record<string, string>;
    };
    expect(report.footnotes).toMatchObject({ references: 902, bodies: 897, linked: 899 });
    const unresolved = report.footnotes.unresolvedReferences.map((r) => `${report.documentTitles[r.document]?.split('.')[0]}#${r.label}`);
    expect(unresolved.sort()).toEqual(['30#20', '36#1', '36#2']);
  });

  itWithShared().each(['002', '003'] as const)('exports book %s to Markdown that imports back to the same edition', async (book) => {
    const first = await importFile(readCorpus(book));
    expect(first.job.status).toBe('succeeded');
    const exported = await api().export(first.projectId);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toContain('text/markdown');
    const second = await importFile(exported.text);
    expect(second.job.status).toBe('succeeded');
    const strip = (r: unknown) => {
      // The export is read as Interlinea's own rendering, not as the original Markdown: compared apart.
      const { documentTitles: _t, warnings: _w, rendering: _r, encodingReport: _e, ...rest } = r as Record<string, unknown>;
      return JSON.parse(JSON.stringify(rest).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID'));
    };
    expect(strip(second.job.result)).toEqual({ ...strip(first.job.result), encoding: 'utf-8' });
    expect((first.job.result as { rendering: { name: string } }).rendering.name).toBe('markdown');
    expect((second.job.result as { rendering: { name: string } }).rendering.name).toBe('interlinea-export');
    const again = await api().export(second.projectId);
    const body = (text: string) => text.split('\n').slice(1).join('\n');
    expect(body(again.text)).toBe(body(exported.text));
  });

  describe('bad input: a clear error and nothing written', () => {
    const cases: [string, Buffer | string, string, RegExp][] = [
      ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), 'BINARY_FILE', /Markdown/],
      ['not UTF-8', Buffer.concat([Buffer.from('# 1. Title\n\nSome text '), Buffer.from([0xff, 0xfe, 0x41, 0x0a]), Buffer.from('more text\n')]), 'NOT_UTF8', /UTF-8/],
      ['only front matter', '# A Title Page\n\nPublished somewhere, 2024.\n\nAll rights reserved.\n', 'NO_CONTENT', /chapters/],
    ];
    it.each(cases)('%s', async (_name, body, code, message) => {
      const { projectId, job } = await importFile(body);
      expect(job.status).toBe('failed');
      expect(job.error?.code).toBe(code);
      expect(job.error?.message).toMatch(message);
      expect((await api().documents(projectId)).body).toEqual([]);
    });

    it('words a failed job in the caller’s language', async () => {
      const { projectId, job } = await importFile(cases[2]![1]);
      const de = await finished(projectId, job.id, 'de');
      expect(de.error?.message).toBe('Die Datei enthält keine Kapitel oder keinen Haupttext (nur Titelei oder gar nichts).');
    });

    it('refuses an empty upload at once', async () => {
      const { id } = await createProject(server, ownerId);
      const res = await api().upload(id, Buffer.alloc(0), 'en', 'ru');
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: 'EMPTY_FILE', message: 'Файл пуст.' });
    });

    it('refuses an upload over the size limit', async () => {
      const small = await startTestServer({ importMaxBytes: 4096 });
      try {
        const { id } = await createProject(small, ownerId);
        const res = await request(small.url)
          .post(`/api/projects/${id}/imports?language=en`)
          .set('Authorization', `Bearer ${token}`)
          .set('Content-Type', 'text/markdown')
          .send('# 1. Long\n\n' + 'word '.repeat(2000));
        expect(res.status).toBe(413);
        expect(res.body.error.code).toBe('FILE_TOO_LARGE');
      } finally {
        await small.close();
      }
    });

    it('leaves no partial edition when writing fails half-way', async () => {
      const { id } = await createProject(server, ownerId);
      const db = server.app.get(DataSource);
      // A trigger that fails on the footnotes insert, after the documents were written.
      await db.query(`CREATE OR REPLACE FUNCTION fail_footnotes() RETURNS trigger AS $$ BEGIN
        IF (SELECT project_id FROM documents WHERE id = NEW.document_id) = '${id}' THEN RAISE EXCEPTION 'disk full (simulated)'; END IF;
        RETURN NEW; END $$ LANGUAGE plpgsql`);
      await db.query(`CREATE TRIGGER fail_footnotes BEFORE INSERT ON footnotes FOR EACH ROW EXECUTE FUNCTION fail_footnotes()`);
      try {
        const book = '# 1. The Granary\n\nThe ledger was kept in pencil.[^1]\n\n[^1]: A later hand corrected it.\n';
        const { job } = await importFile(book, 'en', id);
        expect(job.status).toBe('failed');
        expect(job.error?.code).toBe('INTERNAL');
      } finally {
        await db.query(`DROP TRIGGER fail_footnotes ON footnotes`);
        await db.query(`DROP FUNCTION fail_footnotes()`);
      }
      expect((await api().documents(id)).body).toEqual([]);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM segments s JOIN documents d ON d.id = s.document_id WHERE d.project_id = $1`, [id]);
      expect(n).toBe(0);
    });

    it('refuses a second source import into the same edition', async () => {
      const text = '# 1. Chapter\n\nA paragraph of the book.\n';
      const { projectId } = await importFile(text);
      const { job } = await importFile(text, 'en', projectId);
      expect(job.status).toBe('failed');
      expect(job.error?.code).toBe('PROJECT_NOT_EMPTY');
    });
  });

  it('decodes Windows-1251 Russian text and says so', async () => {
    const { id } = await createProject(server, ownerId, { sourceLanguage: 'ru', targetLanguages: ['en'] });
    const text = '# 1. Глава первая\n\nОсенью в читальном зале было тесно, и очередь начиналась на лестнице.\n';
    const cp1251 = Buffer.from(Array.from(text, (ch) => windows1251(ch)));
    const { job } = await importFile(cp1251, 'ru', id);
    expect(job.status).toBe('succeeded');
    const report = job.result as { encoding: string; warnings: { code: string; message: string }[] };
    expect(report.encoding).toBe('windows-1251');
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'DECODED_WINDOWS_1251', message: expect.stringMatching(/^The file is not UTF-8/) }));
    // The report's warnings are worded in the reader's language, like every message of the API.
    const russian = (await api().job(id, job.id, 'ru').expect(200)).body as JobView;
    expect((russian.result as typeof report).warnings).toContainEqual(
      expect.objectContaining({ code: 'DECODED_WINDOWS_1251', message: expect.stringMatching(/^Файл не в кодировке UTF-8/) }),
    );
    const exported = await api().export(id, 'ru');
    expect(exported.text).toContain('Осенью в читальном зале было тесно');
  });

  describe('a translation into an existing edition', () => {
    const source = '# 1. The Archive\n\nThe reading room was small.[^1] It was always full.\n\n> A quoted order.\n\n[^1]: A note on the room.\n';
    const german = '# 1. Das Archiv\n\nDer Lesesaal war klein.[^1] Er war immer voll.\n\n> Ein zitierter Befehl.\n\n[^1]: Eine Anmerkung zum Saal.\n';

    it('matches segment for segment and links its footnotes to the edition’s', async () => {
      const { projectId } = await importFile(source);
      const { job } = await importFile(german, 'de', projectId);
      expect(job.status).toBe('succeeded');
      expect(job.result).toMatchObject({ mode: 'translation', language: 'de' });
      const [doc] = (await api().documents(projectId)).body;
      expect(doc.titles).toEqual({ en: '1. The Archive', de: '1. Das Archiv' });
      const exported = await api().export(projectId, 'de');
      expect(exported.text).toContain('Der Lesesaal war klein.[^1]');
      expect(exported.text).toContain('[^1]: Eine Anmerkung zum Saal.');
    });

    it('re-imported, keeps the approval of a text that reads the same and lets a changed one lapse', async () => {
      const { projectId } = await importFile(source);
      expect((await importFile(german, 'de', projectId)).job.status).toBe('succeeded');
      const db = server.app.get(DataSource);
      const rows = () =>
        db.query(
          `SELECT v.plain_text, v.status, v.revision, v.approved_hash IS NOT NULL AS approved FROM variants v
             JOIN segments s ON s.id = v.segment_id JOIN documents d ON d.id = s.document_id
            WHERE d.project_id = $1 AND v.language = 'de' AND s.footnote_id IS NULL ORDER BY s.position`,
          [projectId],
        ) as Promise<{ plain_text: string; status: string; revision: number; approved: boolean }[]>;
      await db.query(
        `UPDATE variants v SET status = 'approved', approved_hash = content_hash, approved_at = now()
           FROM segments s JOIN documents d ON d.id = s.document_id
          WHERE s.id = v.segment_id AND d.project_id = $1 AND v.language = 'de'`,
        [projectId],
      );
      const revised = german.replace('Er war immer voll.', 'Er war stets voll.');
      expect((await importFile(revised, 'de', projectId)).job.status).toBe('succeeded');
      expect(await rows()).toEqual([
        { plain_text: '1. Das Archiv', status: 'approved', revision: 1, approved: true },
        { plain_text: 'Der Lesesaal war klein. Er war stets voll.', status: 'translated', revision: 2, approved: false },
        { plain_text: 'Ein zitierter Befehl.', status: 'approved', revision: 1, approved: true },
      ]);
    });

    it('refuses a translation whose structure differs, naming the difference', async () => {
      const { projectId } = await importFile(source);
      const { job } = await importFile('# 1. Das Archiv\n\nDer Lesesaal war klein.\n', 'de', projectId);
      expect(job.status).toBe('failed');
      expect(job.error?.code).toBe('IMPORT_STRUCTURE_MISMATCH');
      expect(job.error?.message).toMatch(/segments/);
      const [doc] = (await api().documents(projectId)).body;
      expect(doc.titles).toEqual({ en: '1. The Archive' });
    });

    it('needs the source first', async () => {
      const { job } = await importFile(german, 'de');
      expect(job.status).toBe('failed');
      expect(job.error?.code).toBe('IMPORT_NEEDS_SOURCE');
    });
  });

  it('lets only owners and publishers import', async () => {
    const { id } = await createProject(server, ownerId);
    const translator = await createUser(server);
    await request(server.url).post(`/api/projects/${id}/members`).set('Authorization', `Bearer ${token}`).send({ email: translator.email, role: 'translator' });
    const res = await request(server.url)
      .post(`/api/projects/${id}/imports?language=en`)
      .set('Authorization', `Bearer ${await login(server, translator)}`)
      .set('Content-Type', 'text/markdown')
      .send('# 1. X\n\nText.\n');
    expect(res.status).toBe(403);
  });
});

/** The Windows-1251 byte of a character (ASCII, Cyrillic А–я, Ё/ё), for building a legacy-encoded fixture. */
function windows1251(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code < 0x80) return code;
  if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
  if (code === 0x401) return 0xa8;
  if (code === 0x451) return 0xb8;
  throw new Error(`no Windows-1251 byte for ${ch}`);
}
