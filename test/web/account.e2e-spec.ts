import type { Browser, Locator, Page } from 'playwright-core';
import type { ErrorBody, LoginResponse } from '#libs/contracts';
import { launchBrowser, openPage } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { createUser, startTestServer, type TestServer } from '../support/test-app.js';

const SCREENSHOTS = { wide: '/tmp/interlinea-account-1280.png', narrow: '/tmp/interlinea-account-narrow.png' };

const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_ON_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

type User = { id: string; email: string; password: string };

/** Signs in through the API, as another browser (`userAgent`) would. */
async function apiSignIn(server: TestServer, user: { email: string; password: string }, userAgent: string): Promise<Response> {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': userAgent },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
}

async function otherSession(server: TestServer, user: User, userAgent: string): Promise<string> {
  const response = await apiSignIn(server, user, userAgent);
  expect(response.status).toBe(200);
  return ((await response.json()) as LoginResponse).accessToken;
}

/** How the API answers `token` on `GET /api/users/me`. */
async function meStatus(server: TestServer, token: string): Promise<{ status: number; code?: string; id?: string }> {
  const response = await fetch(`${server.url}/api/users/me`, { headers: { Authorization: `Bearer ${token}` } });
  const body = (await response.json()) as Partial<ErrorBody> & { id?: string };
  return { status: response.status, code: body.error?.code, id: body.id };
}

/** The API's own error for a password change, in `language`: the text the page must show. */
async function passwordChangeError(
  server: TestServer,
  token: string,
  body: { currentPassword: string; newPassword: string },
  language: string,
): Promise<ErrorBody['error']> {
  const response = await fetch(`${server.url}/api/auth/password`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': language, Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(response.ok).toBe(false);
  return ((await response.json()) as ErrorBody).error;
}

async function pageToken(page: Page): Promise<string> {
  const stored = JSON.parse((await page.evaluate("localStorage.getItem('interlinea.session')")) ?? 'null') as { accessToken: string };
  return stored.accessToken;
}

/** Signs in on the login page, then opens the account page from the header, as a user would. */
async function openAccountPage(page: Page, user: User): Promise<void> {
  await page.goto('/login');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('project-list').or(page.getByTestId('projects-empty')).waitFor();
  await page.getByTestId('current-user').getByRole('link').click();
  await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/account');
}

/** What a screen reader hears as the input's description: its error and hint, by `aria-describedby`. */
const description = (input: Locator): Promise<string> =>
  input.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id: string) => (id ? element.ownerDocument.getElementById(id)?.textContent ?? '' : ''))
      .join(' ')
      .trim(),
  );

const isFocused = (locator: Locator): Promise<boolean> =>
  locator.evaluate((element) => element === element.ownerDocument.activeElement);

describe('web app: the account page — password, sessions, API tokens', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("changes the password, showing the server's errors beside their field in the UI language", async () => {
    const user = await createUser(server, { displayName: 'Irina Sokolova' });
    const newPassword = 'a long and new password';
    // Another session, signed in with the old password: the change must end it.
    const elsewhere = await otherSession(server, user, FIREFOX_ON_WINDOWS);
    const wrong = { currentPassword: 'not the password', newPassword };
    const english = await passwordChangeError(server, elsewhere, wrong, 'en');
    const german = await passwordChangeError(server, elsewhere, wrong, 'de');
    expect(english.code).toBe('WRONG_PASSWORD');
    expect(german.message).not.toBe(english.message);
    const tooShort = await passwordChangeError(server, elsewhere, { currentPassword: user.password, newPassword: 'short' }, 'de');
    const tooShortGerman = tooShort.fields?.find((field) => field.field === 'newPassword')?.message;
    expect(tooShortGerman).toBeTruthy();

    const { page, close } = await openPage(browser, { baseURL: server.url, locale: 'en-US' });
    try {
      await openAccountPage(page, user);
      const form = page.getByTestId('password-section');
      const current = form.getByLabel('Current password', { exact: true });
      const fresh = form.getByLabel('New password', { exact: true });
      const repeat = form.getByLabel('New password again', { exact: true });

      // The repetition is checked here, before anything is sent.
      await current.fill('not the password');
      await fresh.fill(newPassword);
      await repeat.fill('a long and new passwort');
      await form.getByRole('button', { name: 'Change password' }).click();
      await eventually(async () => expect(await description(repeat)).toBe('This does not match the new password above.'));
      expect(await isFocused(repeat)).toBe(true);

      await repeat.fill(newPassword);
      await form.getByRole('button', { name: 'Change password' }).click();
      await eventually(async () => expect(await description(current)).toBe(english.message));
      expect(await current.getAttribute('aria-invalid')).toBe('true');
      expect(await isFocused(current)).toBe(true);
      expect(await current.inputValue()).toBe('');

      // In German the same mistake is told in German, and so is the server's rule for the new password.
      await page.getByLabel('Language').selectOption('de');
      await page.getByRole('heading', { level: 1, name: 'Konto' }).waitFor();
      const aktuell = form.getByLabel('Aktuelles Passwort', { exact: true });
      // The English message is gone rather than left standing in a German page.
      expect(await description(aktuell)).toBe('');
      const neu = form.getByLabel('Neues Passwort', { exact: true });
      const wiederholt = form.getByLabel('Neues Passwort wiederholen', { exact: true });
      await aktuell.fill('not the password');
      await form.getByRole('button', { name: 'Passwort ändern' }).click();
      await eventually(async () => expect(await description(aktuell)).toBe(german.message));

      await aktuell.fill(user.password);
      await neu.fill('short');
      await wiederholt.fill('short');
      await form.getByRole('button', { name: 'Passwort ändern' }).click();
      await eventually(async () => expect(await description(neu)).toContain(tooShortGerman));
      expect(await description(aktuell)).toBe('');

      await neu.fill(newPassword);
      await wiederholt.fill(newPassword);
      await form.getByRole('button', { name: 'Passwort ändern' }).click();
      const changed = form.getByTestId('password-changed');
      await changed.waitFor();
      expect(await changed.textContent()).toBe('Ihr Passwort wurde geändert. Beendete andere Sitzungen: 1.');
      expect(await aktuell.inputValue()).toBe('');

      // The old password is over, and so is the session signed in with it elsewhere; this one goes on.
      const oldPassword = await apiSignIn(server, user, 'jest');
      expect(oldPassword.status).toBe(401);
      expect(((await oldPassword.json()) as ErrorBody).error.code).toBe('INVALID_CREDENTIALS');
      expect((await apiSignIn(server, { email: user.email, password: newPassword }, 'jest')).status).toBe(200);
      expect(await meStatus(server, elsewhere)).toMatchObject({ status: 401, code: 'SESSION_ENDED' });
      expect(await meStatus(server, await pageToken(page))).toMatchObject({ status: 200, id: user.id });
    } finally {
      await close();
    }
  }, 30_000);

  it('lists the other sessions by browser and signs them out, one or all but this one', async () => {
    const user = await createUser(server);
    const firefox = await otherSession(server, user, FIREFOX_ON_WINDOWS);
    const iphone = await otherSession(server, user, SAFARI_ON_IPHONE);
    const script = await otherSession(server, user, 'curl/8.5.0');

    const { page, close } = await openPage(browser, { baseURL: server.url, locale: 'en-US' });
    try {
      await openAccountPage(page, user);
      const section = page.getByTestId('sessions-section');
      const rows = section.getByTestId('session');
      await eventually(async () => expect(await rows.count()).toBe(4));

      // This browser first, marked; the others named by browser and system, or as they named themselves.
      const here = rows.first();
      expect(await here.getAttribute('data-current')).toBe('true');
      await here.getByText('This device', { exact: true }).waitFor();
      expect(await here.getByRole('button').count()).toBe(0);
      const [thisBrowser, ...others] = await rows.locator('.account-item__name > span:first-child').allTextContents();
      expect(thisBrowser).toMatch(/^Chrome \d+( \(headless\))? on Linux$/);
      expect(others.sort()).toEqual(['Firefox 128 on Windows', 'Safari 17 on iOS', 'curl 8.5.0']);
      await here.getByText('just now').waitFor();

      await rows.filter({ hasText: 'Firefox 128 on Windows' }).getByRole('button', { name: 'Sign out' }).click();
      await section.getByTestId('sessions-outcome').filter({ hasText: 'Signed out: Firefox 128 on Windows.' }).waitFor();
      await eventually(async () => expect(await rows.count()).toBe(3));
      expect(await isFocused(section.getByRole('heading', { name: 'Where you are signed in' }))).toBe(true);
      expect(await meStatus(server, firefox)).toMatchObject({ status: 401, code: 'SESSION_ENDED' });
      expect(await meStatus(server, iphone)).toMatchObject({ status: 200 });

      await section.getByRole('button', { name: 'Sign out everywhere else' }).click();
      await section.getByTestId('sessions-outcome').filter({ hasText: 'Other sessions signed out: 2.' }).waitFor();
      await section.getByText('You are signed in here only.').waitFor();
      expect(await rows.count()).toBe(1);
      expect(await meStatus(server, iphone)).toMatchObject({ status: 401, code: 'SESSION_ENDED' });
      expect(await meStatus(server, script)).toMatchObject({ status: 401, code: 'SESSION_ENDED' });
      expect(await meStatus(server, await pageToken(page))).toMatchObject({ status: 200 });
      expect(new URL(page.url()).pathname).toBe('/account');
    } finally {
      await close();
    }
  }, 30_000);

  it('creates an API token, shows it once with a copy button, and revokes it after asking', async () => {
    const user = await createUser(server, { displayName: 'Ada Lovelace' });
    const { context, page, close } = await openPage(browser, { baseURL: server.url, locale: 'en-US' });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      await openAccountPage(page, user);
      const section = page.getByTestId('tokens-section');
      await section.getByTestId('tokens-empty').waitFor();

      const name = section.getByLabel('Name', { exact: true });
      await section.getByRole('button', { name: 'Create token' }).click();
      await eventually(async () => expect(await description(name)).toContain('Give the token a name.'));

      await name.fill('Nightly export');
      await section.getByLabel('Valid for (days)').fill('30');
      await section.getByRole('button', { name: 'Create token' }).click();
      const reveal = section.getByTestId('new-token');
      await reveal.getByText('Copy it now: you will not see it again.').waitFor();
      expect(await isFocused(reveal.getByRole('heading', { name: 'Your new token “Nightly export”' }))).toBe(true);
      const token = await reveal.getByTestId('new-token-value').inputValue();
      expect(token).toMatch(/^il_[\w-]{20,}$/);
      await page.screenshot({ path: SCREENSHOTS.wide, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: SCREENSHOTS.narrow, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 800 });

      await reveal.getByRole('button', { name: 'Copy' }).click();
      await reveal.getByText('Copied to the clipboard.').waitFor();
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);

      // The token is the user's key to the REST API.
      expect(await meStatus(server, token)).toEqual({ status: 200, id: user.id });
      const row = section.getByTestId('token').filter({ hasText: 'Nightly export' });
      await row.waitFor();
      expect(await row.textContent()).toContain(`${token.slice(0, 10)}…`);

      // Once put away, it is nowhere on the page, nor after a reload; the list says it has been used.
      await reveal.getByRole('button', { name: 'I have saved it' }).click();
      await reveal.waitFor({ state: 'detached' });
      expect(await page.content()).not.toContain(token);
      await page.reload();
      await row.getByText('just now').waitFor();
      expect(await page.content()).not.toContain(token);

      // Cancelling changes nothing; confirming revokes it.
      await row.getByRole('button', { name: 'Revoke', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Revoke the token “Nightly export”?' });
      await dialog.waitFor();
      expect(await isFocused(dialog.getByRole('button', { name: 'Cancel' }))).toBe(true);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await meStatus(server, token)).toMatchObject({ status: 200 });

      await row.getByRole('button', { name: 'Revoke', exact: true }).click();
      await dialog.getByRole('button', { name: 'Revoke token' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await section.getByTestId('tokens-outcome').filter({ hasText: 'The token “Nightly export” has been revoked.' }).waitFor();
      await section.getByTestId('tokens-empty').waitFor();
      expect(await isFocused(section.getByRole('heading', { name: 'API tokens' }))).toBe(true);
      expect(await meStatus(server, token)).toMatchObject({ status: 401 });
    } finally {
      await close();
    }
  }, 30_000);
});
