import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { JobView } from '#libs/contracts';
import { eventually } from '../support/eventually.js';
import { createProject, createUser, login, startTestServer, type TestServer } from '../support/test-app.js';

const fixtures = join(process.cwd(), 'libs/alignment/test/fixtures');
/** The fixture chapter as the book importer reads it (the files use Markdown footnotes). */
const english = readFileSync(join(fixtures, 'chapter.en.md'));
const german = readFileSync(join(fixtures, 'chapter.de.md'));

describe('aligned import of a translation that does not match segment for segment', () => {
  let server: TestServer;
  let ownerToken: string;
  let ownerId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const owner = await createUser(server);
    ownerId = owner.id;
    ownerToken = await login(server, owner);
  });
  afterAll(() => server.close());

  const as = (token: string) => ({
    get: (url: string) => request(server.url).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body?: object) => request(server.url).post(url).set('Authorization', `Bearer ${token}`).send(body),
    patch: (url: string, body: object) => request(server.url).patch(url).set('Authorization', `Bearer ${token}`).send(body),
    upload: (url: string, bytes: Buffer) =>
      request(server.url).post(url).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/octet-stream').send(bytes),
  });

  async function finished(token: string, projectId: string, jobId: string): Promise<JobView> {
    return eventually(
      async () => {
        const res = await as(token).get(`/api/projects/${projectId}/jobs/${jobId}`);
        expect(['succeeded', 'failed']).toContain(res.body.status);
        return res.body as JobView;
      },
      { timeout: 60_000, interval: 100 },
    );
  }

  async function editionWithSource(): Promise<string> {
    const project = await createProject(server, ownerId);
    const res = await as(ownerToken).upload(`/api/projects/${project.id}/imports?language=en`, english);
    expect(res.status).toBe(202);
    expect((await finished(ownerToken, project.id, res.body.id)).status).toBe('succeeded');
    return project.id;
  }

  async function propose(projectId: string): Promise<{ id: string; body: Record<string, any> }> {
    const res = await as(ownerToken).upload(`/api/projects/${projectId}/alignments?language=de&filename=kapitel.md`, german);
    expect(res.status).toBe(202);
    expect(res.body.kind).toBe('align');
    const job = await finished(ownerToken, projectId, res.body.id);
    expect(job.status).toBe('succeeded');
    expect(job.done).toBe(job.total);
    const id = (job.result as { alignmentId: string }).alignmentId;
    const view = await as(ownerToken).get(`/api/projects/${projectId}/alignments/${id}`);
    expect(view.status).toBe(200);
    return { id, body: view.body };
  }

  const variants = (projectId: string, language: string) =>
    server.app.get(DataSource).query(
      `SELECT s.id, s.kind, v.plain_text, v.status, v.content FROM segments s JOIN documents d ON d.id = s.document_id
         LEFT JOIN variants v ON v.segment_id = s.id AND v.language = $2
        WHERE d.project_id = $1 AND s.footnote_id IS NULL ORDER BY s.position`,
      [projectId, language],
    ) as Promise<{ id: string; kind: string; plain_text: string | null; status: string | null; content: any[] | null }[]>;

  it('proposes, writes nothing until confirmed, then writes the edition-shaped text as drafts with history', async () => {
    const projectId = await editionWithSource();
    const { id, body } = await propose(projectId);
    expect(body.status).toBe('open');
    expect(body.summary).toMatchObject({ documents: 1, notes: 2, unmatchedNotes: 0 });
    expect(body.summary.shapes).toEqual({ '1:1': 14, '1:0': 1 });
    expect(await variants(projectId, 'de')).toEqual(expect.arrayContaining([expect.objectContaining({ plain_text: null })]));
    expect((await variants(projectId, 'de')).every((v) => v.plain_text === null)).toBe(true);

    const confirm = await as(ownerToken).post(`/api/projects/${projectId}/alignments/${id}/confirm`);
    expect(confirm.status).toBe(201);
    expect(confirm.body).toMatchObject({ documents: 1, notes: 2 });
    const rows = await variants(projectId, 'de');
    // The edition keeps its seven segments; merged German paragraphs are cut, the split one joined.
    expect(rows.map((r) => r.plain_text)).toEqual([
      'Kapitel 2. Die Getreidekrise',
      'Im Winter 1927–28 kaufte der Staat weit weniger Getreide auf, als er geplant hatte. Der Fehlbetrag erreichte bis zum Januar fast zwei Millionen Tonnen.',
      'Die Führung gab zuerst dem Wetter die Schuld. Dann beschuldigte sie die Bauern, die ihre Vorräte zurückhielten.',
      'Im Ural und in Sibirien folgten Notmaßnahmen. Stalin selbst reiste im Januar 1928 nach Nowosibirsk.',
      'Bucharin widersprach auf dem Aprilplenum. Er warnte, die Maßnahmen würden das Bündnis mit der Bauernschaft zerstören. Seine Rede wurde erst viel später veröffentlicht. Rykow unterstützte ihn im Vertrauen.',
      'Der Streit wanderte vom Plenum in die Presse. Die Prawda druckte ungezeichnete Artikel gegen „die rechte Abweichung“.',
      'Im Herbst 1928 waren die Notmaßnahmen zur Regel geworden.',
    ]);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['draft']));
    // Footnote references point at the edition's notes (renumbered 3, 4 → 1, 2), in the right segments.
    const db = server.app.get(DataSource);
    const notes = (await db.query(
      `SELECT f.id, f.labels, v.plain_text FROM footnotes f JOIN documents d ON d.id = f.document_id
         JOIN segments s ON s.footnote_id = f.id LEFT JOIN variants v ON v.segment_id = s.id AND v.language = 'de'
        WHERE d.project_id = $1 ORDER BY f.position`,
      [projectId],
    )) as { id: string; labels: Record<string, string>; plain_text: string }[];
    expect(notes.map((n) => [n.labels, n.plain_text])).toEqual([
      [{ en: '3', de: '1' }, 'Zahlen aus dem Bericht des Volkskommissariats für Handel, 1928, S. 14.'],
      [{ en: '4', de: '2' }, 'Das Stenogramm erschien erst 1990.'],
    ]);
    const refs = (content: any[] | null) => (content ?? []).filter((n) => n.type === 'footnoteRef').map((n) => n.footnoteId);
    expect(refs(rows[1]!.content)).toEqual([notes[0]!.id]);
    expect(refs(rows[4]!.content)).toEqual([notes[1]!.id]);
    const history = (await db.query(`SELECT count(*)::int AS n FROM history_entries WHERE project_id = $1 AND action = 'import.aligned' AND language = 'de'`, [
      projectId,
    ])) as [{ n: number }];
    expect(history[0].n).toBe(9);

    const again = await as(ownerToken).post(`/api/projects/${projectId}/alignments/${id}/confirm`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALIGNMENT_CLOSED');
  });

  it('applies the reviewer’s one-key operations, refuses one that does not fit, and guards the revision', async () => {
    const projectId = await editionWithSource();
    const { id, body } = await propose(projectId);
    const beads = body.proposal.documents[0].beads as { source: unknown[]; target: unknown[] }[];
    const last = beads.length - 1; // the dropped English sentence, 1:0
    const merged = await as(ownerToken).patch(`/api/projects/${projectId}/alignments/${id}`, {
      document: 0,
      revision: body.revision,
      operations: [{ op: 'merge', bead: last - 1 }],
    });
    expect(merged.status).toBe(200);
    const after = merged.body.proposal.documents[0].beads;
    expect(after).toHaveLength(beads.length - 1);
    expect(after[last - 1]).toMatchObject({ reviewed: true, confidence: 1 });
    expect(after[last - 1].source).toHaveLength(2);
    const split = await as(ownerToken).patch(`/api/projects/${projectId}/alignments/${id}`, {
      document: 0,
      operations: [{ op: 'split', bead: last - 1, source: 1, target: 1 }, { op: 'shiftDown', bead: 2 }, { op: 'shiftUp', bead: 2 }, { op: 'accept', bead: 0 }],
    });
    expect(split.status).toBe(200);
    expect(split.body.proposal.documents[0].beads).toHaveLength(beads.length);
    const wrong = await as(ownerToken).patch(`/api/projects/${projectId}/alignments/${id}`, { document: 0, operations: [{ op: 'shiftUp', bead: 0 }] });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('ALIGNMENT_OPERATION_INVALID');
    const stale = await as(ownerToken).patch(`/api/projects/${projectId}/alignments/${id}`, { document: 0, revision: 1, operations: [{ op: 'accept', bead: 0 }] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('ALIGNMENT_STALE');
    const discarded = await request(server.url).delete(`/api/projects/${projectId}/alignments/${id}`).set('Authorization', `Bearer ${ownerToken}`);
    expect(discarded.status).toBe(204);
    expect((await variants(projectId, 'de')).every((v) => v.plain_text === null)).toBe(true);
  });

  it('lets owners and publishers align, nobody else; refuses the source language', async () => {
    const projectId = await editionWithSource();
    const tokens: Record<string, string> = {};
    for (const role of ['translator', 'reviewer', 'viewer', 'publisher']) {
      const user = await createUser(server);
      const added = await as(ownerToken).post(`/api/projects/${projectId}/members`, { email: user.email, role });
      expect(added.status).toBe(201);
      tokens[role] = await login(server, user);
    }
    for (const role of ['translator', 'reviewer', 'viewer']) {
      const res = await as(tokens[role]!).upload(`/api/projects/${projectId}/alignments?language=de`, german);
      expect(res.status).toBe(403);
    }
    const { id } = await propose(projectId);
    expect((await as(tokens.viewer!).get(`/api/projects/${projectId}/alignments/${id}`)).status).toBe(403);
    expect((await as(tokens.publisher!).get(`/api/projects/${projectId}/alignments/${id}`)).status).toBe(200);
    const outsider = await login(server, await createUser(server));
    expect((await as(outsider).get(`/api/projects/${projectId}/alignments/${id}`)).status).toBe(404);
    const source = await as(ownerToken).upload(`/api/projects/${projectId}/alignments?language=en`, english);
    expect(source.status).toBe(400);
    expect(source.body.error.code).toBe('ALIGNMENT_SOURCE_LANGUAGE');
    const missing = await as(ownerToken).get(`/api/projects/${projectId}/alignments/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ALIGNMENT_NOT_FOUND');
  });
});
