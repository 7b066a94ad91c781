import { jest } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { LoginResponse, SessionSummary } from '#libs/contracts';
import { TokenSigner } from '../../apps/api/src/auth/token-signer.js';
import { api, type Client, collabToken, connect, createChapter, synced, textOf, upgradeStatus, wsBase } from '../collaboration/collab-support.js';
import { createUser, startTestServer, TEST_AUTH_SECRET, type TestServer } from '../support/test-app.js';

jest.setTimeout(60_000);

type User = { id: string; email: string; password: string };

/** Sign-in sessions: sign-out, refresh, listing and revoking, and what a sign-out does to live sockets. */
describe('sign-in sessions', () => {
  let server: TestServer;
  let db: DataSource;
  const clients: Client[] = [];

  const signIn = async (user: User, userAgent = 'jest'): Promise<LoginResponse> => {
    const res = await request(server.url).post('/api/auth/login').set('User-Agent', userAgent).send({ email: user.email, password: user.password });
    expect(res.status).toBe(200);
    return res.body as LoginResponse;
  };
  const me = (token: string, on: TestServer = server) =>
    request(on.url).get('/api/users/me').set('Authorization', `Bearer ${token}`);
  const refresh = (token: string) => request(server.url).post('/api/auth/refresh').set('Authorization', `Bearer ${token}`);
  /** An access token of the session as the server would have signed it `secondsAgo` ago, already expired. */
  const expiredToken = (user: User, sid: string, gen: number, secondsAgo = 30): string =>
    new TokenSigner(TEST_AUTH_SECRET, () => Date.now() - secondsAgo * 1000).sign('access', user.id, 10, { sid, gen }).token;

  beforeAll(async () => {
    server = await startTestServer();
    db = server.app.get(DataSource);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(() => server.close());

  it('signs out: the same access token is refused afterwards, in the caller’s language', async () => {
    const user = await createUser(server);
    const session = await signIn(user);
    expect(session.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    // SESSION_TTL (14 days by default) from now; the access token is the short part.
    expect(Date.parse(session.sessionExpiresAt) - Date.now()).toBeGreaterThan(13 * 86_400_000);
    expect(Date.parse(session.expiresAt)).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect((await me(session.accessToken)).status).toBe(200);

    const out = await request(server.url).post('/api/auth/logout').set('Authorization', `Bearer ${session.accessToken}`);
    expect(out.status).toBe(204);

    const after = await me(session.accessToken).set('Accept-Language', 'de');
    expect(after.status).toBe(401);
    expect(after.body.error).toEqual({
      code: 'SESSION_ENDED',
      message: 'Diese Sitzung ist beendet: Sie wurde abgemeldet oder ist abgelaufen. Bitte melden Sie sich erneut an.',
    });
    const again = await request(server.url).post('/api/auth/logout').set('Authorization', `Bearer ${session.accessToken}`);
    expect(again.status).toBe(401);
  });

  it('refreshes a live session’s token, expired or not, and never a revoked one', async () => {
    const user = await createUser(server);
    const session = await signIn(user);

    const fresh = await refresh(session.accessToken);
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ sessionId: session.sessionId, sessionExpiresAt: session.sessionExpiresAt });
    expect(fresh.body.accessToken).not.toBe(session.accessToken);
    expect((await me(fresh.body.accessToken)).body.id).toBe(user.id);

    // An access token that expired a while ago still refreshes while its session lives (gen 1 is current).
    const stale = expiredToken(user, session.sessionId, 1);
    expect((await me(stale)).body.error.code).toBe('TOKEN_EXPIRED');
    const revived = await refresh(stale);
    expect(revived.status).toBe(200);
    expect((await me(revived.body.accessToken)).status).toBe(200);

    await request(server.url).post('/api/auth/logout').set('Authorization', `Bearer ${revived.body.accessToken}`).expect(204);
    for (const token of [revived.body.accessToken as string, expiredToken(user, session.sessionId, 2)]) {
      const refused = await refresh(token);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('SESSION_ENDED');
    }
  });

  it('refreshes only from the newest tokens of a session: the current generation or the one before', async () => {
    const user = await createUser(server);
    const session = await signIn(user);
    // Two tabs refreshing with the same token at once both succeed.
    const [a, b] = await Promise.all([refresh(session.accessToken), refresh(session.accessToken)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    // The sign-in token is now two generations old: it cannot keep the session alive any more…
    const old = await refresh(session.accessToken);
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('TOKEN_INVALID');
    // …but it still works until it expires, and the session goes on.
    expect((await me(session.accessToken)).status).toBe(200);
    expect((await refresh(b.body.accessToken)).status).toBe(200);
  });

  it('refuses a refresh without a usable access token', async () => {
    const user = await createUser(server);
    const session = await signIn(user);
    const none = await request(server.url).post('/api/auth/refresh');
    expect([none.status, none.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const forged = new TokenSigner('another-secret-another-secret-another-secret').sign('access', user.id, 600, { sid: session.sessionId, gen: 0 });
    const withoutSession = new TokenSigner(TEST_AUTH_SECRET).sign('access', user.id, 600);
    const otherUsers = new TokenSigner(TEST_AUTH_SECRET).sign('access', (await createUser(server)).id, 600, { sid: session.sessionId, gen: 0 });
    for (const { token } of [forged, withoutSession, otherUsers]) {
      const res = await refresh(token);
      expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
      expect((await me(token)).status).toBe(401);
    }
    const apiToken = await request(server.url).post('/api/auth/tokens').set('Authorization', `Bearer ${session.accessToken}`).send({ name: 'script' });
    const withApiToken = await refresh(apiToken.body.token);
    expect([withApiToken.status, withApiToken.body.error.code]).toEqual([400, 'SESSION_REQUIRED']);
  });

  it('ends a session at its expiry, and caps its access tokens there', async () => {
    const user = await createUser(server);
    const session = await signIn(user);
    await db.query(`UPDATE auth_sessions SET expires_at = now() + interval '5 minutes' WHERE id = $1`, [session.sessionId]);
    const capped = await refresh(session.accessToken);
    expect(capped.status).toBe(200);
    expect(Date.parse(capped.body.expiresAt)).toBeLessThanOrEqual(Date.parse(capped.body.sessionExpiresAt));
    expect(Date.parse(capped.body.sessionExpiresAt) - Date.now()).toBeLessThan(6 * 60_000);

    await db.query(`UPDATE auth_sessions SET created_at = now() - interval '1 hour', expires_at = now() - interval '1 second' WHERE id = $1`, [session.sessionId]);
    for (const res of [await me(capped.body.accessToken), await refresh(capped.body.accessToken)]) {
      expect([res.status, res.body.error.code]).toEqual([401, 'SESSION_ENDED']);
    }
  });

  it('lists the caller’s live sessions with the current one flagged, and revokes one or all', async () => {
    const user = await createUser(server);
    const laptop = await signIn(user, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0');
    const phone = await signIn(user, `Phone\t browser ${'x'.repeat(300)}`);
    const tablet = await signIn(user, 'Tablet');

    const list = await request(server.url).get('/api/auth/sessions').set('Authorization', `Bearer ${laptop.accessToken}`);
    expect(list.status).toBe(200);
    const sessions = list.body as SessionSummary[];
    expect(sessions.map((s) => s.id).sort()).toEqual([laptop.sessionId, phone.sessionId, tablet.sessionId].sort());
    expect(sessions.filter((s) => s.current).map((s) => s.id)).toEqual([laptop.sessionId]);
    const byId = new Map(sessions.map((s) => [s.id, s]));
    expect(byId.get(laptop.sessionId)).toMatchObject({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', expiresAt: laptop.sessionExpiresAt });
    expect(byId.get(phone.sessionId)!.userAgent).toHaveLength(200);
    expect(byId.get(phone.sessionId)!.userAgent).toMatch(/^Phone browser x+$/);

    await request(server.url).delete(`/api/auth/sessions/${phone.sessionId}`).set('Authorization', `Bearer ${laptop.accessToken}`).expect(204);
    expect((await me(phone.accessToken)).status).toBe(401);
    expect((await me(laptop.accessToken)).status).toBe(200);
    const again = await request(server.url).delete(`/api/auth/sessions/${phone.sessionId}`).set('Authorization', `Bearer ${laptop.accessToken}`);
    expect([again.status, again.body.error.code]).toEqual([404, 'SESSION_NOT_FOUND']);
    const shorter = await request(server.url).get('/api/auth/sessions').set('Authorization', `Bearer ${tablet.accessToken}`);
    expect((shorter.body as SessionSummary[]).map((s) => [s.id, s.current]).sort()).toEqual(
      [
        [laptop.sessionId, false],
        [tablet.sessionId, true],
      ].sort(),
    );

    const everywhere = await request(server.url).delete('/api/auth/sessions').set('Authorization', `Bearer ${tablet.accessToken}`);
    expect(everywhere.status).toBe(200);
    expect(everywhere.body).toEqual({ revoked: 2 });
    for (const token of [laptop.accessToken, tablet.accessToken]) expect((await me(token)).body.error.code).toBe('SESSION_ENDED');
  });

  it('does not let another user revoke or see my sessions', async () => {
    const mine = await createUser(server);
    const other = await createUser(server);
    const session = await signIn(mine);
    const intruder = await signIn(other);
    const res = await request(server.url).delete(`/api/auth/sessions/${session.sessionId}`).set('Authorization', `Bearer ${intruder.accessToken}`);
    expect([res.status, res.body.error.code]).toEqual([404, 'SESSION_NOT_FOUND']);
    const theirs = await request(server.url).get('/api/auth/sessions').set('Authorization', `Bearer ${intruder.accessToken}`);
    expect((theirs.body as SessionSummary[]).map((s) => s.id)).toEqual([intruder.sessionId]);
    await request(server.url).delete('/api/auth/sessions').set('Authorization', `Bearer ${intruder.accessToken}`).expect(200);
    expect((await me(session.accessToken)).status).toBe(200);

    const notAnId = await request(server.url).delete('/api/auth/sessions/not-a-uuid').set('Authorization', `Bearer ${session.accessToken}`);
    expect(notAnId.status).toBe(400);
  });

  it('leaves personal API tokens working after a sign-out and a sign-out everywhere', async () => {
    const user = await createUser(server);
    const session = await signIn(user);
    const created = await request(server.url).post('/api/auth/tokens').set('Authorization', `Bearer ${session.accessToken}`).send({ name: 'CLI' });
    const apiToken = created.body.token as string;

    const viaApiToken = await request(server.url).post('/api/auth/logout').set('Authorization', `Bearer ${apiToken}`);
    expect([viaApiToken.status, viaApiToken.body.error.code]).toEqual([400, 'SESSION_REQUIRED']);
    await request(server.url).post('/api/auth/logout').set('Authorization', `Bearer ${session.accessToken}`).expect(204);
    expect((await me(apiToken)).status).toBe(200);

    await signIn(user);
    // From a script: sign every browser out, the script's own token stays.
    const everywhere = await request(server.url).delete('/api/auth/sessions').set('Authorization', `Bearer ${apiToken}`);
    expect(everywhere.body).toEqual({ revoked: 1 });
    expect((await me(apiToken)).status).toBe(200);
    expect((await request(server.url).get('/api/auth/sessions').set('Authorization', `Bearer ${apiToken}`)).body).toEqual([]);
  });

  it('notes use at most once a minute, and ends an idle session when an idle limit is set', async () => {
    const user = await createUser(server);
    const session = await signIn(user);
    const lastSeen = async (): Promise<number> =>
      ((await db.query(`SELECT last_seen_at FROM auth_sessions WHERE id = $1`, [session.sessionId])) as { last_seen_at: Date }[])[0]!.last_seen_at.getTime();
    await db.query(`UPDATE auth_sessions SET last_seen_at = now() - interval '5 minutes' WHERE id = $1`, [session.sessionId]);
    const before = await lastSeen();
    await me(session.accessToken).expect(200);
    const touched = await lastSeen();
    expect(touched - before).toBeGreaterThan(4 * 60_000);
    await me(session.accessToken).expect(200);
    expect(await lastSeen()).toBe(touched);

    const strict = await startTestServer({ sessionIdleTimeoutSeconds: 2 * 3600 });
    try {
      expect((await me(session.accessToken, strict)).status).toBe(200);
      await db.query(`UPDATE auth_sessions SET last_seen_at = now() - interval '3 hours' WHERE id = $1`, [session.sessionId]);
      expect((await me(session.accessToken, strict)).body.error.code).toBe('SESSION_ENDED');
      // Without the limit the same session is still good: idleness is decided per request, not stored.
      expect((await me(session.accessToken)).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('closes the collaboration sockets of a revoked session and refuses its collaboration tokens', async () => {
    const user = await createUser(server);
    const session = await signIn(user);
    const other = await signIn(user);
    const chapter = await createChapter(server, { ...user, token: session.accessToken }, 1);
    const doomedToken = await collabToken(server, chapter, { token: session.accessToken });
    const keptToken = await collabToken(server, chapter, { token: other.accessToken });
    const doomed = connect(server, chapter.documentId, doomedToken);
    const kept = connect(server, chapter.documentId, keptToken);
    clients.push(doomed, kept);
    await synced(doomed);
    await synced(kept);
    const closed = new Promise<{ code: number }>((resolve) => doomed.provider.on('closed', (event) => resolve(event)));

    await api(server, session.accessToken).post('/api/auth/logout').expect(204);
    expect((await closed).code).toBe(4401);
    const url = (token: string) => `${wsBase(server)}/${chapter.documentId}?token=${encodeURIComponent(token)}`;
    expect(await upgradeStatus(url(doomedToken))).toBe(401);
    // The user's other session is untouched.
    expect(await upgradeStatus(url(keptToken))).toBe(101);
    textOf(kept.doc, chapter.segments[0]!, 'de').insert(0, 'noch da');
    expect(kept.closes).toEqual([]);
  });

  it('closes the sockets opened with a personal API token when it is revoked, and refuses its collaboration tokens', async () => {
    const user = await createUser(server);
    const session = await signIn(user);
    const created = await api(server, session.accessToken).post('/api/auth/tokens', { name: 'sync script' }).expect(201);
    const apiToken = created.body.token as string;
    const chapter = await createChapter(server, { ...user, token: session.accessToken }, 1);
    const scriptToken = await collabToken(server, chapter, { token: apiToken });
    const script = connect(server, chapter.documentId, scriptToken);
    const browser = connect(server, chapter.documentId, await collabToken(server, chapter, { token: session.accessToken }));
    clients.push(script, browser);
    await synced(script);
    await synced(browser);
    const closed = new Promise<{ code: number }>((resolve) => script.provider.on('closed', (event) => resolve(event)));

    await api(server, session.accessToken).delete(`/api/auth/tokens/${created.body.id}`).expect(204);
    expect((await closed).code).toBe(4401);
    expect(await upgradeStatus(`${wsBase(server)}/${chapter.documentId}?token=${encodeURIComponent(scriptToken)}`)).toBe(401);
    // The same user's browser session is another credential: untouched.
    textOf(browser.doc, chapter.segments[0]!, 'de').insert(0, 'weiter');
    expect(browser.closes).toEqual([]);
  });

  it('closes a socket when its session simply runs out, at the next heartbeat', async () => {
    const short = await startTestServer({ accessTokenTtlSeconds: 2, sessionTtlSeconds: 3, collab: { heartbeatMs: 100 } });
    try {
      const user = await createUser(short);
      const login = await request(short.url).post('/api/auth/login').send({ email: user.email, password: user.password });
      const token = login.body.accessToken as string;
      const chapter = await createChapter(short, { ...user, token }, 1);
      const socket = connect(short, chapter.documentId, await collabToken(short, chapter, { token }));
      clients.push(socket);
      await synced(socket);
      const closed = new Promise<{ code: number }>((resolve) => socket.provider.on('closed', (event) => resolve(event)));
      expect((await closed).code).toBe(4401);
      // Not before the session's end (three seconds after sign-in; the server's clock is this one).
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(login.body.sessionExpiresAt as string));
    } finally {
      await short.close();
    }
  });

  it('closes the sockets of a revoked session on every process (Redis)', async () => {
    const redis = { redisUrl: 'redis://127.0.0.1:6379' };
    const [one, two] = await Promise.all([startTestServer(redis), startTestServer(redis)]);
    try {
      const user = await createUser(one);
      const login = await request(one.url).post('/api/auth/login').send({ email: user.email, password: user.password });
      const token = login.body.accessToken as string;
      const chapter = await createChapter(one, { ...user, token }, 1);
      const socket = connect(two, chapter.documentId, await collabToken(one, chapter, { token }));
      clients.push(socket);
      await synced(socket);
      const closed = new Promise<{ code: number }>((resolve) => socket.provider.on('closed', (event) => resolve(event)));
      // Signed out everywhere on one process; the socket is on the other.
      await api(one, token).delete('/api/auth/sessions').expect(200);
      expect((await closed).code).toBe(4401);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
