import { cli } from '../support/cli.js';
import { corpusPath } from '../support/corpus.js';
import { itWithShared } from '../support/shared-data.js';
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

  itWithShared()('imports a corpus book and prints the report with the agreed keys', async () => {
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

describe('the CLI in the user’s language', () => {
  const stamp = Date.now().toString(36);
  const german = { LANG: 'de_DE.UTF-8' };
  const russian = { LANG: 'ru_RU.UTF-8' };

  it('lists the commands with their summaries in German and in Russian', async () => {
    const de = await cli(['help'], german);
    expect(de.code).toBe(0);
    expect(de.stdout).toContain('Aufruf: npm run cli -- <Befehl> [Optionen] [--json]');
    expect(de.stdout).toMatch(/ user:create +Ein Konto anlegen \(ohne Passwort wird eines erzeugt und ausgegeben\)/);
    expect(de.stdout).toMatch(/ db:migrate +Alle ausstehenden Migrationen anwenden/);
    expect(de.stdout).toContain('Jeder Befehl versteht --json');

    const ru = await cli(['help'], russian);
    expect(ru.code).toBe(0);
    expect(ru.stdout).toContain('Использование: npm run cli -- <команда> [параметры] [--json]');
    expect(ru.stdout).toMatch(/ import +Импортировать книгу \(Markdown, текст, сохранённую веб-страницу или Word\) в издание/);
    expect(ru.stdout).toMatch(/ token:create +Создать личный API-токен пользователя/);
    expect(ru.stdout).not.toContain('Create an account');
  });

  it('words usage errors in Russian, with the usage line, and codes them CLI_USAGE in --json', async () => {
    const missing = await cli(['import', '--project', 'anything'], russian);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Ошибка: не указано: --lang');
    expect(missing.stderr).toContain('Использование: npm run cli -- import ФАЙЛ --project ИМЯ --lang ЯЗЫК [--rendering R] [--encoding E] [--json]');

    const short = await cli(['user:create', '--email', `short-${stamp}@test.interlinea`, '--password', 'abc', '--json'], russian);
    expect(short.code).toBe(1);
    expect(JSON.parse(short.stdout).error).toEqual({ code: 'CLI_USAGE', message: 'пароль в --password должен быть не короче 8 символов' });

    const unknown = await cli(['frobnicate', '--json'], russian);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error).toEqual({ code: 'CLI_USAGE', message: 'Неизвестная команда «frobnicate».' });
  });

  it('rewords parseArgs errors in German instead of passing on Node’s English', async () => {
    const unknown = await cli(['user:create', '--email', 'x@y.z', '--frob'], german);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'Fehler: unbekannte Option --frob\nAufruf: npm run cli -- user:create --email E-MAIL [--password PASSWORT] [--name NAME] [--admin] [--locale en|ru|de]\n',
    );

    const valueless = await cli(['token:create', '--name', 'x', '--email'], german);
    expect(valueless.code).toBe(1);
    expect(valueless.stderr).toContain('Fehler: --email braucht einen Wert');

    const flag = await cli(['user:create', '--admin=yes', '--json'], german);
    expect(flag.code).toBe(1);
    expect(JSON.parse(flag.stdout).error).toEqual({ code: 'CLI_USAGE', message: '--admin nimmt keinen Wert an' });
  });

  it('prints what user:create did in Russian, with the same --json as in English', async () => {
    const email = `cli-ru-${stamp}@test.interlinea`;
    const text = await cli(['user:create', '--email', email], russian);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^Создан пользователь ${email} \\([0-9a-f-]{36}\\)\nПароль: \\S{12,}\n$`));

    const inRussian = JSON.parse((await cli(['user:create', '--email', `cli-ru-json-${stamp}@test.interlinea`, '--admin', '--json'], russian)).stdout);
    const inEnglish = JSON.parse((await cli(['user:create', '--email', `cli-en-json-${stamp}@test.interlinea`, '--admin', '--json'])).stdout);
    expect(Object.keys(inRussian).sort()).toEqual(Object.keys(inEnglish).sort());
    expect(Object.keys(inRussian.user).sort()).toEqual(Object.keys(inEnglish.user).sort());
    expect(inRussian.user).toMatchObject({ isAdmin: true });
  }, 60_000);

  itWithShared()('prints the import report in German', async () => {
    const owner = `cli-de-${stamp}@test.interlinea`;
    const project = `cli-de-${stamp}`;
    expect((await cli(['user:create', '--email', owner, '--json'])).code).toBe(0);
    const created = await cli(['project:create', '--slug', project, '--title', 'Deutsch', '--source', 'en', '--owner', owner], german);
    expect(created.stdout).toContain(`Edition „Deutsch“ angelegt (${project}, `);
    expect(created.stdout).toContain(`Sprachen: en → (noch keine); gehört ${owner}`);

    const imported = await cli(['import', corpusPath('002'), '--project', project, '--lang', 'en'], german);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(new RegExp(`^.+ in ${project} importiert \\(en, Ausgangstext, [^)]+\\) in [\\d.]+ s\n`));
    expect(imported.stdout).toContain('Fußnoten: Verweise 381, Fußnotentexte 381, verknüpft 381');
    expect(imported.stdout).toMatch(/^Dokumente: \d+; Segmente: \d+ \(/m);
  }, 60_000);

  it('stays in English by default', async () => {
    const email = `cli-en-${stamp}@test.interlinea`;
    const text = await cli(['user:create', '--email', email, '--admin']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^Created administrator ${email} \\([0-9a-f-]{36}\\)\nPassword: \\S{12,}\n$`));

    const days = await cli(['token:create', '--email', email, '--name', 'x', '--days', '0']);
    expect(days.code).toBe(1);
    expect(days.stderr).toBe('Error: --days must be a whole number ≥ 1\nUsage: npm run cli -- token:create --email EMAIL --name NAME [--days N]\n');
  }, 60_000);
});
