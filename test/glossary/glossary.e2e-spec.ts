import request from 'supertest';
import { DataSource } from 'typeorm';
import type { ConsistencyReportView, GlossaryCheckView, GlossaryEntryView } from '#libs/contracts';
import { createProject, createUser, login, startTestServer, type TestServer } from '../support/test-app.js';

const t = (text: string) => [{ type: 'text', text }];

describe('the glossary over REST', () => {
  let server: TestServer;
  let owner: { id: string; email: string; token: string };
  let project: { id: string; slug: string };
  let documentId: string;

  const as = (token: string, projectId = () => project.id) => ({
    get: (path: string) => request(server.url).get(`/api/projects/${projectId()}${path}`).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => request(server.url).post(`/api/projects/${projectId()}${path}`).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object) => request(server.url).put(`/api/projects/${projectId()}${path}`).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => request(server.url).patch(`/api/projects/${projectId()}${path}`).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => request(server.url).delete(`/api/projects/${projectId()}${path}`).set('Authorization', `Bearer ${token}`),
    upload: (path: string, body: string, type: string) =>
      request(server.url).post(`/api/projects/${projectId()}${path}`).set('Authorization', `Bearer ${token}`).set('Content-Type', type).send(body),
  });

  async function member(role: string): Promise<string> {
    const u = await createUser(server);
    expect((await as(owner.token).post('/members', { email: u.email, role })).status).toBe(201);
    return login(server, u);
  }

  const entries = async (): Promise<GlossaryEntryView[]> => (await as(owner.token).get('/glossary/entries?limit=500')).body.items;

  beforeAll(async () => {
    server = await startTestServer();
    const u = await createUser(server);
    owner = { ...u, token: await login(server, u) };
    // A Russian book translated into English and German, as in DESIGN.md.
    project = await createProject(server, u.id, { sourceLanguage: 'ru', targetLanguages: ['en', 'de'] });
    expect((await as(owner.token).put('/glossary/conventions/en', { scheme: 'hrl-modified' })).status).toBe(200);
    const doc = await as(owner.token).post('/documents', { kind: 'chapter', titles: { ru: 'Глава 1', en: 'Chapter 1' } });
    documentId = doc.body.id;
    const paragraphs: [string, string, string][] = [
      ['Томский и Рыков спорили с Бухариным.', 'Tomsky and Rykov argued with Bukharin.', 'Tomski und Rykow stritten mit Bucharin.'],
      ['Томский ответил Рыкову.', 'Tomsy answered Rykov.', 'Tomski antwortete Rykow.'],
      ['Письмо Томского Бухарину.', 'A letter of Tomsy to Bukharin.', 'Ein Brief Tomskis an Bucharin.'],
      ['Томский молчал.', 'Tomskey was silent.', 'Tomski schwieg.'],
    ];
    for (const [ru, en, de] of paragraphs) {
      const res = await as(owner.token).post(`/documents/${documentId}/segments`, { kind: 'paragraph', variants: { ru: t(ru), en: t(en), de: t(de) } });
      expect(res.status).toBe(201);
    }
  }, 60_000);

  afterAll(() => server.close());

  it('proposes forms from the edition’s conventions for a new entry', async () => {
    const res = await as(owner.token).post('/glossary/entries', { lemma: 'Зиновьев', kind: 'person', firstName: 'Григорий', patronymic: 'Евсеевич' });
    expect(res.status).toBe(201);
    expect(res.body.forms.en).toEqual([
      { form: 'Zinoviev', status: 'preferred' },
      { form: "Zinov'ev", status: 'allowed', contexts: ['footnote', 'bibliography'] },
      { form: 'Zinov’yev', status: 'forbidden' },
    ]);
    expect(res.body.forms.de[0]).toEqual({ form: 'Sinowjew', status: 'preferred' });
    const preview = await as(owner.token).post('/glossary/proposals', { lemma: 'Раскольников' });
    expect(preview.body.forms.en.preferred).toBe('Raskolnikov');
    expect(preview.body.forms.de.preferred).toBe('Raskolnikow');
  });

  it('checks roles on every route and keeps the history of an entry', async () => {
    const viewer = await member('viewer');
    const translator = await member('translator');
    const outsider = await login(server, await createUser(server));
    expect((await as(viewer).get('/glossary/entries')).status).toBe(200);
    const refused = await as(viewer).post('/glossary/entries', { lemma: 'Рыков', kind: 'person' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('PERMISSION_DENIED');
    expect((await as(outsider).get('/glossary/entries')).status).toBe(404);
    expect((await as(translator).put('/glossary/conventions/en', { scheme: 'bgn-pcgn' })).status).toBe(403);

    const created = await as(translator).post('/glossary/entries', { lemma: 'Рыков', kind: 'person', definition: 'Chairman of Sovnarkom' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const stale = await as(translator).patch(`/glossary/entries/${id}`, { revision: 7, notes: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_REVISION');
    const updated = await as(owner.token).patch(`/glossary/entries/${id}`, { revision: 1, notes: 'Alexei Ivanovich' });
    expect(updated.body).toMatchObject({ revision: 2, notes: 'Alexei Ivanovich' });
    const history = await as(viewer).get(`/glossary/entries/${id}/history`);
    expect(history.body.map((h: { action: string }) => h.action)).toEqual(['glossary.entry.updated', 'glossary.entry.created']);
    expect(history.body[0]).toMatchObject({ before: { notes: '' }, after: { notes: 'Alexei Ivanovich' }, source: 'rest' });
    expect((await as(viewer).delete(`/glossary/entries/${id}`)).status).toBe(403);
    expect((await as(translator).delete(`/glossary/entries/${id}`)).status).toBe(204);
    expect((await as(owner.token).get(`/glossary/entries/${id}`)).body.error.code).toBe('GLOSSARY_ENTRY_NOT_FOUND');
  });

  it('checks a text as typed: context-only forms, forbidden forms, misspellings, with fixes', async () => {
    await as(owner.token).post('/glossary/entries', { lemma: 'Томский', kind: 'person' });
    const segments = (await as(owner.token).get(`/documents/${documentId}/segments`)).body.items as { id: string }[];
    const live = await as(owner.token).post('/glossary/check', { language: 'en', segmentId: segments[1]!.id, text: 'Tomsy answered Rykov.' });
    expect(live.status).toBe(200);
    const view = live.body as GlossaryCheckView;
    expect(view.findings).toEqual([expect.objectContaining({ kind: 'variant-form', found: 'Tomsy', expected: 'Tomsky', start: 0, end: 5, fix: { start: 0, end: 5, replacement: 'Tomsky' } })]);
    const main = await as(owner.token).post('/glossary/check', { language: 'en', sourceText: 'Речь Зиновьева', text: "Zinov'ev's speech" });
    expect(main.body.findings).toEqual([expect.objectContaining({ kind: 'context-only-form', severity: 'warning', fix: { start: 0, end: 10, replacement: "Zinoviev's" } })]);
    const footnote = await as(owner.token).post('/glossary/check', { language: 'en', sourceText: 'Речь Зиновьева', text: "Zinov'ev's speech", context: 'footnote' });
    expect(footnote.body.findings).toEqual([]);
    // The edition makes context-only forms errors.
    await as(owner.token).put('/glossary/conventions/en', { scheme: 'hrl-modified', severities: { 'context-only-form': 'error' } });
    const strict = await as(owner.token).post('/glossary/check', { language: 'en', sourceText: 'Зиновьев', text: "Zinov'ev" });
    expect(strict.body.findings[0].severity).toBe('error');
    const bad = await as(owner.token).post('/glossary/check', { language: 'fr', text: 'x' });
    expect(bad.body.error.code).toBe('LANGUAGE_NOT_IN_PROJECT');
  });

  it('keeps findings per variant, written with the text and computed again when the glossary changes', async () => {
    const seg = await as(owner.token).post(`/documents/${documentId}/segments`, { kind: 'paragraph', variants: { ru: t('Речь Зиновьева.'), en: t("Zinov'ev's speech.") } });
    expect(seg.status).toBe(201);
    const found = async () => (await as(owner.token).get(`/documents/${documentId}/glossary-findings?language=en`)).body as { segmentId: string; findings: { kind: string; found?: string }[] }[];
    const mine = async () => (await found()).find((f) => f.segmentId === seg.body.id);
    expect((await mine())?.findings.map((f) => [f.kind, f.found])).toEqual([['context-only-form', "Zinov'ev's"]]);
    // The translator fixes the text: the write itself updates the stored findings.
    const put = await as(owner.token).put(`/documents/${documentId}/segments/${seg.body.id}/variants/en`, { content: t("Zinoviev's speech.") });
    expect(put.status).toBe(200);
    const [row] = await (server.app.get(DataSource)).query(`SELECT findings FROM glossary_findings WHERE segment_id = $1 AND language = 'en'`, [seg.body.id]);
    expect(row.findings).toEqual([]);
    expect(await mine()).toBeUndefined();
    // The glossary forbids the form now in the text: the next read computes again.
    const zinoviev = (await entries()).find((e) => e.lemma === 'Зиновьев')!;
    await as(owner.token).patch(`/glossary/entries/${zinoviev.id}`, { revision: zinoviev.revision, forms: { ...zinoviev.forms, en: [{ form: 'Zinovyev', status: 'preferred' }, { form: 'Zinoviev', status: 'forbidden' }] } });
    expect((await mine())?.findings.map((f) => [f.kind, f.found])).toEqual([['forbidden-form', "Zinoviev's"]]);
    await as(owner.token).patch(`/glossary/entries/${zinoviev.id}`, { revision: zinoviev.revision + 1, forms: zinoviev.forms });
  });

  it('builds the consistency report, and adds a cluster as an entry with its lemma from the Russian text', async () => {
    const res = await as(owner.token).get('/glossary/report?language=en');
    expect(res.status).toBe(200);
    const report = res.body as ConsistencyReportView;
    const tomsky = report.clusters.find((c) => c.forms.some((f) => f.form === 'Tomsky'))!;
    expect(tomsky.forms.map((f) => [f.form, f.count, f.status ?? null])).toEqual([
      ['Tomsy', 2, null],
      ['Tomskey', 1, null],
      ['Tomsky', 1, 'preferred'],
    ]);
    expect(tomsky.documentTitles[documentId]).toBe('Chapter 1');
    const segmentIds = tomsky.forms.flatMap((f) => f.locations.map((l) => l.segmentId));
    // Remove the Томский entry so the cluster is a name the glossary does not know yet.
    const existing = (await entries()).find((e) => e.lemma === 'Томский')!;
    await as(owner.token).delete(`/glossary/entries/${existing.id}`);
    const added = await as(owner.token).post('/glossary/entries/from-cluster', {
      language: 'en',
      kind: 'person',
      forms: [{ form: 'Tomsky', status: 'preferred' }, { form: 'Tomsy', status: 'forbidden' }, { form: 'Tomskey', status: 'forbidden' }],
      segmentIds,
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ lemma: 'Томский', kind: 'person' });
    expect(added.body.forms.de[0]).toEqual({ form: 'Tomski', status: 'preferred' });
    const after = (await as(owner.token).get('/glossary/report?language=en')).body as ConsistencyReportView;
    expect(after.clusters.find((c) => c.main === 'Tomsy')).toMatchObject({ entryId: added.body.id, preferred: 'Tomsky' });
  });

  it('suggests Cyrillic names the glossary lacks, in the nominative, with their renderings', async () => {
    const res = await as(owner.token).get('/glossary/suggestions');
    expect(res.status).toBe(200);
    const bukharin = res.body.find((s: { lemma: string }) => s.lemma === 'Бухарин');
    expect(bukharin).toBeUndefined(); // only inflected forms are written: Бухариным, Бухарину
    const lemmas = res.body.map((s: { lemma: string }) => s.lemma);
    expect(lemmas).toContain('Рыков');
    const rykov = res.body.find((s: { lemma: string }) => s.lemma === 'Рыков');
    expect(rykov.renderings).toEqual({ en: 'Rykov', de: 'Rykow' });
    expect(rykov.written).toEqual(expect.arrayContaining([{ form: 'Рыков', count: 1 }, { form: 'Рыкову', count: 1 }]));
    expect(lemmas).not.toContain('Томский'); // in the glossary now
  });

  it('imports and exports CSV and TBX, all or nothing, refusing unsafe XML', async () => {
    const before = (await entries()).length;
    const csv = 'lemma,kind,en,en_allowed,de\nЕжов,person,Yezhov,"Ezhov [bibliography]",Jeschow\nЯгода,person,Yagoda,,\n';
    const imported = await as(owner.token).upload('/glossary/import?format=csv', csv, 'text/csv');
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ created: 2, updated: 0 });
    expect((await entries()).find((e) => e.lemma === 'Ягода')!.forms.de[0]).toEqual({ form: 'Jagoda', status: 'preferred' });

    const broken = await as(owner.token).upload('/glossary/import?format=csv', 'lemma,kind\nКиров,person\nМолотов,giant\n', 'text/csv');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: 'GLOSSARY_IMPORT_INVALID', message: expect.stringContaining('line 3') });
    expect((await entries()).length).toBe(before + 2);

    const bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><tbx><text><body/></text></tbx>';
    const unsafe = await as(owner.token).upload('/glossary/import?format=tbx', bomb, 'text/xml');
    expect(unsafe.status).toBe(400);
    expect(unsafe.body.error.code).toBe('XML_UNSAFE');

    const tbx = await as(owner.token).get('/glossary/export?format=tbx');
    expect(tbx.status).toBe(200);
    expect(tbx.headers['content-type']).toContain('application/x-tbx+xml');
    expect(tbx.text).toContain('<term>Yezhov</term>');
    const again = await as(owner.token).upload('/glossary/import?format=tbx', tbx.text, 'text/xml');
    expect(again.body).toMatchObject({ created: 0, updated: 0, skipped: before + 2 });

    const exported = await as(owner.token).get('/glossary/export?format=csv');
    expect(exported.text.split('\r\n')[0]).toBe('\uFEFFid,lemma,kind,first_name,patronymic,definition,notes,en,en_allowed,en_forbidden,de,de_allowed,de_forbidden');
    expect(exported.text).toContain('Yezhov,Ezhov [bibliography]');
  });

  it('imports a printed term list as entries', async () => {
    const list = '# Terms\n\n**sovkhoz [совхоз]:** a state farm.\n**TsIK [(ЦИК) Центральный исполнительный комитет]:** the executive.\n';
    const res = await as(owner.token).upload('/glossary/import?format=terms&language=en', list, 'text/markdown');
    expect(res.body).toMatchObject({ created: 2 });
    const tsik = (await entries()).find((e) => e.lemma === 'ЦИК')!;
    expect(tsik).toMatchObject({ kind: 'abbreviation', definition: 'the executive.', notes: 'Центральный исполнительный комитет' });
    expect(tsik.forms.en).toEqual([{ form: 'TsIK', status: 'preferred' }]);
    expect(tsik.forms.de[0]).toEqual({ form: 'ZIK', status: 'preferred' }); // proposed for the language the list lacks
  });

  it('shares a glossary with another edition, editable only by its own edition’s members', async () => {
    const other = await createProject(server, owner.id, { sourceLanguage: 'ru', targetLanguages: ['en'] });
    const otherAs = (token: string) => as(token, () => other.id);
    const ownGlossary = (await as(owner.token).get('/glossaries')).body[0];
    expect(ownGlossary).toMatchObject({ own: true, editable: true });
    expect((await otherAs(owner.token).post('/glossaries/links', { glossaryId: ownGlossary.id })).status).toBe(201);
    const linked = (await otherAs(owner.token).get('/glossaries')).body;
    expect(linked.map((g: { own: boolean }) => g.own)).toEqual([true, false]);
    const shared = (await otherAs(owner.token).get(`/glossary/entries?glossaryId=${ownGlossary.id}&q=Zinov`)).body.items;
    expect(shared.map((e: GlossaryEntryView) => e.lemma)).toEqual(['Зиновьев']);

    // A translator of the other edition only: reads the shared entries, cannot change them.
    const u = await createUser(server);
    expect((await otherAs(owner.token).post('/members', { email: u.email, role: 'translator' })).status).toBe(201);
    const translator = await login(server, u);
    const entry = shared[0] as GlossaryEntryView;
    const refused = await otherAs(translator).patch(`/glossary/entries/${entry.id}`, { revision: entry.revision, notes: 'mine' });
    expect(refused.body.error.code).toBe('PERMISSION_DENIED');
    const check = await otherAs(translator).post('/glossary/check', { language: 'en', sourceText: 'Зиновьев', text: 'Zinov’yev' });
    expect(check.body.findings[0]).toMatchObject({ kind: 'forbidden-form', expected: 'Zinoviev' });
    expect((await otherAs(owner.token).delete(`/glossaries/links/${ownGlossary.id}`)).status).toBe(204);
    expect((await otherAs(owner.token).get(`/glossary/entries?glossaryId=${ownGlossary.id}`)).body.error.code).toBe('GLOSSARY_NOT_FOUND');
  });

  it('refuses unknown schemes and malformed conventions with codes', async () => {
    const unknown = await as(owner.token).put('/glossary/conventions/en', { scheme: 'klingon' });
    expect(unknown.body.error.code).toBe('TRANSLIT_SCHEME_UNKNOWN');
    const custom = await as(owner.token).put('/glossary/conventions/de', { scheme: 'custom', convention: { id: 'x', label: 'x', language: 'de', description: '', base: 'nope', rules: [], exceptions: [], allowances: [] } });
    expect(custom.body.error).toMatchObject({ code: 'INVALID_CONVENTION', message: expect.stringContaining('base "nope" is not a scheme') });
    const own = await as(owner.token).put('/glossary/conventions/de', {
      scheme: 'custom',
      convention: { id: 'presse', label: 'Presse', language: 'de', description: '', base: 'de-duden', rules: [], exceptions: [{ source: 'Лев', output: 'Leo', note: 'eingeführt' }], allowances: [] },
    });
    expect(own.status).toBe(200);
    expect((await as(owner.token).post('/glossary/proposals', { lemma: 'Лев' })).body.forms.de.preferred).toBe('Leo');
    const schemes = await request(server.url).get('/api/transliteration/schemes').set('Authorization', `Bearer ${owner.token}`);
    expect(schemes.body.map((s: { id: string }) => s.id)).toContain('de-duden');
  });
});
