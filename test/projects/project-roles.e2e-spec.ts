import request from 'supertest';
import { PROJECT_ROLES, type ProjectRole } from '#libs/contracts';
import { createProject, createUser, login, startTestServer, type TestServer } from '../support/test-app.js';

interface Member {
  id: string;
  email: string;
  token: string;
}

describe('project roles', () => {
  let server: TestServer;
  let project: { id: string; slug: string };
  let other: { id: string; slug: string };
  const members = {} as Record<ProjectRole, Member>;
  let outsider: Member;

  const as = (m: Member) => ({
    get: (path: string) => request(server.url).get(path).set('Authorization', `Bearer ${m.token}`),
    patch: (path: string, body: object) => request(server.url).patch(path).set('Authorization', `Bearer ${m.token}`).send(body),
    post: (path: string, body: object) => request(server.url).post(path).set('Authorization', `Bearer ${m.token}`).send(body),
    delete: (path: string) => request(server.url).delete(path).set('Authorization', `Bearer ${m.token}`),
  });

  beforeAll(async () => {
    server = await startTestServer();
    const owner = await createUser(server);
    project = await createProject(server, owner.id, { title: 'Roles edition' });
    members.owner = { ...owner, token: await login(server, owner) };
    for (const role of PROJECT_ROLES.filter((r) => r !== 'owner')) {
      const u = await createUser(server);
      const res = await as(members.owner).post(`/api/projects/${project.id}/members`, { email: u.email, role });
      expect(res.status).toBe(201);
      members[role] = { ...u, token: await login(server, u) };
    }
    const stranger = await createUser(server);
    outsider = { ...stranger, token: await login(server, stranger) };
    other = await createProject(server, stranger.id, { title: 'Somebody else’s edition' });
  });
  afterAll(() => server.close());

  // One representative route per permission, and who may use it.
  const cases: { what: string; allowed: ProjectRole[]; call: (m: Member) => request.Test }[] = [
    { what: 'read the edition', allowed: [...PROJECT_ROLES], call: (m) => as(m).get(`/api/projects/${project.id}`) },
    { what: 'list members', allowed: [...PROJECT_ROLES], call: (m) => as(m).get(`/api/projects/${project.slug}/members`) },
    {
      what: 'rename the edition',
      allowed: ['owner'],
      call: (m) => as(m).patch(`/api/projects/${project.id}`, { title: `Roles edition (${m.email})` }),
    },
    {
      what: 'add a member',
      allowed: ['owner'],
      call: (m) => as(m).post(`/api/projects/${project.id}/members`, { email: m.email, role: 'viewer' }),
    },
  ];

  for (const c of cases) {
    for (const role of PROJECT_ROLES) {
      const allowed = c.allowed.includes(role);
      it(`${role} ${allowed ? 'may' : 'may not'} ${c.what}`, async () => {
        const res = await c.call(members[role]);
        if (allowed) {
          // Adding oneself again is refused as a conflict, which still proves the guard let it through.
          expect([200, 201, 409]).toContain(res.status);
        } else {
          expect(res.status).toBe(403);
          expect(res.body.error.code).toBe('PERMISSION_DENIED');
          expect(res.body.error.message).toContain(role);
        }
      });
    }
  }

  it('hides another project from non-members, by id and by slug', async () => {
    for (const ref of [other.id, other.slug]) {
      const res = await as(members.owner).get(`/api/projects/${ref}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('PROJECT_NOT_FOUND');
    }
    const res = await as(outsider).get(`/api/projects/${project.id}`);
    expect(res.status).toBe(404);
  });

  it('lists only the caller’s projects, with the caller’s role', async () => {
    const res = await as(members.reviewer).get('/api/projects?limit=100');
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { id: string }) => p.id)).toEqual([project.id]);
    expect(res.body.items[0].role).toBe('reviewer');
    expect(res.body).toMatchObject({ total: 1, offset: 0, limit: 100 });
  });

  it('lets administrators see every project as owners', async () => {
    const admin = await createUser(server, { isAdmin: true });
    const res = await request(server.url).get(`/api/projects/${other.id}`).set('Authorization', `Bearer ${await login(server, admin)}`);
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('owner');
  });

  it('keeps at least one owner', async () => {
    const res = await as(members.owner).delete(`/api/projects/${project.id}/members/${members.owner.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('LAST_OWNER');
  });

  it('lets an owner create an account while adding a member, limited to some languages', async () => {
    const email = `invited-${Date.now()}@test.interlinea`;
    const res = await as(members.owner).post(`/api/projects/${project.id}/members`, {
      email,
      role: 'translator',
      languages: ['de'],
      password: 'a-long-password',
      displayName: 'Greta',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email, role: 'translator', languages: ['de'], displayName: 'Greta' });
    const token = await login(server, { email, password: 'a-long-password' });
    expect(token).toBeTruthy();
    const bad = await as(members.owner).post(`/api/projects/${project.id}/members`, { email: `x${email}`, role: 'viewer', languages: ['fr'], password: 'a-long-password' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('LANGUAGE_NOT_IN_PROJECT');
  });

  it('refuses a removed member at once', async () => {
    const u = await createUser(server);
    await as(members.owner).post(`/api/projects/${project.id}/members`, { email: u.email, role: 'viewer' });
    const m = { ...u, token: await login(server, u) };
    expect((await as(m).get(`/api/projects/${project.id}`)).status).toBe(200);
    expect((await as(members.owner).delete(`/api/projects/${project.id}/members/${u.id}`)).status).toBe(204);
    expect((await as(m).get(`/api/projects/${project.id}`)).status).toBe(404);
  });

  it('validates a new project and reports a taken slug', async () => {
    const bad = await as(members.owner).post('/api/projects', { slug: 'A!', title: '', sourceLanguage: 'english', targetLanguages: 'de' });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.error.fields.map((f: { field: string }) => f.field))].sort()).toEqual(['slug', 'sourceLanguage', 'targetLanguages', 'title']);
    const taken = await as(members.owner).post('/api/projects', { slug: project.slug, title: 'Again', sourceLanguage: 'en', targetLanguages: [] });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('SLUG_TAKEN');
  });
});
