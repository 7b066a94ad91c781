import { addMember, api, collabToken, createChapter, openPerTest, synced, textOf, type Chapter, type Member } from '../collaboration/collab-support.js';
import { eventually } from '../support/eventually.js';
import { createUser, startTestServer, type TestServer } from '../support/test-app.js';
import { readVariant, reviewPaths, writeText } from './review-support.js';

describe('review: statuses, approvals bound to the text read, history and revert', () => {
  let server: TestServer;
  let chapter: Chapter;
  let translator: Member;
  let reviewer: Member;
  let paths: ReturnType<typeof reviewPaths>;
  const open = openPerTest();

  beforeAll(async () => {
    server = await startTestServer();
    const owner = await createUser(server, { displayName: 'Owner' });
    chapter = await createChapter(server, owner, 8);
    translator = await addMember(server, chapter, 'translator', ['de']);
    reviewer = await addMember(server, chapter, 'reviewer');
    paths = reviewPaths(chapter);
  });
  afterAll(() => server.close());

  it('lets a translator mark text translated, and only reviewers approve exactly what they read', async () => {
    const s = chapter.segments[0]!;
    await writeText(server, translator.token, chapter, s, 'de', 'Der erste Absatz.', 'draft');
    const marked = await api(server, translator.token).put(paths.status(s, 'de'), { status: 'translated' });
    expect(marked.status).toBe(200);
    expect(marked.body.variants.de.status).toBe('translated');
    // Reviewers do not declare text translated; translators do not approve.
    expect((await api(server, reviewer.token).put(paths.status(s, 'de'), { status: 'draft' })).body.error.code).toBe('PERMISSION_DENIED');
    const seen = await readVariant(server, reviewer.token, chapter, s, 'de');
    expect((await api(server, translator.token).post(paths.approve(s, 'de'), { revision: seen.revision, contentHash: seen.contentHash })).body.error.code).toBe('PERMISSION_DENIED');
    // Without saying what was read: refused.
    expect((await api(server, reviewer.token).post(paths.approve(s, 'de'), {})).status).toBe(400);

    // The text changes between reading and approving: 409 with the current text, nothing approved.
    await writeText(server, translator.token, chapter, s, 'de', 'Der erste Absatz, verbessert.');
    const stale = await api(server, reviewer.token).post(paths.approve(s, 'de'), { revision: seen.revision, contentHash: seen.contentHash });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('APPROVAL_STALE');
    expect(stale.body.error.details).toMatchObject({ plainText: 'Der erste Absatz, verbessert.', revision: seen.revision + 1, status: 'translated' });
    expect((await readVariant(server, reviewer.token, chapter, s, 'de')).status).toBe('translated');

    const { revision, contentHash } = stale.body.error.details;
    const approved = await api(server, reviewer.token).post(paths.approve(s, 'de'), { revision, contentHash });
    expect(approved.status).toBe(200);
    expect(approved.body.variants.de).toMatchObject({ status: 'approved', approvedBy: reviewer.id, revision });
  });

  it('lets the approval lapse when the text is edited, says so in the history, and shows the diff since approval', async () => {
    const s = chapter.segments[1]!;
    await writeText(server, translator.token, chapter, s, 'de', 'Die Versammlung fand im Frühjahr statt.');
    const seen = await readVariant(server, reviewer.token, chapter, s, 'de');
    expect((await api(server, reviewer.token).post(paths.approve(s, 'de'), { revision: seen.revision, contentHash: seen.contentHash })).status).toBe(200);
    const edited = await writeText(server, translator.token, chapter, s, 'de', 'Die Versammlung fand im Herbst statt.', 'translated');
    expect(edited.variants.de).toMatchObject({ status: 'translated', approvedBy: null });

    const history = await api(server, reviewer.token).get(paths.history(s, 'de'));
    expect(history.status).toBe(200);
    const [latest, approval] = history.body.items;
    expect(latest).toMatchObject({ source: 'rest', lapsedApproval: true, textAfter: 'Die Versammlung fand im Herbst statt.', actor: { id: translator.id } });
    expect(latest.diff).toEqual(
      expect.arrayContaining([
        { op: '-', text: 'Frühjahr' },
        { op: '+', text: 'Herbst' },
      ]),
    );
    expect(approval).toMatchObject({ source: 'review', action: 'review.approve', actor: { id: reviewer.id } });
    expect(history.body.sinceApproval).toMatchObject({ approvedBy: { id: reviewer.id } });
    expect(history.body.sinceApproval.diff.filter((p: { op: string }) => p.op !== '=')).toEqual([
      { op: '-', text: 'Frühjahr' },
      { op: '+', text: 'Herbst' },
    ]);
    const state = await api(server, reviewer.token).get(paths.state);
    expect(state.body.changedSinceApproval[s]).toEqual(['de']);
  });

  it('rejects with a reason kept as a comment thread; the translator takes it back to draft', async () => {
    const s = chapter.segments[2]!;
    await writeText(server, translator.token, chapter, s, 'de', 'Ein holpriger Satz.');
    expect((await api(server, reviewer.token).post(paths.reject(s, 'de'), { reason: '  ' })).body.error.code).toBe('REJECTION_REASON_REQUIRED');
    const rejected = await api(server, reviewer.token).post(paths.reject(s, 'de'), { reason: 'Word order: the verb goes last here.' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.variants.de.status).toBe('rejected');
    const threads = await api(server, translator.token).get(`${paths.document}/comments?segmentId=${s}`);
    expect(threads.body).toEqual([expect.objectContaining({ kind: 'rejection', language: 'de', body: 'Word order: the verb goes last here.', author: expect.objectContaining({ id: reviewer.id }) })]);
    const state = await api(server, translator.token).get(paths.state);
    expect(state.body.rejections[s].de).toMatchObject({ reason: 'Word order: the verb goes last here.', by: { id: reviewer.id } });
    expect(state.body.openThreads[s]).toBe(1);
    const back = await api(server, translator.token).put(paths.status(s, 'de'), { status: 'draft' });
    expect(back.body.variants.de.status).toBe('draft');
    // Nothing is translated or approved without text.
    const empty = await api(server, translator.token).put(paths.status(chapter.segments[7]!, 'de'), { status: 'translated' });
    expect([empty.status, empty.body.error.code]).toEqual([409, 'STATUS_CHANGE_INVALID']);
  });

  it('approves a chapter in bulk in one go and reports what it skipped and why', async () => {
    const [a, b, c, d] = chapter.segments.slice(3, 7) as [string, string, string, string];
    await writeText(server, translator.token, chapter, a, 'de', 'Vierter Absatz.');
    await writeText(server, translator.token, chapter, b, 'de', 'Fünfter Absatz.');
    await writeText(server, translator.token, chapter, c, 'de', 'Sechster Absatz, Entwurf.', 'draft');
    const seenD = (await writeText(server, translator.token, chapter, d, 'de', 'Siebter Absatz.')).variants.de;
    // The reviewer names what they saw; d changed after that.
    const seenA = await readVariant(server, reviewer.token, chapter, a, 'de');
    const seenB = await readVariant(server, reviewer.token, chapter, b, 'de');
    await writeText(server, translator.token, chapter, d, 'de', 'Siebter Absatz, geändert.');
    const named = await api(server, reviewer.token).post(paths.approveAll, {
      language: 'de',
      segments: [
        { segmentId: a, revision: seenA.revision, contentHash: seenA.contentHash },
        { segmentId: d, revision: seenD.revision, contentHash: seenD.contentHash },
      ],
    });
    expect(named.status).toBe(200);
    expect(named.body.approved).toEqual([a]);
    expect(named.body.skipped).toEqual([{ segmentId: d, reason: 'changed', status: 'translated' }]);

    const all = await api(server, reviewer.token).post(paths.approveAll, { language: 'de' });
    expect(all.body.approved).toEqual(expect.arrayContaining([b, d]));
    expect(all.body.approved).not.toContain(c);
    const reasons = Object.fromEntries(all.body.skipped.map((x: { segmentId: string; reason: string }) => [x.segmentId, x.reason]));
    expect(reasons).toMatchObject({ [a]: 'already-approved', [c]: 'not-translated', [chapter.segments[7]!]: 'no-text' });
    expect((await readVariant(server, reviewer.token, chapter, b, 'de')).status).toBe('approved');
    expect(seenB.status).toBe('translated');
    // A translator may not.
    expect((await api(server, translator.token).post(paths.approveAll, { language: 'de' })).status).toBe(403);
  });

  it('reverts to an earlier version through the live document, keeping what it replaced in the history', async () => {
    const s = chapter.segments[0]!;
    const editor = open(server, chapter.documentId, await collabToken(server, chapter, translator));
    await synced(editor);
    const first = (await api(server, translator.token).get(paths.history(s, 'de'))).body.items.at(-1);
    expect(first.textAfter).toBe('Der erste Absatz.');
    const reverted = await api(server, translator.token).post(paths.revert(s, 'de'), { historyId: first.id });
    expect(reverted.status).toBe(200);
    // It was approved: the approval lapses with the text.
    expect(reverted.body.variants.de).toMatchObject({ plainText: 'Der erste Absatz.', status: 'translated', approvedBy: null });
    await eventually(() => expect(textOf(editor.doc, s, 'de').toString()).toBe('Der erste Absatz.'));
    const latest = (await api(server, translator.token).get(paths.history(s, 'de'))).body.items[0];
    expect(latest).toMatchObject({ source: 'revert', textBefore: 'Der erste Absatz, verbessert.', textAfter: 'Der erste Absatz.', lapsedApproval: true });
    const missing = await api(server, translator.token).post(paths.revert(s, 'de'), { historyId: '999999999' });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'HISTORY_ENTRY_NOT_FOUND']);
  });

  it('records membership and role changes', async () => {
    const member = await addMember(server, chapter, 'viewer');
    const as = api(server, chapter.owner.token);
    expect((await as.patch(`/api/projects/${chapter.projectId}/members/${member.id}`, { role: 'reviewer' })).status).toBe(200);
    expect((await as.delete(`/api/projects/${chapter.projectId}/members/${member.id}`)).status).toBe(204);
    const history = await api(server, reviewer.token).get(`/api/projects/${chapter.projectId}/history/members`);
    expect(history.body.slice(0, 3)).toEqual([
      expect.objectContaining({ action: 'member.remove', member: expect.objectContaining({ id: member.id }), before: { role: 'reviewer', languages: null }, after: null }),
      expect.objectContaining({ action: 'member.update', before: { role: 'viewer', languages: null }, after: { role: 'reviewer', languages: null } }),
      expect.objectContaining({ action: 'member.add', actor: expect.objectContaining({ id: chapter.owner.id }), after: { role: 'viewer', languages: null } }),
    ]);
  });

  it('ends the review stream of a member who is removed from the edition', async () => {
    const leaving = await addMember(server, chapter, 'viewer');
    const res = await fetch(server.url + paths.events, { headers: { Authorization: `Bearer ${leaving.token}` } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    expect((await api(server, chapter.owner.token).delete(`/api/projects/${chapter.projectId}/members/${leaving.id}`)).status).toBe(204);
    // The server ends the stream; reconnecting is refused like any request of a non-member.
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
    const again = await fetch(server.url + paths.events, { headers: { Authorization: `Bearer ${leaving.token}` } });
    expect(again.status).toBe(404);
  });

  it('tells open readers of the chapter about decisions as server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(server.url + paths.events, { headers: { Authorization: `Bearer ${reviewer.token}` }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let received = '';
    try {
      // A decision, and a plain REST edit of another segment: both reach the reader, as ids only.
      const s = chapter.segments[5]!;
      const edited = chapter.segments[6]!;
      await api(server, translator.token).put(paths.status(s, 'de'), { status: 'translated' });
      await writeText(server, translator.token, chapter, edited, 'de', 'Siebter Absatz, noch einmal.');
      await eventually(async () => {
        const { value } = await reader.read();
        received += new TextDecoder().decode(value);
        expect(received).toContain(s);
        expect(received).toContain(edited);
      });
      expect(received).toMatch(/event: review/);
      expect(received).not.toContain('Absatz');
    } finally {
      controller.abort();
    }
  });
});
