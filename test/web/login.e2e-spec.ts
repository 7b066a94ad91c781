import type { Browser, Page } from 'playwright-core';
import type { LoginResponse } from '#libs/contracts';
import { TokenSigner } from '../../apps/api/src/auth/token-signer.js';
import { launchBrowser, openPage } from '../support/browser.js';
import { createProject, createUser, startTestServer, TEST_AUTH_SECRET, type TestServer } from '../support/test-app.js';

const SCREENSHOT_PATH = '/tmp/interlinea-web.png';

/** What the API itself answers to a wrong password in `language`: the text the page must show. */
async function loginErrorMessage(server: TestServer, email: string, language: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': language },
    body: JSON.stringify({ email, password: 'not the password' }),
  });
  expect(response.status).toBe(401);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('INVALID_CREDENTIALS');
  return body.error.message;
}

/** The session the page keeps in localStorage. */
async function storedSession(page: Page): Promise<{ accessToken: string; expiresAt: string; sessionId: string } | null> {
  return JSON.parse((await page.evaluate("localStorage.getItem('interlinea.session')")) ?? 'null');
}

const currentUserStatus = async (server: TestServer, token: string): Promise<{ status: number; code?: string }> => {
  const response = await fetch(`${server.url}/api/users/me`, { headers: { Authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { error?: { code: string } };
  return { status: response.status, code: body.error?.code };
};

describe('web app: signing in and the project list', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the server's German message for a wrong password when the browser speaks German", async () => {
    const user = await createUser(server);
    const german = await loginErrorMessage(server, user.email, 'de');
    expect(german).not.toBe(await loginErrorMessage(server, user.email, 'en'));

    const { page, close } = await openPage(browser, { baseURL: server.url, locale: 'de-DE' });
    try {
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');

      await page.getByLabel('E-Mail-Adresse').fill(user.email);
      await page.getByLabel('Passwort').fill('not the password');
      await page.getByRole('button', { name: 'Anmelden' }).click();

      const error = page.getByTestId('login-error');
      await error.waitFor();
      expect(await error.textContent()).toBe(german);
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await close();
    }
  }, 30_000);

  it("lists the user's own projects, follows a language switch and signs out", async () => {
    const user = await createUser(server, { displayName: 'Vera Lindqvist', isAdmin: false });
    const stranger = await createUser(server, { isAdmin: false });
    const own = await createProject(server, user.id, {
      slug: `soviet-union-1928-${Date.now()}`,
      title: 'The Soviet Union in 1928–1933',
      sourceLanguage: 'ru',
      targetLanguages: ['en', 'de'],
    });
    const foreign = await createProject(server, stranger.id, {
      slug: `someone-elses-${Date.now()}`,
      title: 'Someone Else’s Edition',
    });

    const { page, close } = await openPage(browser, { baseURL: server.url, locale: 'en-US' });
    try {
      // A deep link while signed out leads through the login page and back.
      await page.goto('/projects');
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Sign in' }).click();

      const list = page.getByTestId('project-list');
      await list.waitFor();
      expect(new URL(page.url()).pathname).toBe('/projects');
      const ownRow = list.getByTestId('project-row').filter({ hasText: own.title });
      await ownRow.waitFor();
      expect(await ownRow.getByText(own.slug, { exact: true }).count()).toBe(1);
      expect(await ownRow.getByTestId('project-role').textContent()).toBe('Owner');
      expect(await ownRow.getByText('Russian', { exact: true }).count()).toBe(1);
      expect(await ownRow.getByText('English, German', { exact: true }).count()).toBe(1);
      // The list renders in one go, so once it is there a missing row is really missing.
      expect(await list.getByText(foreign.title).count()).toBe(0);
      await page.getByTestId('current-user').getByText('Vera Lindqvist').waitFor();
      await page.screenshot({ path: SCREENSHOT_PATH, fullPage: true });

      await page.getByLabel('Language').selectOption('ru');
      await page.getByRole('heading', { level: 1, name: 'Проекты' }).waitFor();
      await ownRow.getByTestId('project-role').filter({ hasText: 'Владелец' }).waitFor();
      expect(await page.evaluate("localStorage.getItem('interlinea.language')")).toBe('ru');

      // Both the session and the language survive a reload.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Проекты' }).waitFor();
      await list.getByTestId('project-row').filter({ hasText: own.title }).waitFor();

      const signedIn = await storedSession(page);
      expect(await currentUserStatus(server, signedIn!.accessToken)).toEqual({ status: 200 });
      await page.getByRole('button', { name: 'Выйти' }).click();
      await page.getByRole('heading', { level: 1, name: 'Вход' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
      // A sign-out the user chose: no "session ended" notice.
      expect(await page.getByRole('status').count()).toBe(0);
      // Ended on the server too: a copy of the token is refused.
      expect(await currentUserStatus(server, signedIn!.accessToken)).toEqual({ status: 401, code: 'SESSION_ENDED' });
      expect(await storedSession(page)).toBeNull();

      // Signed out for good: the token is gone, so the project list is out of reach.
      await page.goto('/projects');
      await page.getByRole('heading', { level: 1, name: 'Вход' }).waitFor();
      expect(await page.getByTestId('project-list').count()).toBe(0);
    } finally {
      await close();
    }
  }, 30_000);

  it('trades an expired access token for a fresh one and carries on without signing out', async () => {
    const user = await createUser(server, { displayName: 'Ada Lovelace' });
    const project = await createProject(server, user.id, { slug: `refreshing-${Date.now()}`, title: 'An Edition That Outlives Its Token' });
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    const { user: _signedIn, ...grant } = (await response.json()) as LoginResponse;
    // The sign-in's token as it would be after it ran out half a minute ago.
    const expired = new TokenSigner(TEST_AUTH_SECRET, () => Date.now() - 40_000).sign('access', user.id, 10, { sid: grant.sessionId, gen: 0 }).token;
    expect((await currentUserStatus(server, expired)).code).toBe('TOKEN_EXPIRED');

    const { page, close } = await openPage(browser, { baseURL: server.url, locale: 'en-US' });
    try {
      await page.goto('/login');
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      // The page believes the token good for another hour, so its first requests find out the hard way.
      const believed = { ...grant, accessToken: expired, expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
      await page.evaluate(`localStorage.setItem('interlinea.session', ${JSON.stringify(JSON.stringify(believed))})`);
      await page.goto('/projects');
      await page.getByTestId('project-list').getByTestId('project-row').filter({ hasText: project.title }).waitFor();
      await page.getByTestId('current-user').getByText('Ada Lovelace').waitFor();

      const refreshed = await storedSession(page);
      expect(refreshed).toMatchObject({ sessionId: grant.sessionId });
      expect(refreshed!.accessToken).not.toBe(expired);
      expect(await currentUserStatus(server, refreshed!.accessToken)).toEqual({ status: 200 });
      expect(new URL(page.url()).pathname).toBe('/projects');
    } finally {
      await close();
    }
  }, 30_000);
});
