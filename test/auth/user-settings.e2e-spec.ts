import request from 'supertest';
import { createUser, login, startTestServer, type TestServer } from '../support/test-app.js';

describe('PATCH /api/users/me: the UI language is kept with the account', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('stores a UI language, returns the account, and the next sign-in carries it', async () => {
    const user = await createUser(server);
    const token = await login(server, user);
    const res = await request(server.url).patch('/api/users/me').set('Authorization', `Bearer ${token}`).send({ locale: 'de' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, locale: 'de' });
    const again = await request(server.url).post('/api/auth/login').send({ email: user.email, password: user.password });
    expect(again.body.user.locale).toBe('de');
  });

  it('refuses a language the UI does not speak, and anything else about the account, with a coded error in the caller’s language', async () => {
    const user = await createUser(server);
    const token = await login(server, user);
    for (const body of [{ locale: 'fr' }, { isAdmin: true }, { email: 'x@test.interlinea' }]) {
      const res = await request(server.url).patch('/api/users/me').set('Authorization', `Bearer ${token}`).set('Accept-Language', 'ru').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const me = await request(server.url).get('/api/users/me').set('Authorization', `Bearer ${token}`);
    expect(me.body).toMatchObject({ locale: 'en', isAdmin: false, email: user.email });
    expect((await request(server.url).patch('/api/users/me').send({ locale: 'ru' })).status).toBe(401);
  });
});
