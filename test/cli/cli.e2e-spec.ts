import { cli } from '../support/cli.js';
import { corpusPath } from '../support/corpus.js';
import request from 'supertest';
import { startTestServer } from '../support/test-app.js';

describe('the CLI', () => {
  const stamp = Date.now().toString(36);
  const email = `cli-${stamp}@test.interlinea`;
  const slug = `cli-${stamp}`;

  it('creates a user, a token and a project, with --json output', async () => {
    const user = await cli(['user:create', '--email', email, '--name', 'CLI User', '--json']);
    expect(user.code).toBe(0);
    const created = JSON.parse(user.stdout);
    expect(created.user).toMatchObject({ email, displayName: 'CLI User', isAdmin: false });
    expect(created.password).toMatch(/^\S{12,}$/);

    const token = await cli(['token:create', '--email', email, '--name', 'scripts', '--days', '7', '--json']);
    expect(token.code).toBe(0);
    expect(JSON.parse(token.stdout)).toMatchObject({ name: 'scripts', token: expect.stringMatching(/^il_/) });

    const project = await cli(['project:create', '--slug', slug, '--title', 'CLI edition', '--source', 'en', '--targets', 'ru,de', '--owner', email, '--json']);
    expect(project.code).toBe(0);
    expect(JSON.parse(project.stdout)).toMatchObject({ slug, targetLanguages: ['ru', 'de'], role: 'owner' });
  }, 60_000);

  it('sets a forgotten password: the new one signs in, the old one and its sessions are refused', async () => {
    const server = await startTestServer();
    try {
      const who = `cli-pw-${stamp}@test.interlinea`;
      const first = JSON.parse((await cli(['user:create', '--email', who, '--json'])).stdout) as { password: string };
      const signIn = (password: string) => request(server.url).post('/api/auth/login').send({ email: who, password });
      const session = (await signIn(first.password).expect(200)).body as { accessToken: string };

      const reset = await cli(['user:password', '--email', who, '--json']);
      expect(reset.code).toBe(0);
      const { password, revokedSessions } = JSON.parse(reset.stdout) as { password: string; revokedSessions: number };
      expect(revokedSessions).toBe(1);
      await signIn(first.password).expect(401);
      await signIn(password).expect(200);
      const me = await request(server.url).get('/api/users/me').set('Authorization', `Bearer ${session.accessToken}`);
      expect(me.body.error.code).toBe('SESSION_ENDED');

      const nobody = await cli(['user:password', '--email', `nobody-${stamp}@test.interlinea`, '--json']);
      expect(nobody.code).toBe(1);
      expect(JSON.parse(nobody.stdout).error.code).toBe('USER_NOT_FOUND');
    } finally {
      await server.close();
    }
  }, 60_000);

  it('imports a corpus book and prints the report with the agreed keys', async () => {
    const result = await cli(['import', corpusPath('002'), '--project', slug, '--lang', 'en', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['documents', 'segments', 'segmentsByKind', 'footnotes', 'pages', 'warnings']));
    expect(report.footnotes).toMatchObject({ references: 381, bodies: 381, linked: 381, unresolvedReferences: [], orphanBodies: [] });
  }, 60_000);

  it('reports errors clearly, as JSON with --json and in the user’s language', async () => {
    const duplicate = await cli(['project:create', '--slug', slug, '--title', 'Again', '--source', 'en', '--owner', email, '--json']);
    expect(duplicate.code).toBe(1);
    expect(JSON.parse(duplicate.stdout).error.code).toBe('SLUG_TAKEN');

    const german = await cli(['project:create', '--slug', 'Bad Slug', '--title', 'X', '--source', 'english', '--owner', email], { LANG: 'de_DE.UTF-8' });
    expect(german.code).toBe(1);
    expect(german.stderr).toContain('slug: nur Kleinbuchstaben, Ziffern und Bindestriche');
    expect(german.stderr).toContain('sourceLanguage: muss ein Sprachcode wie en, ru oder de sein');

    const missing = await cli(['import', '--project', slug]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('missing --lang');

    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  }, 60_000);

  it('names the variable when the configuration is wrong', async () => {
    const result = await cli(['user:create', '--email', 'x@y.z'], { DATABASE_URL: 'mysql://nope' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL must use postgres: or postgresql:');
  });
});
