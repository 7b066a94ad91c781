import request from 'supertest';
import { createUser, login, startTestServer, type TestServer } from '../support/test-app.js';

/** Attempt limits on passwords, and the personal API token policy (docs/security.md). */
describe('credentials', () => {
  describe('failed password attempts are limited per account and per address', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ authFailuresPerAccount: 3, authFailuresPerAddress: 20, authFailureWindowSeconds: 60 });
    });
    afterAll(() => server.close());

    const signIn = (email: string, password: string, language = 'en') =>
      request(server.url).post('/api/auth/login').set('Accept-Language', language).send({ email, password });

    it('holds an account off after its failures, with Retry-After, in the caller’s language; the right password does not help meanwhile', async () => {
      const user = await createUser(server);
      for (let i = 0; i < 3; i++) expect((await signIn(user.email, `wrong ${i}`)).status).toBe(401);
      const held = await signIn(user.email, user.password, 'de');
      expect(held.status).toBe(429);
      expect(held.body.error.code).toBe('TOO_MANY_ATTEMPTS');
      expect(held.body.error.message).toMatch(/^Zu viele fehlgeschlagene Versuche\. Bitte in \d+ Sekunden erneut versuchen\.$/);
      const seconds = Number(held.headers['retry-after']);
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(60);
      // Upper case is the same account.
      expect((await signIn(user.email.toUpperCase(), user.password)).status).toBe(429);
      // Another account from the same address is not held off by this one.
      const other = await createUser(server);
      expect((await signIn(other.email, other.password)).status).toBe(200);
    });

    it('a successful sign-in clears the account’s count', async () => {
      const user = await createUser(server);
      for (let i = 0; i < 2; i++) expect((await signIn(user.email, 'wrong')).status).toBe(401);
      expect((await signIn(user.email, user.password)).status).toBe(200);
      for (let i = 0; i < 2; i++) expect((await signIn(user.email, 'wrong')).status).toBe(401);
      expect((await signIn(user.email, user.password)).status).toBe(200);
    });

    it('limits guessing the current password on PUT /auth/password the same way', async () => {
      const user = await createUser(server);
      const token = await login(server, user);
      const change = (current: string) =>
        request(server.url).put('/api/auth/password').set('Authorization', `Bearer ${token}`).send({ currentPassword: current, newPassword: 'a new long secret' });
      for (let i = 0; i < 3; i++) expect((await change(`guess ${i}`)).status).toBe(403);
      const held = await change(user.password);
      expect(held.status).toBe(429);
      expect(held.headers['retry-after']).toBeDefined();
      expect((await signIn(user.email, user.password)).status).toBe(200);
    });
  });

  it('holds an address off after its failures across accounts', async () => {
    const server = await startTestServer({ authFailuresPerAccount: 100, authFailuresPerAddress: 5, authFailureWindowSeconds: 60 });
    try {
      const user = await createUser(server);
      for (let i = 0; i < 5; i++) {
        const res = await request(server.url).post('/api/auth/login').send({ email: `nobody-${i}@test.interlinea`, password: 'x' });
        expect(res.status).toBe(401);
      }
      const res = await request(server.url).post('/api/auth/login').set('Accept-Language', 'ru').send({ email: user.email, password: user.password });
      expect(res.status).toBe(429);
      expect(res.body.error.message).toMatch(/^Слишком много неудачных попыток/);
    } finally {
      await server.close();
    }
  });

  it('shares the counts between processes through Redis', async () => {
    const options = { redisUrl: 'redis://127.0.0.1:6379', authFailuresPerAccount: 2, authFailuresPerAddress: 1000, authFailureWindowSeconds: 60 };
    const [a, b] = [await startTestServer(options), await startTestServer(options)];
    try {
      const user = await createUser(a);
      expect((await request(a.url).post('/api/auth/login').send({ email: user.email, password: 'wrong' })).status).toBe(401);
      expect((await request(b.url).post('/api/auth/login').send({ email: user.email, password: 'wrong' })).status).toBe(401);
      expect((await request(a.url).post('/api/auth/login').send({ email: user.email, password: user.password })).status).toBe(429);
      expect((await request(b.url).post('/api/auth/login').send({ email: user.email, password: user.password })).status).toBe(429);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  describe('personal API tokens', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server.close());

    const as = (bearer: string) => ({
      me: () => request(server.url).get('/api/users/me').set('Authorization', `Bearer ${bearer}`),
      createToken: (name: string) => request(server.url).post('/api/auth/tokens').set('Authorization', `Bearer ${bearer}`).send({ name }),
      tokens: () => request(server.url).get('/api/auth/tokens').set('Authorization', `Bearer ${bearer}`),
    });

    it('cannot create more tokens, nor change the password', async () => {
      const user = await createUser(server);
      const session = await login(server, user);
      const apiToken = (await as(session).createToken('script')).body.token as string;
      expect((await as(apiToken).me()).status).toBe(200);
      const more = await as(apiToken).createToken('another');
      expect(more.status).toBe(403);
      expect(more.body.error.code).toBe('API_TOKEN_NOT_ALLOWED');
      const change = await request(server.url)
        .put('/api/auth/password')
        .set('Authorization', `Bearer ${apiToken}`)
        .send({ currentPassword: user.password, newPassword: 'changed by a script' });
      expect(change.status).toBe(403);
      expect(change.body.error.code).toBe('API_TOKEN_NOT_ALLOWED');
      expect((await as(session).tokens()).body).toHaveLength(1);
    });

    it('end when their owner changes the password', async () => {
      const user = await createUser(server);
      const session = await login(server, user);
      const apiToken = (await as(session).createToken('script')).body.token as string;
      const res = await request(server.url)
        .put('/api/auth/password')
        .set('Authorization', `Bearer ${session}`)
        .send({ currentPassword: user.password, newPassword: 'a brand new secret' });
      expect(res.status).toBe(200);
      expect((await as(apiToken).me()).body.error.code).toBe('TOKEN_INVALID');
      expect((await as(session).tokens()).body).toEqual([]);
      expect((await as(session).me()).status).toBe(200);
    });

    it('end when an administrator resets the password', async () => {
      const admin = await login(server, await createUser(server, { isAdmin: true }));
      const user = await createUser(server);
      const apiToken = (await as(await login(server, user)).createToken('script')).body.token as string;
      const reset = await request(server.url)
        .put(`/api/users/${user.id}/password`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ password: 'issued by the admin' });
      expect(reset.status).toBe(200);
      expect((await as(apiToken).me()).body.error.code).toBe('TOKEN_INVALID');
    });
  });
});
