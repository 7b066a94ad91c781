import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { launchBrowser, openPage } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { createProject, createUser, login, startTestServer, type TestServer } from '../support/test-app.js';

const t = (text: string) => [{ type: 'text', text }];

async function signIn(page: Page, user: { email: string; password: string }, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the glossary page', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds an entry with proposed forms, finds it, and adds a report cluster as an entry', async () => {
    const owner = await createUser(server);
    const project = await createProject(server, owner.id, { sourceLanguage: 'ru', targetLanguages: ['en', 'de'] });
    const token = await login(server, owner);
    const api = (method: 'post' | 'put', path: string, body: object) =>
      request(server.url)[method](`/api/projects/${project.id}${path}`).set('Authorization', `Bearer ${token}`).send(body);
    await api('put', '/glossary/conventions/en', { scheme: 'hrl-modified' }).expect(200);
    const doc = await api('post', '/documents', { kind: 'chapter', titles: { ru: 'Глава', en: 'The Right' } });
    for (const [ru, en] of [
      ['Томский спорил.', 'Tomsky argued.'],
      ['Томский молчал.', 'Tomsy was silent.'],
      ['Томского не было.', 'Tomsy was away.'],
    ]) {
      await api('post', `/documents/${doc.body.id}/segments`, { kind: 'paragraph', variants: { ru: t(ru), en: t(en) } }).expect(201);
    }

    const { page, close } = await openPage(browser, { baseURL: server.url, viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, owner, `/projects/${project.slug}`);
      await page.getByTestId('open-glossary').click();
      await page.getByRole('heading', { level: 1, name: 'Glossary' }).waitFor();

      // A new entry: type the lemma, let the convention propose the forms, save.
      await page.getByTestId('glossary-new').click();
      const dialog = page.getByTestId('entry-dialog');
      await dialog.getByTestId('entry-lemma').fill('Раскольников');
      await dialog.getByTestId('propose-forms').click();
      await eventually(async () => expect(await dialog.getByTestId('forms-en').locator('input').first().inputValue()).toBe('Raskolnikov'));
      expect(await dialog.getByTestId('forms-de').locator('input').first().inputValue()).toBe('Raskolnikow');
      await dialog.getByTestId('entry-save').click();
      await page.getByTestId('glossary-row').filter({ hasText: 'Раскольников' }).waitFor();

      // Search and filter.
      await page.getByTestId('glossary-search').fill('Raskol');
      await page.getByTestId('glossary-count').filter({ hasText: 'Entries: 1' }).waitFor();
      await page.getByTestId('glossary-kind').selectOption('place');
      await page.getByTestId('glossary-count').filter({ hasText: 'Entries: 0' }).waitFor();

      // The report shows the real variants of Tomsky and adds the cluster as an entry with the chosen form.
      await page.getByTestId('tab-report').click();
      const cluster = page.getByTestId('cluster').filter({ hasText: 'Tomsky' });
      await cluster.waitFor();
      expect((await cluster.innerText()).replace(/\s+/g, ' ')).toContain('Tomsy 2 × / Tomsky 1 ×');
      await cluster.getByRole('combobox', { name: 'Preferred form' }).selectOption('Tomsky');
      await cluster.getByTestId('cluster-add').click();
      await cluster.getByText('In the glossary: Tomsky').waitFor();
      await cluster.getByRole('button', { name: /Places/ }).click();
      expect(await cluster.getByRole('link', { name: 'The Right' }).first().getAttribute('href')).toMatch(new RegExp(`^/projects/${project.slug}/documents/${doc.body.id}\\?segment=`));
      await page.screenshot({ path: '/tmp/interlinea-glossary-report.png' });

      await page.getByTestId('tab-entries').click();
      await page.getByTestId('glossary-search').fill('');
      await page.getByTestId('glossary-kind').selectOption('');
      const row = page.getByTestId('glossary-row').filter({ hasText: 'Томский' });
      await row.waitFor();
      expect(await row.innerText()).toContain('Tomski');
      await page.screenshot({ path: '/tmp/interlinea-glossary-entries.png' });

      // An entry's history: who made it, and how.
      await page.getByTestId('glossary-row').filter({ hasText: 'Раскольников' }).click();
      const history = page.getByTestId('entry-dialog').getByTestId('entry-history');
      await history.getByText('History').click();
      await history.getByText(/· created$/).waitFor();
    } finally {
      await close();
    }
  }, 90_000);
});

