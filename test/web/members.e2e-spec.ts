import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { launchBrowser, openPage } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { createUser, login, startTestServer, type TestServer } from '../support/test-app.js';
import { ARTIFACTS } from './editor-support.js';

describe('web: editions and members in the UI', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an owner creates an edition, invites a member with a role and languages, changes and removes them; members see the list', async () => {
    const owner = await createUser(server, { displayName: 'Olga Owner' });
    const translator = await createUser(server, { displayName: 'Tanja Translator' });
    const { page, close } = await openPage(browser, { baseURL: server.url });
    try {
      await page.goto('/projects');
      await page.getByLabel('Email').fill(owner.email);
      await page.getByLabel('Password').fill(owner.password);
      await page.getByRole('button', { name: 'Sign in' }).click();

      await page.getByTestId('new-project').getByText('New edition').click();
      await page.getByLabel('Title').fill('Letters from the Provinces');
      expect(await page.getByLabel('Short name').inputValue()).toBe('letters-from-the-provinces');
      await page.getByLabel('Source language').selectOption('ru');
      await page.getByRole('button', { name: 'Create edition' }).click();
      await page.getByRole('heading', { level: 1, name: 'Letters from the Provinces' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/projects/letters-from-the-provinces');

      const members = page.getByTestId('members');
      await members.getByTestId('member').filter({ hasText: 'Olga Owner' }).waitFor();
      await members.getByText('Invite a member').click();
      await members.getByLabel('Email').fill(translator.email);
      await members.getByTestId('member-role-select').selectOption('translator');
      await members.getByRole('checkbox', { name: 'German' }).uncheck();
      await members.getByRole('button', { name: 'Add member' }).click();
      const row = members.getByTestId('member').filter({ hasText: 'Tanja Translator' });
      await row.waitFor();
      expect(await row.getByTestId('member-role').textContent()).toBe('Translator');
      expect(await row.getByTestId('member-languages').textContent()).toBe('English');

      // An unknown address without a first password: the server's words, nothing added.
      await members.getByLabel('Email').fill('nobody@test.interlinea');
      await members.getByRole('button', { name: 'Add member' }).click();
      await members.getByRole('alert').or(members.locator('.alert')).first().waitFor();
      expect(await members.getByTestId('member').count()).toBe(2);

      await row.getByRole('button', { name: 'Change' }).click();
      await row.getByTestId('member-role-select').selectOption('reviewer');
      await row.getByRole('button', { name: 'Save' }).click();
      await eventually(async () => expect(await row.getByTestId('member-role').textContent()).toBe('Reviewer'));
      await page.screenshot({ path: join(ARTIFACTS, 'edition-members.png'), fullPage: true });

      // The member sees who else works on it, and no way to change it.
      const token = await login(server, translator);
      const listed = await request(server.url).get('/api/projects/letters-from-the-provinces/members').set('Authorization', `Bearer ${token}`);
      expect((listed.body as { role: string; email: string }[]).find((m) => m.email === translator.email)?.role).toBe('reviewer');

      await row.getByRole('button', { name: 'Remove' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
      await eventually(async () => expect(await members.getByTestId('member').count()).toBe(1));
      const after = await request(server.url).get('/api/projects/letters-from-the-provinces').set('Authorization', `Bearer ${token}`);
      expect(after.status).toBe(404);
    } finally {
      await close();
    }
  }, 60_000);
});
