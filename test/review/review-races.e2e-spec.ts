import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { canonicalContentJson, type InlineContent } from '#libs/content';
import { CollaborationService } from '../../apps/api/src/collaboration/collaboration.service.js';
import { addMember, api, collabToken, createChapter, openPerTest, synced, textOf, type Chapter, type Member } from '../collaboration/collab-support.js';
import { eventually } from '../support/eventually.js';
import { createUser, startTestServer, type TestServer } from '../support/test-app.js';
import { readVariant, reviewPaths, writeText } from './review-support.js';

const hashOf = (content: InlineContent): string => createHash('sha256').update(canonicalContentJson(content)).digest('hex');

/** Inserts numbered tokens (`A1 `, `A2 `, …) into a Y.Text at a random word boundary, paced, until stopped. */
function tokenTypist(text: () => Y.Text, name: string, seed: number, everyMs = 5) {
  let n = 0;
  let running = true;
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const typed: string[] = [];
  const done = (async () => {
    while (running) {
      const t = text();
      const token = `${name}${++n} `;
      const current = t.toString();
      const boundaries = [0, ...[...current].flatMap((c, i) => (c === ' ' ? [i + 1] : []))];
      t.insert(boundaries[Math.floor(random() * boundaries.length)]!, token);
      typed.push(token.trim());
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    typed,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

describe('review under concurrency (real sockets)', () => {
  let server: TestServer;
  let chapter: Chapter;
  let translator: Member;
  let reviewer: Member;
  let second: Member;
  let paths: ReturnType<typeof reviewPaths>;
  const open = openPerTest();
  const flush = () => server.app.get(CollaborationService).flushDocument(chapter.documentId);
  const row = async (segmentId: string) =>
    ((await server.app.get(DataSource).query(`SELECT * FROM variants WHERE segment_id = $1 AND language = 'de'`, [segmentId])) as {
      content: InlineContent;
      content_hash: string;
      status: string;
      approved_hash: string | null;
    }[])[0]!;

  beforeAll(async () => {
    server = await startTestServer();
    const owner = await createUser(server);
    chapter = await createChapter(server, owner, 12);
    translator = await addMember(server, chapter, 'translator', ['de']);
    reviewer = await addMember(server, chapter, 'reviewer');
    second = await addMember(server, chapter, 'reviewer');
    paths = reviewPaths(chapter);
    for (const s of chapter.segments) await writeText(server, translator.token, chapter, s, 'de', `Absatz ${s.slice(0, 4)}.`);
  });
  afterAll(() => server.close());

  it('never approves text the reviewer did not read while someone types into it live', async () => {
    const s = chapter.segments[0]!;
    const editor = open(server, chapter.documentId, await collabToken(server, chapter, translator));
    await synced(editor);
    // The typing reached the server (stored, relayed) but not the rows: the rows still say what the reviewer read.
    const seen = await readVariant(server, reviewer.token, chapter, s, 'de');
    textOf(editor.doc, s, 'de').insert(0, 'Neu: ');
    const watcher = open(server, chapter.documentId, await collabToken(server, chapter, reviewer));
    await synced(watcher);
    await eventually(() => expect(textOf(watcher.doc, s, 'de').toString()).toMatch(/^Neu: /));
    const res = await api(server, reviewer.token).post(paths.approve(s, 'de'), { revision: seen.revision, contentHash: seen.contentHash });
    expect(res.status).toBe(409);
    expect(res.body.error.details.plainText).toMatch(/^Neu: Absatz/);
    expect((await row(s)).status).toBe('translated');
    // Approving the text the answer showed approves exactly it, materialised or not yet; and the typing
    // is in the history either way (a live entry, or the approval that wrote it).
    const shown = res.body.error.details as { revision: number; contentHash: string };
    const ok = await api(server, reviewer.token).post(paths.approve(s, 'de'), { revision: shown.revision, contentHash: shown.contentHash });
    expect(ok.status).toBe(200);
    expect(ok.body.variants.de).toMatchObject({ status: 'approved', contentHash: shown.contentHash, revision: shown.revision });
    const items = (await api(server, reviewer.token).get(paths.history(s, 'de'))).body.items as { textAfter: string | null }[];
    expect(items.some((i) => (i.textAfter ?? '').startsWith('Neu: '))).toBe(true);

    // Now a race: typing goes on while the reviewer reads and approves as fast as they can.
    const typist = tokenTypist(() => textOf(editor.doc, s, 'de'), 'T', 7, 3);
    const approvals: { read: string; ok: boolean }[] = [];
    for (let i = 0; i < 25; i++) {
      const read = await readVariant(server, reviewer.token, chapter, s, 'de');
      const r = await api(server, reviewer.token).post(paths.approve(s, 'de'), { revision: read.revision, contentHash: read.contentHash });
      expect([200, 409]).toContain(r.status);
      if (r.status === 200) expect(r.body.variants.de.contentHash).toBe(read.contentHash);
      approvals.push({ read: read.contentHash, ok: r.status === 200 });
    }
    await typist.stop();
    // The race was real: typing got between reading and approving.
    expect(approvals.some((a) => !a.ok)).toBe(true);
    expect(typist.typed.length).toBeGreaterThan(5);
    await eventually(() => expect(textOf(watcher.doc, s, 'de').toString()).toBe(textOf(editor.doc, s, 'de').toString()));
    await flush();
    // Whatever was approved was exactly a text the reviewer had read; the typing after it let it lapse.
    const history = (await api(server, reviewer.token).get(`${paths.history(s, 'de')}?limit=500`)).body.items as { action: string; id: string }[];
    const approvedEntries = (await server.app.get(DataSource).query(
      `SELECT after->>'contentHash' AS hash FROM history_entries WHERE segment_id = $1 AND language = 'de' AND action = 'review.approve'`,
      [s],
    )) as { hash: string }[];
    const readHashes = new Set(approvals.map((a) => a.read));
    for (const a of approvedEntries) expect(readHashes.has(a.hash)).toBe(true);
    expect(history.length).toBeGreaterThan(0);
    const final = await row(s);
    expect(final.content_hash).toBe(hashOf(final.content));
    if (final.status === 'approved') expect(final.approved_hash).toBe(final.content_hash);
    // The live text and the row agree, and the row is not approved unless it is the text approved.
    expect(final.content_hash).toBe(hashOf(readLive(editor.doc, s)));
  });

  it('bulk-approves a chapter while others type: typed segments are skipped or lapse, none stays approved with other text', async () => {
    const typed = chapter.segments.slice(1, 4);
    const quiet = chapter.segments.slice(4);
    const a = open(server, chapter.documentId, await collabToken(server, chapter, translator));
    const b = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
    await synced(a);
    await synced(b);
    const typists = typed.map((s, i) => tokenTypist(() => textOf(i % 2 ? a.doc : b.doc, s, 'de'), `B${i}x`, 11 + i, 4));
    await new Promise((r) => setTimeout(r, 30));
    const results = await Promise.all([
      api(server, reviewer.token).post(paths.approveAll, { language: 'de' }),
      api(server, second.token).post(paths.approveAll, { language: 'de' }),
    ]);
    for (const t of typists) await t.stop();
    for (const res of results) expect(res.status).toBe(200);
    // Between them, every quiet segment got approved exactly once; the other call skipped it as done.
    const approvedBy = quiet.map((s) => results.filter((r) => (r.body.approved as string[]).includes(s)).length);
    expect(approvedBy).toEqual(quiet.map(() => 1));
    await eventually(() => expect(readLive(a.doc, typed[0]!)).toEqual(readLive(b.doc, typed[0]!)));
    await flush();
    for (const s of quiet) expect((await row(s)).status).toBe('approved');
    for (const s of typed) {
      const r = await row(s);
      // The text people see now is the row's; an approval it carries is for exactly that text.
      expect(r.content_hash).toBe(hashOf(readLive(a.doc, s)));
      if (r.status === 'approved') expect(r.approved_hash).toBe(r.content_hash);
      expect(r.status).not.toBe('approved');
    }
  });

  it('serialises two reviewers deciding one segment: the last decision stands and both are history', async () => {
    const s = chapter.segments[10]!;
    // The chapter is shared with the tests above, whose bulk approval approved this segment: a new
    // translation lets that approval lapse, so both decisions below act on a text nobody approved yet,
    // and only the decisions made here are counted.
    await writeText(server, translator.token, chapter, s, 'de', 'Eine neue Übersetzung für zwei Prüfer.');
    const decisionsSoFar = async (): Promise<{ id: string; action: string }[]> =>
      (await api(server, reviewer.token).get(paths.history(s, 'de'))).body.items.filter((i: { source: string }) => i.source === 'review');
    const earlier = new Set((await decisionsSoFar()).map((d) => d.id));
    const seen = await readVariant(server, reviewer.token, chapter, s, 'de');
    const basis = { revision: seen.revision, contentHash: seen.contentHash };
    const [approved, rejected] = await Promise.all([
      api(server, reviewer.token).post(paths.approve(s, 'de'), basis),
      api(server, second.token).post(paths.reject(s, 'de'), { ...basis, reason: 'Terminology.' }),
    ]);
    expect([approved.status, rejected.status]).toEqual([200, 200]);
    const decisions = (await decisionsSoFar()).filter((d) => !earlier.has(d.id));
    expect(decisions.map((d: { action: string }) => d.action).sort()).toEqual(['review.approve', 'review.reject']);
    const final = await row(s);
    expect(final.status).toBe(decisions[0].action === 'review.approve' ? 'approved' : 'rejected');
    expect(final.approved_hash).toBe(final.status === 'approved' ? final.content_hash : null);
    // Two approvals of the same text: the second changes nothing and says so in no new entry.
    const t = chapter.segments[11]!;
    const read = await readVariant(server, reviewer.token, chapter, t, 'de');
    const both = await Promise.all([reviewer, second].map((m) => api(server, m.token).post(paths.approve(t, 'de'), { revision: read.revision, contentHash: read.contentHash })));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    const approvals = (await api(server, reviewer.token).get(paths.history(t, 'de'))).body.items.filter((i: { action: string }) => i.action === 'review.approve');
    expect(approvals).toHaveLength(1);
  });

  it('reverts while two others type: everyone converges, and every token typed is in the text or in the revert’s record', async () => {
    const s = chapter.segments[9]!;
    const first = (await api(server, translator.token).get(paths.history(s, 'de'))).body.items.at(-1) as { id: string; textAfter: string };
    const a = open(server, chapter.documentId, await collabToken(server, chapter, translator));
    const b = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
    await synced(a);
    await synced(b);
    const ta = tokenTypist(() => textOf(a.doc, s, 'de'), 'P', 3, 4);
    const tb = tokenTypist(() => textOf(b.doc, s, 'de'), 'Q', 5, 4);
    await eventually(() => expect(ta.typed.length + tb.typed.length).toBeGreaterThan(10));
    const reverted = await api(server, chapter.owner.token).post(paths.revert(s, 'de'), { historyId: first.id });
    expect(reverted.status).toBe(200);
    await new Promise((r) => setTimeout(r, 40));
    await ta.stop();
    await tb.stop();
    await eventually(() => expect(textOf(a.doc, s, 'de').toString()).toBe(textOf(b.doc, s, 'de').toString()));
    await flush();
    const final = textOf(a.doc, s, 'de').toString();
    expect((await row(s)).content_hash).toBe(hashOf(readLive(a.doc, s)));
    const revert = (await api(server, chapter.owner.token).get(`${paths.history(s, 'de')}?limit=500`)).body.items.find(
      (i: { source: string }) => i.source === 'revert',
    ) as { textBefore: string; textAfter: string };
    expect(revert.textAfter).toBe(first.textAfter);
    const words = new Set([...final.split(/\s+/), ...revert.textBefore.split(/\s+/)]);
    const lost = [...ta.typed, ...tb.typed].filter((token) => !words.has(token));
    expect(lost).toEqual([]);
  });
});

function readLive(doc: Y.Doc, segmentId: string): InlineContent {
  const text = textOf(doc, segmentId, 'de');
  return text.toDelta().map((op: { insert: string; attributes?: Record<string, unknown> }) => ({ type: 'text', text: op.insert, ...(op.attributes ? {} : {}) })) as InlineContent;
}
