import request from 'supertest';
import type { LoginResponse } from '#libs/contracts';
import { createUser, startTestServer, type TestServer } from '../support/test-app.js';

type User = { id: string; email: string; password: string };

/** Changing one's password, and an administrator's reset: the old password and its sessions stop working. */
describe('passwords', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const signIn = async (user: Pick<User, 'email' | 'password'>): Promise<LoginResponse> => {
    const res = await request(server.url).post('/api/auth/login').send({ email: user.email, password: user.password });
    expect(res.status).toBe(200);
    return res.body as LoginResponse;
  };
  const loginStatus = async (email: string, password: string): Promise<number> =>
    (await request(server.url).post('/api/auth/login').send({ email, password })).status;
  const me = (token: string) => request(server.url).get('/api/users/me').set('Authorization', `Bearer ${token}`);
  const change = (token: string, body: object, language = 'en') =>
    request(server.url).put('/api/auth/password').set('Authorization', `Bearer ${token}`).set('Accept-Language', language).send(body);

  it('changes the password: the old one stops working, other sessions end, this one stays', async () => {
    const user = await createUser(server);
    const here = await signIn(user);
    const elsewhere = await signIn(user);

    const res = await change(here.accessToken, { currentPassword: user.password, newPassword: 'a brand new secret' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revoked: 1 });

    expect((await me(here.accessToken)).status).toBe(200);
    expect((await me(elsewhere.accessToken)).body.error.code).toBe('SESSION_ENDED');
    expect(await loginStatus(user.email, user.password)).toBe(401);
    expect(await loginStatus(user.email, 'a brand new secret')).toBe(200);
  });

  it('refuses a wrong current password (in Russian) and a short new one, changing nothing', async () => {
    const user = await createUser(server);
    const session = await signIn(user);
    const other = await signIn(user);

    const wrong = await change(session.accessToken, { currentPassword: 'not my password', newPassword: 'a brand new secret' }, 'ru');
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toEqual({ code: 'WRONG_PASSWORD', message: 'Текущий пароль указан неверно; пароль не изменён.' });

    const same = await change(session.accessToken, { currentPassword: user.password, newPassword: user.password }, 'de');
    expect(same.status).toBe(400);
    expect(same.body.error).toEqual({ code: 'PASSWORD_UNCHANGED', message: 'Das neue Passwort ist dasselbe wie das aktuelle.' });

    const short = await change(session.accessToken, { currentPassword: user.password, newPassword: 'short' }, 'de');
    expect(short.status).toBe(400);
    expect(short.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['newPassword']);

    expect(await loginStatus(user.email, user.password)).toBe(200);
    expect((await me(other.accessToken)).status).toBe(200);
  });

  it('lets an administrator, and nobody else, set a user’s password, signing that user out everywhere', async () => {
    const admin = await signIn(await createUser(server, { isAdmin: true }));
    const user = await createUser(server);
    const victim = await signIn(user);
    const bystander = await signIn(await createUser(server));

    const denied = await request(server.url)
      .put(`/api/users/${user.id}/password`)
      .set('Authorization', `Bearer ${bystander.accessToken}`)
      .send({ password: 'taken over by me' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('ADMIN_REQUIRED');
    expect(await loginStatus(user.email, user.password)).toBe(200);

    const reset = await request(server.url)
      .put(`/api/users/${user.id}/password`)
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .send({ password: 'issued by the admin' });
    expect(reset.status).toBe(200);
    expect(reset.body.revoked).toBeGreaterThanOrEqual(2);
    expect((await me(victim.accessToken)).body.error.code).toBe('SESSION_ENDED');
    expect(await loginStatus(user.email, user.password)).toBe(401);
    expect(await loginStatus(user.email, 'issued by the admin')).toBe(200);

    const nobody = await request(server.url)
      .put('/api/users/00000000-0000-4000-8000-000000000000/password')
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .send({ password: 'issued by the admin' });
    expect(nobody.status).toBe(404);
    expect(nobody.body.error.code).toBe('USER_NOT_FOUND');
  });
});
