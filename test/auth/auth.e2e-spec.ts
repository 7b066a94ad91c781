import request from 'supertest';
import { DataSource } from 'typeorm';
import { TokenSigner } from '../../apps/api/src/auth/token-signer.js';
import { createUser, login, startTestServer, TEST_AUTH_SECRET, type TestServer } from '../support/test-app.js';

describe('authentication', () => {
  let server: TestServer;
  let user: { id: string; email: string; password: string };

  beforeAll(async () => {
    server = await startTestServer();
    user = await createUser(server, { displayName: 'Vera Translator' });
  });
  afterAll(() => server.close());

  it('signs in with the right password and the access token identifies the user', async () => {
    const res = await request(server.url).post('/api/auth/login').send({ email: user.email.toUpperCase(), password: user.password });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, email: user.email, displayName: 'Vera Translator' });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    const me = await request(server.url).get('/api/users/me').set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const wrong = await request(server.url).post('/api/auth/login').send({ email: user.email, password: 'not-the-password' });
    const unknown = await request(server.url).post('/api/auth/login').send({ email: 'nobody@test.interlinea', password: 'whatever1' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
      expect(res.body.error.message).toBe('The email address or the password is wrong.');
    }
  });

  it('answers in the caller’s language', async () => {
    const res = await request(server.url)
      .post('/api/auth/login')
      .set('Accept-Language', 'ru-RU,ru;q=0.9,en;q=0.5')
      .send({ email: user.email, password: 'not-the-password' });
    expect(res.body.error.message).toBe('Неверный адрес электронной почты или пароль.');
  });

  it('requires a token on every non-public route', async () => {
    const none = await request(server.url).get('/api/projects');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    const garbage = await request(server.url).get('/api/projects').set('Authorization', 'Bearer abc.def.ghi');
    expect(garbage.status).toBe(401);
    expect(garbage.body.error.code).toBe('TOKEN_INVALID');
  });

  it('refuses an expired access token', async () => {
    const signedAnHourAgo = new TokenSigner(TEST_AUTH_SECRET, () => Date.now() - 3_600_000);
    const { token } = signedAnHourAgo.sign('access', user.id, 60);
    const res = await request(server.url).get('/api/users/me').set('Authorization', `Bearer ${token}`).set('Accept-Language', 'de');
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ code: 'TOKEN_EXPIRED', message: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.' });
  });

  it('refuses a token signed with another key or of another kind', async () => {
    const forged = new TokenSigner('another-secret-another-secret-another-secret').sign('access', user.id, 600).token;
    const otherKind = new TokenSigner(TEST_AUTH_SECRET).sign('collab', user.id, 600).token;
    for (const token of [forged, otherKind]) {
      const res = await request(server.url).get('/api/users/me').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('TOKEN_INVALID');
    }
  });

  it('creates, uses, lists and revokes a personal API token', async () => {
    const access = await login(server, user);
    const created = await request(server.url)
      .post('/api/auth/tokens')
      .set('Authorization', `Bearer ${access}`)
      .send({ name: 'CLI', expiresInDays: 30 });
    expect(created.status).toBe(201);
    const apiToken: string = created.body.token;
    expect(apiToken).toMatch(/^il_/);

    const me = await request(server.url).get('/api/users/me').set('Authorization', `Bearer ${apiToken}`);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);

    const list = await request(server.url).get('/api/auth/tokens').set('Authorization', `Bearer ${access}`);
    const listed = list.body.find((t: { id: string }) => t.id === created.body.id);
    expect(listed).toMatchObject({ name: 'CLI', prefix: apiToken.slice(0, 10) });
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain(apiToken);

    const revoked = await request(server.url).delete(`/api/auth/tokens/${created.body.id}`).set('Authorization', `Bearer ${access}`);
    expect(revoked.status).toBe(204);
    const after = await request(server.url).get('/api/users/me').set('Authorization', `Bearer ${apiToken}`);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('TOKEN_INVALID');
  });

  it('refuses an expired API token', async () => {
    const access = await login(server, user);
    const created = await request(server.url).post('/api/auth/tokens').set('Authorization', `Bearer ${access}`).send({ name: 'old' });
    await server.app.get(DataSource).query(`UPDATE api_tokens SET expires_at = now() - interval '1 day' WHERE id = $1`, [created.body.id]);
    const res = await request(server.url).get('/api/users/me').set('Authorization', `Bearer ${created.body.token}`).set('Accept-Language', 'ru');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('API_TOKEN_EXPIRED');
    // A script's operator learns which token and when, not "sign in again".
    expect(res.body.error.message).toMatch(/^Срок действия API-токена «old» истёк \d{4}-\d{2}-\d{2}\./);
  });

  it('lists every invalid field of a bad body, in German when asked', async () => {
    const res = await request(server.url)
      .post('/api/auth/login')
      .set('Accept-Language', 'de-DE,de;q=0.9')
      .send({ email: 'not-an-email', password: '', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const fields = Object.fromEntries(res.body.error.fields.map((f: { field: string; message: string }) => [f.field, f.message]));
    expect(fields).toEqual({
      email: 'muss eine gültige E-Mail-Adresse sein',
      password: 'muss mindestens 1 Zeichen lang sein',
      extra: 'ist kein zulässiges Feld',
    });
    expect(res.body.error.message).toMatch(/^Die Anfrage ist ungültig: .*email: muss eine gültige E-Mail-Adresse sein/);
  });

  it('answers malformed JSON with a coded error, not a stack trace', async () => {
    const res = await request(server.url).post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'INVALID_JSON', message: 'The request body is not valid JSON (the error is at character 10).' });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js/);
  });

  it('lets only administrators create accounts', async () => {
    const admin = await createUser(server, { isAdmin: true });
    const adminToken = await login(server, admin);
    const userToken = await login(server, user);
    const body = { email: `new-${Date.now()}@test.interlinea`, password: 'long-enough-pw' };
    const denied = await request(server.url).post('/api/users').set('Authorization', `Bearer ${userToken}`).send(body);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('ADMIN_REQUIRED');
    const created = await request(server.url).post('/api/users').set('Authorization', `Bearer ${adminToken}`).send(body);
    expect(created.status).toBe(201);
    const again = await request(server.url).post('/api/users').set('Authorization', `Bearer ${adminToken}`).send(body);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EMAIL_TAKEN');
  });
});
