import request from 'supertest';
import { type Permission, PROJECT_ROLES, type ProjectRole, roleAllows } from '#libs/contracts';
import {
  addMember,
  api,
  type Chapter,
  collabToken,
  connect,
  createChapter,
  type Client,
  type Member,
  synced,
  textOf,
} from '../collaboration/collab-support.js';
import { eventually } from '../support/eventually.js';
import { createUser, login, startTestServer, type TestServer } from '../support/test-app.js';
import { listRoutes } from './role-matrix-routes.js';

/**
 * Every project route and socket action × every role and a non-member, allowed or denied as the role
 * table in libs/contracts says. The rows below name each route's permission; the list of routes comes
 * from the running application, so a new project route without a row here fails the first test (and
 * a row whose route is gone fails it too). An allowed call must succeed (2xx); a denied one is
 * PERMISSION_DENIED (403); a non-member is told the project does not exist (404).
 */

type Who = ProjectRole | 'non-member';
const EVERYONE: Who[] = [...PROJECT_ROLES, 'non-member'];

interface World {
  server: TestServer;
  chapter: Chapter;
  /** Project-relative base: /api/projects/:id */
  p: string;
  /** Chapter-relative base: /api/projects/:id/documents/:documentId */
  d: string;
  footnoteId: string;
  jobId: string;
  threadId: string;
  members: Record<ProjectRole, Member>;
  outsider: Member;
  owner: ReturnType<typeof api>;
}

type Call = (w: World, as: ReturnType<typeof api>, who: Who) => PromiseLike<request.Response>;

interface Row {
  route: string;
  /** What the route declares for ProjectAccessGuard. */
  permission: Permission;
  /** The request `who` makes (targets it would destroy are made fresh by the owner first). */
  call?: Call;
  /**
   * Routes whose service decides further (the text of one language): one case per situation, with the
   * permission that decides it there and the code a denied caller gets.
   */
  cases?: { name: string; decidedBy: Permission; deniedCode: string; call: Call }[];
}

const body = (res: request.Response) => res.body as Record<string, unknown>;

/** A fresh segment at the end of the chapter, made by the owner (for routes that change or remove one). */
async function freshSegment(w: World, text = 'Scratch paragraph.'): Promise<string> {
  const res = await w.owner.post(`${w.d}/segments`, { kind: 'paragraph', variants: { en: [{ type: 'text', text }] } });
  if (res.status !== 201) throw new Error(`fresh segment: ${res.status}`);
  return body(res).id as string;
}

const rows: Row[] = [
  // The edition
  { route: 'GET /projects/:projectId', permission: 'project.read', call: (w, as) => as.get(w.p) },
  { route: 'PATCH /projects/:projectId', permission: 'project.manage', call: (w, as, who) => as.patch(w.p, { title: `Matrix edition (${who})` }) },
  {
    route: 'DELETE /projects/:projectId',
    permission: 'project.manage',
    async call(w, as, who) {
      // A project of its own, where the caller has the role under test.
      const res = await w.owner.post('/api/projects', { slug: `gone-${Math.random().toString(36).slice(2, 9)}`, title: 'To delete', sourceLanguage: 'en', targetLanguages: ['de'] });
      if (res.status !== 201) throw new Error(`fresh project: ${res.status} ${JSON.stringify(res.body)}`);
      const id = body(res).id as string;
      if (who !== 'non-member' && who !== 'owner') await w.owner.post(`/api/projects/${id}/members`, { email: w.members[who].email, role: who });
      return as.delete(`/api/projects/${id}`);
    },
  },
  { route: 'GET /projects/:projectId/members', permission: 'project.read', call: (w, as) => as.get(`${w.p}/members`) },
  {
    route: 'POST /projects/:projectId/members',
    permission: 'members.manage',
    async call(w, as) {
      const u = await createUser(w.server);
      return as.post(`${w.p}/members`, { email: u.email, role: 'viewer' });
    },
  },
  {
    route: 'PATCH /projects/:projectId/members/:userId',
    permission: 'members.manage',
    async call(w, as) {
      const u = await createUser(w.server);
      await w.owner.post(`${w.p}/members`, { email: u.email, role: 'viewer' });
      return as.patch(`${w.p}/members/${u.id}`, { role: 'reviewer' });
    },
  },
  {
    route: 'DELETE /projects/:projectId/members/:userId',
    permission: 'members.manage',
    async call(w, as) {
      const u = await createUser(w.server);
      await w.owner.post(`${w.p}/members`, { email: u.email, role: 'viewer' });
      return as.delete(`${w.p}/members/${u.id}`);
    },
  },
  // Chapters
  { route: 'GET /projects/:projectId/documents', permission: 'project.read', call: (w, as) => as.get(`${w.p}/documents`) },
  { route: 'POST /projects/:projectId/documents', permission: 'structure.edit', call: (w, as) => as.post(`${w.p}/documents`, { kind: 'chapter' }) },
  { route: 'GET /projects/:projectId/documents/:documentId', permission: 'project.read', call: (w, as) => as.get(w.d) },
  { route: 'PATCH /projects/:projectId/documents/:documentId', permission: 'structure.edit', call: (w, as) => as.patch(w.d, { titles: { en: 'Matrix chapter' } }) },
  {
    route: 'DELETE /projects/:projectId/documents/:documentId',
    permission: 'structure.edit',
    async call(w, as) {
      const id = body(await w.owner.post(`${w.p}/documents`, { kind: 'chapter' })).id as string;
      return as.delete(`${w.p}/documents/${id}`);
    },
  },
  { route: 'POST /projects/:projectId/documents/:documentId/collab-token', permission: 'project.read', call: (w, as) => as.post(`${w.d}/collab-token`) },
  // Segments
  { route: 'GET /projects/:projectId/documents/:documentId/segments', permission: 'project.read', call: (w, as) => as.get(`${w.d}/segments`) },
  {
    route: 'POST /projects/:projectId/documents/:documentId/segments',
    permission: 'structure.edit',
    call: (w, as) => as.post(`${w.d}/segments`, { kind: 'paragraph', variants: { en: [{ type: 'text', text: 'Inserted.' }] } }),
  },
  { route: 'GET /projects/:projectId/documents/:documentId/segments/:segmentId', permission: 'project.read', call: (w, as) => as.get(`${w.d}/segments/${w.chapter.segments[0]}`) },
  {
    route: 'PATCH /projects/:projectId/documents/:documentId/segments/:segmentId',
    permission: 'structure.edit',
    call: (w, as) => as.patch(`${w.d}/segments/${w.chapter.segments[0]}`, { pages: ['12'] }),
  },
  {
    route: 'DELETE /projects/:projectId/documents/:documentId/segments/:segmentId',
    permission: 'structure.edit',
    call: async (w, as) => as.delete(`${w.d}/segments/${await freshSegment(w)}`),
  },
  {
    route: 'POST /projects/:projectId/documents/:documentId/segments/:segmentId/move',
    permission: 'structure.edit',
    call: async (w, as) => as.post(`${w.d}/segments/${await freshSegment(w)}/move`, { position: 0 }),
  },
  {
    route: 'POST /projects/:projectId/documents/:documentId/segments/:segmentId/split',
    permission: 'structure.edit',
    call: async (w, as) => as.post(`${w.d}/segments/${await freshSegment(w, 'Left. Right.')}/split`, { offsets: { en: 6 } }),
  },
  {
    route: 'POST /projects/:projectId/documents/:documentId/segments/:segmentId/merge-next',
    permission: 'structure.edit',
    async call(w, as) {
      const first = await freshSegment(w, 'One.');
      await freshSegment(w, 'Two.');
      return as.post(`${w.d}/segments/${first}/merge-next`);
    },
  },
  {
    route: 'PUT /projects/:projectId/documents/:documentId/segments/:segmentId/variants/:language',
    permission: 'project.read',
    cases: [
      {
        name: 'a target language',
        decidedBy: 'content.edit',
        deniedCode: 'LANGUAGE_NOT_ALLOWED',
        call: (w, as, who) => as.put(`${w.d}/segments/${w.chapter.segments[1]}/variants/de`, { content: [{ type: 'text', text: `Von ${who}.` }] }),
      },
      {
        name: 'the source language',
        decidedBy: 'structure.edit',
        deniedCode: 'LANGUAGE_NOT_ALLOWED',
        call: (w, as, who) => as.put(`${w.d}/segments/${w.chapter.segments[1]}/variants/en`, { content: [{ type: 'text', text: `By ${who}.` }] }),
      },
    ],
  },
  // Footnotes
  { route: 'GET /projects/:projectId/documents/:documentId/footnotes', permission: 'project.read', call: (w, as) => as.get(`${w.d}/footnotes`) },
  { route: 'POST /projects/:projectId/documents/:documentId/footnotes', permission: 'structure.edit', call: (w, as) => as.post(`${w.d}/footnotes`, { labels: { en: '9' } }) },
  { route: 'GET /projects/:projectId/documents/:documentId/footnotes/:footnoteId', permission: 'project.read', call: (w, as) => as.get(`${w.d}/footnotes/${w.footnoteId}`) },
  {
    route: 'PATCH /projects/:projectId/documents/:documentId/footnotes/:footnoteId',
    permission: 'content.edit',
    call: (w, as) => as.patch(`${w.d}/footnotes/${w.footnoteId}`, { labels: { de: '1' } }),
  },
  {
    route: 'DELETE /projects/:projectId/documents/:documentId/footnotes/:footnoteId',
    permission: 'structure.edit',
    async call(w, as) {
      const id = body(await w.owner.post(`${w.d}/footnotes`, { labels: { en: '8' } })).id as string;
      return as.delete(`${w.d}/footnotes/${id}`);
    },
  },
  // Imports, jobs, exports
  {
    route: 'POST /projects/:projectId/imports',
    permission: 'content.import',
    call: (w, as) =>
      as
        .post(`${w.p}/imports?language=de`)
        .set('Content-Type', 'text/markdown')
        .send('# Kapitel\n\nEin Absatz.\n'),
  },
  { route: 'GET /projects/:projectId/jobs/:jobId', permission: 'project.read', call: (w, as) => as.get(`${w.p}/jobs/${w.jobId}`) },
  { route: 'GET /projects/:projectId/exports/markdown', permission: 'content.export', call: (w, as) => as.get(`${w.p}/exports/markdown?language=en`) },
  // Progress and comments
  { route: 'GET /projects/:projectId/progress', permission: 'project.read', call: (w, as) => as.get(`${w.p}/progress`) },
  { route: 'GET /projects/:projectId/documents/:documentId/progress', permission: 'project.read', call: (w, as) => as.get(`${w.d}/progress`) },
  { route: 'GET /projects/:projectId/documents/:documentId/comments', permission: 'project.read', call: (w, as) => as.get(`${w.d}/comments`) },
  {
    route: 'POST /projects/:projectId/documents/:documentId/comments',
    permission: 'comments.write',
    call: (w, as, who) => as.post(`${w.d}/comments`, { segmentId: w.chapter.segments[0], body: `A note from the ${who}.` }),
  },
  { route: 'GET /projects/:projectId/comments/:commentId', permission: 'project.read', call: (w, as) => as.get(`${w.p}/comments/${w.threadId}`) },
  {
    route: 'POST /projects/:projectId/comments/:commentId/replies',
    permission: 'comments.write',
    call: (w, as, who) => as.post(`${w.p}/comments/${w.threadId}/replies`, { body: `Reply from the ${who}.` }),
  },
  { route: 'PATCH /projects/:projectId/comments/:commentId', permission: 'comments.write', call: (w, as) => as.patch(`${w.p}/comments/${w.threadId}`, { resolved: true }) },
  { route: 'GET /projects/:projectId/mentions', permission: 'project.read', call: (w, as) => as.get(`${w.p}/mentions`) },
  // Review
  {
    route: 'PUT /projects/:projectId/documents/:documentId/segments/:segmentId/variants/:language/status',
    permission: 'content.edit',
    call: (w, as) => as.put(`${w.d}/segments/${w.chapter.segments[0]}/variants/de/status`, { status: 'draft' }),
  },
  {
    route: 'POST /projects/:projectId/documents/:documentId/segments/:segmentId/variants/:language/approve',
    permission: 'review.decide',
    call: async (w, as) => {
      const seen = await translatedText(w);
      return as.post(`${w.d}/segments/${seen.segmentId}/variants/de/approve`, { revision: seen.revision, contentHash: seen.contentHash });
    },
  },
  {
    route: 'POST /projects/:projectId/documents/:documentId/segments/:segmentId/variants/:language/reject',
    permission: 'review.decide',
    call: async (w, as) => as.post(`${w.d}/segments/${(await translatedText(w)).segmentId}/variants/de/reject`, { reason: 'Not yet.' }),
  },
  {
    route: 'GET /projects/:projectId/documents/:documentId/segments/:segmentId/variants/:language/history',
    permission: 'project.read',
    call: (w, as) => as.get(`${w.d}/segments/${w.chapter.segments[0]}/variants/de/history`),
  },
  {
    route: 'POST /projects/:projectId/documents/:documentId/segments/:segmentId/variants/:language/revert',
    permission: 'content.edit',
    call: async (w, as) => {
      const seen = await translatedText(w);
      await w.owner.put(`${w.d}/segments/${seen.segmentId}/variants/de`, { content: [{ type: 'text', text: 'Overwritten.' }] });
      const history = await w.owner.get(`${w.d}/segments/${seen.segmentId}/variants/de/history`);
      return as.post(`${w.d}/segments/${seen.segmentId}/variants/de/revert`, { historyId: body(history).items && (body(history).items as { id: string }[]).at(-1)!.id });
    },
  },
  { route: 'POST /projects/:projectId/documents/:documentId/review/approve-all', permission: 'review.decide', call: (w, as) => as.post(`${w.d}/review/approve-all`, { language: 'de' }) },
  { route: 'GET /projects/:projectId/documents/:documentId/review', permission: 'project.read', call: (w, as) => as.get(`${w.d}/review`) },
  {
    route: 'GET /projects/:projectId/documents/:documentId/review/events',
    permission: 'project.read',
    // A stream: the answer's status and code are what matter; the connection is dropped after the headers.
    call: (w, _as, who) => streamStatus(`${w.server.url}${w.d}/review/events`, who === 'non-member' ? w.outsider.token : w.members[who].token),
  },
  { route: 'GET /projects/:projectId/history/members', permission: 'project.read', call: (w, as) => as.get(`${w.p}/history/members`) },
];

/** A fresh segment with a translated German text, as a reviewer would find it. */
async function translatedText(w: World): Promise<{ segmentId: string; revision: number; contentHash: string }> {
  const segmentId = await freshSegment(w);
  const res = await w.owner.put(`${w.d}/segments/${segmentId}/variants/de`, { content: [{ type: 'text', text: 'Übersetzt.' }], status: 'translated' });
  const de = (body(res).variants as Record<string, { revision: number; contentHash: string }>).de!;
  return { segmentId, revision: de.revision, contentHash: de.contentHash };
}

/** Status and error body of a streaming answer, without waiting for the stream to end. */
async function streamStatus(url: string, token: string): Promise<request.Response> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal: controller.signal });
  const parsed = res.headers.get('content-type')?.includes('json') ? await res.json() : {};
  controller.abort();
  return { status: res.status, body: parsed } as request.Response;
}

/** Socket actions and the permission each needs: opening is reading; typing is editing that language. */
interface SocketRow {
  action: string;
  permission: Permission;
  language: 'en' | 'de' | null;
}
const socketRows: SocketRow[] = [
  { action: 'open a chapter live', permission: 'project.read', language: null },
  { action: 'type in a target language (de)', permission: 'content.edit', language: 'de' },
  // The source text is structure: owners and publishers.
  { action: 'type in the source language (en)', permission: 'structure.edit', language: 'en' },
];

describe('role matrix', () => {
  const w = {} as World;

  beforeAll(async () => {
    w.server = await startTestServer();
    const owner = await createUser(w.server, { displayName: 'Matrix owner' });
    w.chapter = await createChapter(w.server, owner, 3);
    w.p = `/api/projects/${w.chapter.projectId}`;
    w.d = `${w.p}/documents/${w.chapter.documentId}`;
    w.owner = api(w.server, w.chapter.owner.token);
    w.members = { owner: w.chapter.owner } as Record<ProjectRole, Member>;
    for (const role of PROJECT_ROLES.filter((r) => r !== 'owner')) w.members[role] = await addMember(w.server, w.chapter, role);
    const stranger = await createUser(w.server);
    w.outsider = { ...stranger, token: await login(w.server, stranger) };
    w.footnoteId = body(await w.owner.post(`${w.d}/footnotes`, { labels: { en: '1' } })).id as string;
    w.jobId = body(await w.owner.post(`${w.p}/imports?language=de`).set('Content-Type', 'text/markdown').send('# K\n\nA.\n')).id as string;
    w.threadId = body(await w.owner.post(`${w.d}/comments`, { segmentId: w.chapter.segments[0], body: 'Matrix thread' })).id as string;
  });
  afterAll(() => w.server.close());

  const tokenOf = (who: Who): string => (who === 'non-member' ? w.outsider.token : w.members[who].token);

  it('has exactly one row per project route, naming the permission the route declares', () => {
    const projectRoutes = listRoutes(w.server.app).filter((r) => r.route.includes(':projectId'));
    const declared = Object.fromEntries(projectRoutes.map((r) => [r.route, r.permission]));
    const covered = Object.fromEntries(rows.map((r) => [r.route, r.permission]));
    expect(rows.length).toBe(Object.keys(covered).length);
    // A route without a row, or a row without its route, shows here by name.
    expect(Object.keys(covered).sort()).toEqual(Object.keys(declared).sort());
    expect(covered).toEqual(declared);
  });

  it('gives every row a request to make', () => {
    expect(rows.filter((r) => !r.call === !r.cases).map((r) => r.route)).toEqual([]);
  });

  for (const row of rows) {
    const cases = row.cases ?? [{ name: '', decidedBy: row.permission, deniedCode: 'PERMISSION_DENIED', call: row.call! }];
    describe(row.route, () => {
      for (const c of cases) {
        for (const who of EVERYONE) {
          const allowed = who !== 'non-member' && roleAllows(who, c.decidedBy);
          it(`${c.name ? `${c.name} — ` : ''}${who}: ${who === 'non-member' ? 'no such project' : allowed ? 'allowed' : 'denied'}`, async () => {
            const res = await c.call(w, api(w.server, tokenOf(who)), who);
            if (who === 'non-member') {
              expect([res.status, res.body?.error?.code]).toEqual([404, 'PROJECT_NOT_FOUND']);
            } else if (allowed) {
              expect([res.status, res.status >= 200 && res.status < 300 ? 'ok' : JSON.stringify(res.body)]).toEqual([res.status, 'ok']);
            } else {
              expect([res.status, res.body?.error?.code]).toEqual([403, c.deniedCode]);
            }
          });
        }
      }
    });
  }

  describe('collaboration socket', () => {
    const clients: Client[] = [];
    afterEach(() => {
      for (const c of clients.splice(0)) c.destroy();
    });
    const open = (token: string): Client => {
      const c = connect(w.server, w.chapter.documentId, token);
      clients.push(c);
      return c;
    };

    for (const row of socketRows) {
      for (const who of EVERYONE) {
        const allowed = who !== 'non-member' && roleAllows(who, row.permission);
        it(`${row.action} — ${who}: ${who === 'non-member' ? 'no token' : allowed ? 'allowed' : 'denied'}`, async () => {
          if (who === 'non-member') {
            const res = await w.owner.post(`${w.d}/collab-token`).set('Authorization', `Bearer ${w.outsider.token}`);
            expect([res.status, res.body.error?.code]).toEqual([404, 'PROJECT_NOT_FOUND']);
            return;
          }
          const client = open(await collabToken(w.server, w.chapter, w.members[who]));
          await synced(client);
          if (!row.language) {
            expect(client.doc.getArray('order').toArray()).toEqual(expect.arrayContaining(w.chapter.segments));
            return;
          }
          const watcher = open(await collabToken(w.server, w.chapter, w.chapter.owner));
          await synced(watcher);
          const marker = ` [${who} ${row.language} ${Math.random().toString(36).slice(2, 7)}]`;
          const target = textOf(client.doc, w.chapter.segments[2]!, row.language);
          target.insert(target.length, marker);
          if (allowed) {
            await eventually(() => expect(textOf(watcher.doc, w.chapter.segments[2]!, row.language!).toString()).toContain(marker));
            return;
          }
          // Denied: the connection is read-only (dropped silently) or closed for writing what it may not.
          // The owner's later edit reaching the client shows the earlier one had every chance to travel.
          const sentinel = ` [sentinel ${marker.trim()}]`;
          const other = textOf(watcher.doc, w.chapter.segments[1]!, 'ru');
          other.insert(other.length, sentinel);
          await eventually(() =>
            expect(client.closes.some((c) => c.code === 4403) || textOf(client.doc, w.chapter.segments[1]!, 'ru').toString().includes(sentinel)).toBe(true),
          );
          expect(textOf(watcher.doc, w.chapter.segments[2]!, row.language).toString()).not.toContain(marker);
        });
      }
    }
  });
});
