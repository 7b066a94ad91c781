import { jest } from '@jest/globals';
import * as encoding from 'lib0/encoding';
import pg from 'pg';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { TokenSigner } from '../../apps/api/src/auth/token-signer.js';
import { eventually } from '../support/eventually.js';
import { createUser, startTestServer, TEST_AUTH_SECRET, testDatabaseUrl, type TestServer } from '../support/test-app.js';
import {
  addMember,
  api,
  type Chapter,
  collabToken,
  createChapter,
  openPerTest,
  synced,
  textOf,
  upgradeStatus,
  wsBase,
} from './collab-support.js';

jest.setTimeout(60_000);

/** Who may connect, who may write what, and what happens to sockets when rights change. */
describe('collaboration access', () => {
  let server: TestServer;
  let db: pg.Pool;
  let chapter: Chapter;
  const open = openPerTest();
  const url = (documentId: string, token?: string) => `${wsBase(server)}/${documentId}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
  const storedBy = async (userId: string): Promise<number> =>
    (await db.query(`SELECT count(*)::int AS n FROM collab_updates WHERE user_id = $1`, [userId])).rows[0].n as number;

  beforeAll(async () => {
    server = await startTestServer();
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    chapter = await createChapter(server, await createUser(server), 2);
  });
  afterAll(async () => {
    await server.close();
    await db.end();
  });

  it('issues a short-lived token to members, viewers included, and to nobody else', async () => {
    const viewer = await addMember(server, chapter, 'viewer');
    const res = await api(server, viewer.token).post(`/api/projects/${chapter.projectId}/documents/${chapter.documentId}/collab-token`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token: expect.any(String), url: `/collab/${chapter.documentId}` });
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);

    const stranger = await createUser(server);
    const strangerToken = (await api(server, '').post('/api/auth/login').send({ email: stranger.email, password: stranger.password })).body
      .accessToken as string;
    const refused = await api(server, strangerToken).post(`/api/projects/${chapter.projectId}/documents/${chapter.documentId}/collab-token`);
    expect(refused.status).toBe(404);
    const unknownDocument = await api(server, chapter.owner.token).post(
      `/api/projects/${chapter.projectId}/documents/00000000-0000-4000-8000-000000000000/collab-token`,
    );
    expect(unknownDocument.status).toBe(404);
  });

  it('refuses bad, expired, misdirected and non-member tokens before the upgrade', async () => {
    const good = await collabToken(server, chapter, chapter.owner);
    expect(await upgradeStatus(url(chapter.documentId, good))).toBe(101);
    expect(await upgradeStatus(url(chapter.documentId))).toBe(401);
    expect(await upgradeStatus(url(chapter.documentId, 'not-a-token'))).toBe(401);
    expect(await upgradeStatus(url(chapter.documentId, `${good.slice(0, -2)}xx`))).toBe(401);
    const signedLongAgo = new TokenSigner(TEST_AUTH_SECRET, () => Date.now() - 3_600_000).sign('collab', chapter.owner.id, 300, {
      doc: chapter.documentId,
      prj: chapter.projectId,
    });
    expect(await upgradeStatus(url(chapter.documentId, signedLongAgo.token))).toBe(401);
    // An access token is not a collaboration token.
    expect(await upgradeStatus(url(chapter.documentId, chapter.owner.token))).toBe(401);
    // A token for one document does not open another.
    const other = await createChapter(server, await createUser(server), 1);
    expect(await upgradeStatus(url(other.documentId, good))).toBe(401);
    expect(await upgradeStatus(`${wsBase(server)}/not-a-uuid?token=${good}`)).toBe(404);
    // A member removed after the token was issued is refused.
    const leaving = await addMember(server, chapter, 'translator');
    const leavingToken = await collabToken(server, chapter, leaving);
    await api(server, chapter.owner.token).delete(`/api/projects/${chapter.projectId}/members/${leaving.id}`).expect(204);
    expect(await upgradeStatus(url(chapter.documentId, leavingToken))).toBe(403);
  });

  it('gives viewers a read-only connection: their updates reach neither the database nor anyone else', async () => {
    const viewer = await addMember(server, chapter, 'viewer');
    const writer = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
    const reader = open(server, chapter.documentId, await collabToken(server, chapter, viewer));
    await synced(writer);
    await synced(reader);
    textOf(reader.doc, chapter.segments[0]!, 'de').insert(0, 'VIEWER WROTE THIS ');
    textOf(writer.doc, chapter.segments[1]!, 'de').insert(0, 'Owner wrote this');
    // The writer's later edit reached the viewer, so the viewer's earlier one had every chance to travel.
    await eventually(() => expect(textOf(reader.doc, chapter.segments[1]!, 'de').toString()).toBe('Owner wrote this'));
    // Awareness still flows from the viewer.
    reader.provider.awareness.setLocalStateField('cursor', { segment: chapter.segments[0], lang: 'de' });
    await eventually(() =>
      expect([...writer.provider.awareness.getStates().values()].some((s) => (s as { cursor?: unknown }).cursor !== undefined)).toBe(true),
    );
    expect(textOf(writer.doc, chapter.segments[0]!, 'de').toString()).toBe('');
    expect(await storedBy(viewer.id)).toBe(0);
    expect(reader.closes).toEqual([]);
    // A fresh client sees nothing of it either.
    const fresh = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
    await synced(fresh);
    expect(textOf(fresh.doc, chapter.segments[0]!, 'de').toString()).toBe('');
  });

  it('lets a translator limited to German change German only; anything else closes their socket', async () => {
    const german = await addMember(server, chapter, 'translator', ['de']);
    const watcher = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
    await synced(watcher);
    const token = await collabToken(server, chapter, german);
    const allowed = open(server, chapter.documentId, token);
    await synced(allowed);
    textOf(allowed.doc, chapter.segments[0]!, 'de').insert(0, 'Deutsch ');
    await eventually(() => expect(textOf(watcher.doc, chapter.segments[0]!, 'de').toString()).toMatch(/^Deutsch /));

    const russian = open(server, chapter.documentId, token);
    await synced(russian);
    textOf(russian.doc, chapter.segments[0]!, 'ru').insert(0, 'Русский');
    await eventually(() => expect(russian.closes.map((c) => c.code)).toContain(4403));
    const structure = open(server, chapter.documentId, token);
    await synced(structure);
    structure.doc.getArray('order').push(['made-up-segment']);
    await eventually(() => expect(structure.closes.map((c) => c.code)).toContain(4403));
    // Neither reached anybody; the allowed connection was not disturbed.
    expect(textOf(watcher.doc, chapter.segments[0]!, 'ru').toString()).toBe('');
    expect(watcher.doc.getArray('order').toArray()).toEqual(chapter.segments);
    textOf(allowed.doc, chapter.segments[1]!, 'de').insert(0, 'Noch da');
    await eventually(() => expect(textOf(watcher.doc, chapter.segments[1]!, 'de').toString()).toMatch(/^Noch da/));
    expect(allowed.closes).toEqual([]);
  });

  it('closes the sockets of a revoked member, re-checks a changed role, and closes on deletion', async () => {
    const translator = await addMember(server, chapter, 'translator');
    const demoted = await addMember(server, chapter, 'translator');
    const a = open(server, chapter.documentId, await collabToken(server, chapter, translator));
    const b = open(server, chapter.documentId, await collabToken(server, chapter, demoted));
    await synced(a);
    await synced(b);
    const closedForGood = new Promise<{ code: number }>((resolve) => a.provider.on('closed', (event) => resolve(event)));
    await api(server, chapter.owner.token).delete(`/api/projects/${chapter.projectId}/members/${translator.id}`).expect(204);
    expect((await closedForGood).code).toBe(4403);

    await api(server, chapter.owner.token).patch(`/api/projects/${chapter.projectId}/members/${demoted.id}`, { role: 'viewer' }).expect(200);
    await eventually(() => expect(b.closes.map((c) => c.code)).toContain(4000));
    // The provider reconnects on its own and is now read-only.
    await synced(b);
    textOf(b.doc, chapter.segments[0]!, 'en').insert(0, 'not any more ');
    const owner = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
    await synced(owner);
    textOf(owner.doc, chapter.segments[1]!, 'en').insert(0, '!');
    await eventually(() => expect(textOf(b.doc, chapter.segments[1]!, 'en').toString()).toMatch(/^!/));
    expect(textOf(owner.doc, chapter.segments[0]!, 'en').toString()).not.toMatch(/not any more/);

    const doomed = await createChapter(server, chapter.owner, 1);
    const c = open(server, doomed.documentId, await collabToken(server, doomed, chapter.owner));
    await synced(c);
    const gone = new Promise<{ code: number }>((resolve) => c.provider.on('closed', (event) => resolve(event)));
    await api(server, chapter.owner.token).delete(`/api/projects/${doomed.projectId}/documents/${doomed.documentId}`).expect(204);
    expect((await gone).code).toBe(4404);
  });

  it('vouches for who is who in awareness and drops states that are not small objects', async () => {
    const viewer = await addMember(server, chapter, 'viewer');
    const writer = open(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
    const impostor = open(server, chapter.documentId, await collabToken(server, chapter, viewer));
    await synced(writer);
    await synced(impostor);
    const seen: Record<string, unknown>[] = [];
    writer.provider.awareness.on('change', () => {
      const state = writer.provider.awareness.getStates().get(impostor.doc.clientID);
      if (state) seen.push(state);
    });
    // Too large: dropped (the others never hear of it); then a state claiming to be the owner.
    impostor.provider.awareness.setLocalState({ notes: 'x'.repeat(5000) });
    impostor.provider.awareness.setLocalState({
      user: { id: chapter.owner.id, name: 'The Owner', color: '#aa3355' },
      cursor: { segmentId: chapter.segments[0], lang: 'de' },
    });
    await eventually(() =>
      expect(writer.provider.awareness.getStates().get(impostor.doc.clientID)).toEqual({
        user: { id: viewer.id, name: 'viewer', color: '#aa3355' },
        cursor: { segmentId: chapter.segments[0], lang: 'de' },
      }),
    );
    expect(seen.some((s) => 'notes' in s)).toBe(false);
    expect(seen.some((s) => (s.user as { id?: string } | undefined)?.id === chapter.owner.id)).toBe(false);
    expect(impostor.closes).toEqual([]);
  });

  it('closes a socket that sends malformed or oversized messages without disturbing the others', async () => {
    const token = await collabToken(server, chapter, chapter.owner);
    const bystander = open(server, chapter.documentId, token);
    await synced(bystander);
    const raw = async (payload: Buffer | string): Promise<number> => {
      const ws = new WebSocket(url(chapter.documentId, token));
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.on('error', () => undefined);
      ws.send(payload);
      return closed;
    };
    // A sync update whose bytes are not a Yjs update.
    expect(await raw(Buffer.from([0, 2, 5, 0xff, 0xff, 0xff, 0xff, 0xff]))).toBe(4400);
    // Truncated varint.
    expect(await raw(Buffer.from([0x80]))).toBe(4400);
    // An awareness state that is not JSON.
    const junk = encoding.createEncoder();
    encoding.writeVarUint(junk, 1);
    encoding.writeVarUint8Array(junk, awarenessEntry(4242, 1, 'not json {'));
    expect(await raw(Buffer.from(encoding.toUint8Array(junk)))).toBe(4400);
    expect(await raw('text frames are not the protocol')).toBe(1003);
    expect(await raw(Buffer.alloc(9 * 1024 * 1024, 1))).toBe(1009);
    // A well-formed update that touches structure, sent raw by the owner: refused all the same.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(bystander.doc));
    const before = Y.encodeStateVector(forged);
    forged.getArray('order').delete(0, 1);
    const update = Y.encodeStateAsUpdate(forged, before);
    expect(await raw(Buffer.from([0, 2, ...varint(update.length), ...update]))).toBe(4403);
    textOf(bystander.doc, chapter.segments[0]!, 'en').insert(0, 'still fine ');
    await eventually(async () => {
      const check = open(server, chapter.documentId, token);
      await synced(check);
      expect(textOf(check.doc, chapter.segments[0]!, 'en').toString()).toMatch(/^still fine /);
    });
    expect(bystander.closes).toEqual([]);
  });
});

/** One entry of an awareness update: client id, clock, state as JSON text. */
function awarenessEntry(clientId: number, clock: number, state: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clientId);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, state);
  return encoding.toUint8Array(e);
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
