import type { Browser, Page } from 'playwright-core';
import { ImportsService } from '../../apps/api/src/imports/imports.service.js';
import { ProjectsService } from '../../apps/api/src/projects/projects.service.js';
import { launchBrowser, openPage } from '../support/browser.js';
import { createProject, createUser, startTestServer, type TestServer } from '../support/test-app.js';

const SHOTS = { form: '/tmp/interlinea-export-dialog.png', done: '/tmp/interlinea-export-done.png', narrow: '/tmp/interlinea-export-narrow.png' };

const ENGLISH = `# 1. The Ferry at Dawn

The ferryman of *Ust-Kulom* kept a ledger of every crossing.[^1]

> "Water does not wait for the clerk," he wrote.

[^1]: Regional archive, fond 7, file 31.
`;
const RUSSIAN = `# 1. Паром на рассвете

Паромщик из *Усть-Кулома* вёл журнал каждой переправы.[^1]

> «Вода не ждёт писаря», — писал он.

[^1]: Областной архив, фонд 7, дело 31.
`;

async function signIn(page: Page, user: { email: string; password: string }, path: string): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('web app: the export dialog', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('exports a final bilingual PDF with a progress bar, lists what is missing, and downloads it', async () => {
    const owner = await createUser(server);
    const project = await createProject(server, owner.id, { title: 'River Towns', sourceLanguage: 'en', targetLanguages: ['ru', 'de'] });
    const access = await server.app.get(ProjectsService).access({ id: owner.id, email: owner.email, displayName: 'o', isAdmin: false, locale: 'en', via: 'api-token' }, project.slug);
    await server.app.get(ImportsService).importBook(access, null, Buffer.from(ENGLISH), 'en');
    await server.app.get(ImportsService).importBook(access, null, Buffer.from(RUSSIAN), 'ru');

    const { page, close } = await openPage(browser, { baseURL: server.url, viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, owner, `/projects/${project.slug}`);
      await page.getByTestId('export-open').click();
      const dialog = page.getByRole('dialog', { name: 'Export an edition' });
      await dialog.waitFor();
      await dialog.getByLabel('Format').selectOption('pdf');
      await dialog.getByLabel('First language (left)').selectOption('en');
      await dialog.getByLabel('Second language (right)').selectOption('ru');
      await dialog.getByLabel(/Side-by-side columns/).check();
      await dialog.getByLabel(/^Final/).check();
      await page.screenshot({ path: SHOTS.form });
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
      expect(download.suggestedFilename()).toBe(`${project.slug}.en-ru.columns.pdf`);
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
      const bar = dialog.getByRole('progressbar', { name: 'Export progress' });
      expect(await bar.getAttribute('aria-valuenow')).toBe('100');
      const missing = dialog.getByTestId('export-missing');
      await missing.getByText('4 texts are not approved and were left out:').waitFor();
      expect(await missing.locator('li').count()).toBe(4);
      await page.screenshot({ path: SHOTS.done });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: SHOTS.narrow });
    } finally {
      await close();
    }
  }, 90_000);
});
