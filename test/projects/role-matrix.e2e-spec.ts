import request from 'supertest';
import { type ExchangeImportResult, type JobView, type Permission, PROJECT_ROLES, type ProjectRole, roleAllows } from '#libs/contracts';
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
import { listRoutes } from '../support/routes.js';

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
  /**
   * A second edition with every role a member: a Russian book (ru → en, de) with its English
   * translation, for exchange files, aligned imports and the glossary. Base: /api/projects/:id
   */
  q: string;
  qDocumentId: string;
  /** The chapter's segments in order: its heading, then the three paragraphs. */
  qSegments: string[];
  /** A finished export job of the second edition, whose file can be downloaded. */
  exportJobId: string;
  /** An open alignment proposal of the German translation, made when a row first needs it. */
  alignment?: Promise<string>;
  entryId: string;
  /** The own glossary of a third edition (a series glossary) every member can read. */
  seriesGlossaryId: string;
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

const tokenFor = (w: World, who: Who): string => (who === 'non-member' ? w.outsider.token : w.members[who].token);

/** A file as the request body (supertest's `send` would prefix a string to an object sent before it). */
const upload = (w: World, who: Who, path: string, type: string, text: string) =>
  request(w.server.url).post(path).set('Authorization', `Bearer ${tokenFor(w, who)}`).set('Content-Type', type).send(text);

const must = (res: request.Response, status: number, what: string): request.Response => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
};

/** The job once it has finished (polled as `who`, who may read the edition). */
async function finished(w: World, base: string, jobId: string, who: Who = 'owner'): Promise<JobView> {
  return eventually(
    async () => {
      const job = body(await request(w.server.url).get(`${base}/jobs/${jobId}`).set('Authorization', `Bearer ${tokenFor(w, who)}`)) as unknown as JobView;
      expect(['succeeded', 'failed']).toContain(job.status);
      return job;
    },
    { timeout: 60_000, interval: 100 },
  );
}

/**
 * For routes that start a job: an accepted request (202) counts only once its job has succeeded, so an
 * allowed call that the job then refuses fails its row with the job's error.
 */
async function succeeded(w: World, base: string, who: Who, res: request.Response, check?: (result: unknown) => void): Promise<request.Response> {
  if (res.status !== 202) return res;
  const job = await finished(w, base, body(res).id as string, who);
  if (job.status !== 'succeeded') throw new Error(`${job.kind} job failed: ${JSON.stringify(job.error)}`);
  check?.(job.result);
  return res;
}

/** An exchange import's result wrote exactly this variant. */
const wrote = (segmentId: string, language: string) => (result: unknown) =>
  expect((result as ExchangeImportResult).changed.map((c) => [c.segmentId, c.language])).toEqual([[segmentId, language]]);

/** An export of the second edition made by the owner, as the text of its file. */
async function exportedText(w: World, request_: { format: 'xliff' | 'tmx'; languages: string[] }): Promise<string> {
  const started = must(await w.owner.post(`${w.q}/exports`, request_), 202, `${request_.format} export`);
  const job = await finished(w, w.q, body(started).id as string);
  if (job.status !== 'succeeded') throw new Error(`${request_.format} export failed: ${JSON.stringify(job.error)}`);
  const file = await w.owner
    .get(`${w.q}/exports/${job.id}/file`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
  return must(file, 200, 'export file').body as string;
}

/** A fresh open proposal for the German translation, made by the owner (for routes that close one). */
async function freshProposal(w: World): Promise<string> {
  const started = must(await upload(w, 'owner', `${w.q}/alignments?language=de&filename=muehle.md`, 'text/markdown', GERMAN_ALIGNED), 202, 'alignment');
  const job = await finished(w, w.q, body(started).id as string);
  if (job.status !== 'succeeded') throw new Error(`alignment failed: ${JSON.stringify(job.error)}`);
  return (job.result as { alignmentId: string }).alignmentId;
}

/** The open proposal the reading and adjusting rows share (made once, so only rows that need one fail if it cannot be). */
const sharedProposal = (w: World): Promise<string> => (w.alignment ??= freshProposal(w));

/** A fresh glossary entry of the second edition, made by the owner (for routes that change or remove one). */
async function freshEntry(w: World): Promise<string> {
  return body(must(await w.owner.post(`${w.q}/glossary/entries`, { lemma: 'Вятка', kind: 'place' }), 201, 'glossary entry')).id as string;
}

/** The second edition's book: our own chapter, in Russian and in an English translation segment for segment. */
const RUSSIAN = `# Глава 1. Мельница на Вятке

Мельник Пётр Зуев держал мельницу у переправы. Каждую осень он записывал, сколько зерна привезли крестьяне.

Зуев писал коротко и без ошибок. Его тетради хранятся теперь в городском музее.

Весной вода поднялась выше плотины. Зуеву пришлось остановить жернова на две недели.
`;
const ENGLISH = `# Chapter 1. The Mill on the Vyatka

The miller Pyotr Zuev kept a mill by the crossing. Every autumn he wrote down how much grain the peasants had brought.

Zuyev wrote briefly and without mistakes. His notebooks are now kept in the town museum.

In spring the water rose above the dam. Zuev had to stop the millstones for two weeks.
`;
/** A German translation that does not match paragraph for paragraph: two joined, one cut in two. */
const GERMAN_ALIGNED = `# Kapitel 1. Die Mühle an der Wjatka

Der Müller Pjotr Sujew betrieb eine Mühle an der Überfahrt. Jeden Herbst schrieb er auf, wie viel Getreide die Bauern gebracht hatten. Sujew schrieb knapp und fehlerlos. Seine Hefte liegen heute im Stadtmuseum.

Im Frühling stieg das Wasser über den Damm.

Sujew musste die Mühlsteine für zwei Wochen anhalten.
`;

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
    call: (w, _as, who) => upload(w, who, `${w.p}/imports?language=de`, 'text/markdown', '# Kapitel\n\nEin Absatz.\n'),
  },
  { route: 'GET /projects/:projectId/jobs/:jobId', permission: 'project.read', call: (w, as) => as.get(`${w.p}/jobs/${w.jobId}`) },
  { route: 'GET /projects/:projectId/exports/markdown', permission: 'content.export', call: (w, as) => as.get(`${w.p}/exports/markdown?language=en`) },
  // Export jobs and exchange files (on the second edition)
  {
    route: 'POST /projects/:projectId/exports',
    permission: 'content.export',
    call: async (w, as, who) => succeeded(w, w.q, who, await as.post(`${w.q}/exports`, { format: 'html', languages: ['ru', 'en'] })),
  },
  { route: 'GET /projects/:projectId/exports/:jobId/file', permission: 'content.export', call: (w, as) => as.get(`${w.q}/exports/${w.exportJobId}/file`) },
  {
    // Offline translation coming back: the English target of one paragraph changed in the exported file.
    route: 'POST /projects/:projectId/imports/xliff',
    permission: 'content.edit',
    async call(w, _as, who) {
      const unit = new RegExp(`(<unit id="${w.qSegments[2]}"[\\s\\S]*?<target>)[\\s\\S]*?(</target>)`);
      const xliff = await exportedText(w, { format: 'xliff', languages: ['ru', 'en'] });
      if (!unit.test(xliff)) throw new Error('the exported XLIFF lacks the paragraph');
      const edited = xliff.replace(unit, `$1Zuev wrote briefly and without mistakes (as the ${who} reads it).$2`);
      return succeeded(w, w.q, who, await upload(w, who, `${w.q}/imports/xliff`, 'application/xliff+xml', edited), wrote(w.qSegments[2]!, 'en'));
    },
  },
  {
    // A translation memory bringing the German text of a paragraph the edition has in two languages only.
    route: 'POST /projects/:projectId/imports/tmx',
    permission: 'content.edit',
    async call(w, _as, who) {
      const paragraph = [{ type: 'text', text: 'Мельница сгорела летом.' }];
      const created = must(await w.owner.post(`${w.q}/documents/${w.qDocumentId}/segments`, { kind: 'paragraph', variants: { ru: paragraph, en: [{ type: 'text', text: 'The mill burnt down in summer.' }] } }), 201, 'segment');
      const segmentId = body(created).id as string;
      const tu = new RegExp(`(<tu tuid="${segmentId}">[\\s\\S]*?)(</tu>)`);
      const tmx = await exportedText(w, { format: 'tmx', languages: [] });
      if (!tu.test(tmx)) throw new Error('the exported TMX lacks the paragraph');
      const edited = tmx.replace(tu, '$1  <tuv xml:lang="de"><seg>Die Mühle brannte im Sommer ab.</seg></tuv>\n    $2');
      return succeeded(w, w.q, who, await upload(w, who, `${w.q}/imports/tmx`, 'application/x-tmx+xml', edited), wrote(segmentId, 'de'));
    },
  },
  // Aligned imports (on the second edition)
  {
    route: 'POST /projects/:projectId/alignments',
    permission: 'content.import',
    call: async (w, _as, who) => succeeded(w, w.q, who, await upload(w, who, `${w.q}/alignments?language=de&filename=muehle.md`, 'text/markdown', GERMAN_ALIGNED)),
  },
  { route: 'GET /projects/:projectId/alignments/:alignmentId', permission: 'content.import', call: async (w, as) => as.get(`${w.q}/alignments/${await sharedProposal(w)}`) },
  {
    route: 'PATCH /projects/:projectId/alignments/:alignmentId',
    permission: 'content.import',
    call: async (w, as) => as.patch(`${w.q}/alignments/${await sharedProposal(w)}`, { document: 0, operations: [{ op: 'accept', bead: 0 }] }),
  },
  {
    route: 'POST /projects/:projectId/alignments/:alignmentId/confirm',
    permission: 'content.import',
    call: async (w, as) => as.post(`${w.q}/alignments/${await freshProposal(w)}/confirm`),
  },
  {
    route: 'DELETE /projects/:projectId/alignments/:alignmentId',
    permission: 'content.import',
    call: async (w, as) => as.delete(`${w.q}/alignments/${await freshProposal(w)}`),
  },
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
    call: (w, _as, who) => streamStatus(`${w.server.url}${w.d}/review/events`, tokenFor(w, who)),
  },
  { route: 'GET /projects/:projectId/history/members', permission: 'project.read', call: (w, as) => as.get(`${w.p}/history/members`) },
  // Glossaries an edition uses (on the second edition)
  { route: 'GET /projects/:projectId/glossaries', permission: 'project.read', call: (w, as) => as.get(`${w.q}/glossaries`) },
  { route: 'POST /projects/:projectId/glossaries', permission: 'glossary.manage', call: (w, as, who) => as.post(`${w.q}/glossaries`, { name: `Places (${who})` }) },
  { route: 'POST /projects/:projectId/glossaries/links', permission: 'glossary.manage', call: (w, as) => as.post(`${w.q}/glossaries/links`, { glossaryId: w.seriesGlossaryId }) },
  {
    route: 'DELETE /projects/:projectId/glossaries/links/:glossaryId',
    permission: 'glossary.manage',
    async call(w, as) {
      must(await w.owner.post(`${w.q}/glossaries/links`, { glossaryId: w.seriesGlossaryId }), 201, 'link');
      return as.delete(`${w.q}/glossaries/links/${w.seriesGlossaryId}`);
    },
  },
  // Glossary entries
  { route: 'GET /projects/:projectId/glossary/entries', permission: 'project.read', call: (w, as) => as.get(`${w.q}/glossary/entries?q=Zuev`) },
  {
    route: 'POST /projects/:projectId/glossary/entries',
    permission: 'glossary.edit',
    call: (w, as, who) => as.post(`${w.q}/glossary/entries`, { lemma: 'Кама', kind: 'place', notes: `Added by the ${who}.` }),
  },
  { route: 'POST /projects/:projectId/glossary/proposals', permission: 'project.read', call: (w, as) => as.post(`${w.q}/glossary/proposals`, { lemma: 'Зуев' }) },
  { route: 'GET /projects/:projectId/glossary/entries/:entryId', permission: 'project.read', call: (w, as) => as.get(`${w.q}/glossary/entries/${w.entryId}`) },
  {
    route: 'PATCH /projects/:projectId/glossary/entries/:entryId',
    permission: 'glossary.edit',
    call: async (w, as, who) => as.patch(`${w.q}/glossary/entries/${await freshEntry(w)}`, { revision: 1, definition: `A river (as the ${who} puts it).` }),
  },
  {
    route: 'DELETE /projects/:projectId/glossary/entries/:entryId',
    permission: 'glossary.edit',
    call: async (w, as) => as.delete(`${w.q}/glossary/entries/${await freshEntry(w)}`),
  },
  { route: 'GET /projects/:projectId/glossary/entries/:entryId/history', permission: 'project.read', call: (w, as) => as.get(`${w.q}/glossary/entries/${w.entryId}/history`) },
  { route: 'GET /projects/:projectId/glossary/export', permission: 'content.export', call: (w, as) => as.get(`${w.q}/glossary/export?format=tbx`) },
  {
    route: 'POST /projects/:projectId/glossary/import',
    permission: 'glossary.edit',
    call: (w, _as, who) => upload(w, who, `${w.q}/glossary/import?format=csv`, 'text/csv', 'lemma,kind,en,de\nКострома,place,Kostroma,Kostroma\n'),
  },
  // The glossary applied: conventions, checks, the consistency report, suggestions
  { route: 'GET /projects/:projectId/glossary/conventions', permission: 'project.read', call: (w, as) => as.get(`${w.q}/glossary/conventions`) },
  {
    route: 'PUT /projects/:projectId/glossary/conventions/:language',
    permission: 'glossary.manage',
    call: (w, as) => as.put(`${w.q}/glossary/conventions/en`, { scheme: 'hrl-modified', severities: { 'variant-form': 'warning' } }),
  },
  {
    route: 'POST /projects/:projectId/glossary/check',
    permission: 'project.read',
    call: (w, as) => as.post(`${w.q}/glossary/check`, { language: 'en', segmentId: w.qSegments[2], text: 'Zuyev wrote briefly.' }),
  },
  {
    route: 'GET /projects/:projectId/documents/:documentId/glossary-findings',
    permission: 'project.read',
    call: (w, as) => as.get(`${w.q}/documents/${w.qDocumentId}/glossary-findings?language=en`),
  },
  { route: 'GET /projects/:projectId/glossary/report', permission: 'project.read', call: (w, as) => as.get(`${w.q}/glossary/report?language=en`) },
  { route: 'GET /projects/:projectId/glossary/suggestions', permission: 'project.read', call: (w, as) => as.get(`${w.q}/glossary/suggestions?limit=10`) },
  {
    route: 'POST /projects/:projectId/glossary/entries/from-cluster',
    permission: 'glossary.edit',
    call: (w, as) =>
      as.post(`${w.q}/glossary/entries/from-cluster`, {
        language: 'en',
        kind: 'person',
        forms: [
          { form: 'Zuev', status: 'preferred' },
          { form: 'Zuyev', status: 'forbidden' },
        ],
        segmentIds: w.qSegments.slice(1),
      }),
  },
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
    w.jobId = body(await upload(w, 'owner', `${w.p}/imports?language=de`, 'text/markdown', '# K\n\nA.\n')).id as string;
    w.threadId = body(await w.owner.post(`${w.d}/comments`, { segmentId: w.chapter.segments[0], body: 'Matrix thread' })).id as string;

    // The second edition, every role a member, its book imported in Russian and English.
    const edition = must(
      await w.owner.post('/api/projects', { slug: `mill-${Math.random().toString(36).slice(2, 9)}`, title: 'The Mill on the Vyatka', sourceLanguage: 'ru', targetLanguages: ['en', 'de'] }),
      201,
      'second edition',
    );
    w.q = `/api/projects/${body(edition).id as string}`;
    for (const role of PROJECT_ROLES.filter((r) => r !== 'owner')) must(await w.owner.post(`${w.q}/members`, { email: w.members[role].email, role }), 201, `${role} of the second edition`);
    for (const [language, text] of [['ru', RUSSIAN], ['en', ENGLISH]] as const) {
      const job = await finished(w, w.q, body(must(await upload(w, 'owner', `${w.q}/imports?language=${language}`, 'text/markdown', text), 202, `${language} import`)).id as string);
      if (job.status !== 'succeeded') throw new Error(`${language} import failed: ${JSON.stringify(job.error)}`);
    }
    w.qDocumentId = (must(await w.owner.get(`${w.q}/documents`), 200, 'documents').body as { id: string }[])[0]!.id;
    w.qSegments = ((await w.owner.get(`${w.q}/documents/${w.qDocumentId}/segments`)).body.items as { id: string }[]).map((s) => s.id);
    const exportJob = await finished(w, w.q, body(must(await w.owner.post(`${w.q}/exports`, { format: 'md', languages: ['ru'] }), 202, 'export')).id as string);
    if (exportJob.status !== 'succeeded') throw new Error(`export failed: ${JSON.stringify(exportJob.error)}`);
    w.exportJobId = exportJob.id;
    must(await w.owner.put(`${w.q}/glossary/conventions/en`, { scheme: 'hrl-modified' }), 200, 'convention');
    w.entryId = body(must(await w.owner.post(`${w.q}/glossary/entries`, { lemma: 'Зуев', kind: 'person', firstName: 'Пётр' }), 201, 'entry')).id as string;
    // A series glossary: the own glossary of a third edition whose members may read it.
    const series = `/api/projects/${body(must(await w.owner.post('/api/projects', { slug: `series-${Math.random().toString(36).slice(2, 9)}`, title: 'River towns (series)', sourceLanguage: 'ru', targetLanguages: ['en'] }), 201, 'series')).id as string}`;
    for (const role of PROJECT_ROLES.filter((r) => r !== 'owner')) must(await w.owner.post(`${series}/members`, { email: w.members[role].email, role: 'viewer' }), 201, `${role} of the series`);
    w.seriesGlossaryId = (must(await w.owner.get(`${series}/glossaries`), 200, 'series glossaries').body as { id: string }[])[0]!.id;
  }, 180_000);
  afterAll(() => w.server.close());

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
            const res = await c.call(w, api(w.server, tokenFor(w, who)), who);
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
