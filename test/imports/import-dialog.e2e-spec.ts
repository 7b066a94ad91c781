import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildManuscript } from '../../libs/book-import/test/docx-manuscript.js';
import { launchBrowser, openPage } from '../support/browser.js';
import { createProject, createUser, startTestServer, type TestServer } from '../support/test-app.js';

const fixture = (name: string): Buffer => readFileSync(path.resolve(process.cwd(), 'libs/book-import/test/fixtures/renderings', name));

/** The import dialog in the browser: the rendering and encoding selects, and what the report says about them. */
describe('web app: importing a saved web page and a Word manuscript', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page, user: { email: string; password: string }, to: string, words = { email: 'Email', password: 'Password', submit: 'Sign in' }): Promise<void> {
    await page.goto(to);
    await page.getByLabel(words.email).fill(user.email);
    await page.getByLabel(words.password).fill(user.password);
    await page.getByRole('button', { name: words.submit }).click();
  }

  async function upload(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, rendering?: string): Promise<void> {
    await page.getByRole('button', { name: 'Import a book or translation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a book or translation' });
    await dialog.getByLabel('File', { exact: true }).setInputFiles(file);
    if (rendering) await dialog.getByLabel('Kind of file').selectOption(rendering);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.locator('[data-testid="import-progress"][data-status="succeeded"]').waitFor();
  }

  it('shows the rendering it detected, why, and the lines it left out', async () => {
    const owner = await createUser(server);
    const project = await createProject(server, owner.id, { title: 'The Harvest Year', sourceLanguage: 'en', targetLanguages: ['ru', 'de'] });
    const { page, close } = await openPage(browser, { baseURL: server.url, viewport: { width: 1280, height: 1000 } });
    try {
      await signIn(page, owner, `/projects/${project.slug}`);
      await page.getByRole('heading', { level: 1, name: project.title }).waitFor();
      const dialog = page.getByRole('dialog', { name: 'Import a book or translation' });
      await page.getByRole('button', { name: 'Import a book or translation' }).click();
      // The choices: detection first, then every rendering and every encoding.
      expect(await dialog.getByLabel('Kind of file').locator('option').allTextContents()).toEqual([
        'Detect automatically',
        'Markdown (converted from PDF)',
        'Plain text, one paragraph per line',
        'Web page saved as text',
        'Web essay with flattened lists',
        'Interlinea Markdown export',
        'Word document (.docx)',
      ]);
      expect(await dialog.getByLabel('Text encoding').locator('option').count()).toBe(9);
      await page.screenshot({ path: '/tmp/interlinea-import-choices.png' });
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      await upload(page, { name: 'harvest-year.txt', mimeType: 'text/plain', buffer: fixture('web-page-en.txt') });
      const report = page.getByTestId('report-rendering');
      expect(await report.getAttribute('data-rendering')).toBe('web-page');
      expect(await page.getByTestId('report-rendering-name').textContent()).toBe('Web page saved as text');
      await report.getByText('detected · 5 interface lines, 3 page markers, a source address').waitFor();
      await report.getByText('Page markers: 3, page changes: 2').waitFor();
      const dropped = page.getByTestId('report-dropped');
      await dropped.getByText('Lines left out: 7').waitFor();
      expect(await dropped.locator('li').count()).toBe(7);
      await dropped.getByText('Show Less').waitFor();
      expect(await dropped.locator('li').nth(4).textContent()).toContain('repeated title');
      await page.getByTestId('report-rendering').scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/interlinea-import-web-page.png' });
    } finally {
      await close();
    }
  });

  it('lists the run-in headings of a flattened essay as guesses', async () => {
    const owner = await createUser(server);
    const project = await createProject(server, owner.id, { title: 'Хлебный вопрос', sourceLanguage: 'ru', targetLanguages: ['en', 'de'] });
    const { page, close } = await openPage(browser, { baseURL: server.url, viewport: { width: 1280, height: 1000 } });
    try {
      await signIn(page, owner, `/projects/${project.slug}`);
      await page.getByRole('heading', { level: 1, name: project.title }).waitFor();
      await upload(page, { name: 'hlebnyj-vopros.txt', mimeType: 'text/plain', buffer: fixture('flattened-essay-ru.txt') });
      expect(await page.getByTestId('report-rendering-name').textContent()).toBe('Web essay with flattened lists');
      const guesses = page.getByTestId('report-guesses');
      await guesses.getByText('Headings found inside the text: 3').waitFor();
      expect(await guesses.locator('li').allTextContents()).toEqual(['Line 6: Урожай 1931 года (Зерно и нормы)', 'Line 6: Деревенская беда', 'Line 9: УЕЗД ОТВЕЧАЕТ']);
      await page.getByTestId('report-dropped').getByText('https://essays.example.org/hlebnyj-vopros').waitFor();
      await guesses.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/interlinea-import-essay.png' });
    } finally {
      await close();
    }
  });

  it('imports a Word manuscript chosen as such, with its notes linked', async () => {
    const owner = await createUser(server);
    const project = await createProject(server, owner.id, { title: 'Letters from the River Districts' });
    const { page, close } = await openPage(browser, { baseURL: server.url, locale: 'de-DE', viewport: { width: 390, height: 844 } });
    try {
      await signIn(page, owner, `/projects/${project.slug}`, { email: 'E-Mail-Adresse', password: 'Passwort', submit: 'Anmelden' });
      await page.getByRole('heading', { level: 1, name: project.title }).waitFor();
      await page.getByRole('button', { name: 'Buch oder Übersetzung importieren' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Datei', { exact: true }).setInputFiles({
        name: 'letters.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: await buildManuscript(),
      });
      await dialog.getByLabel('Art der Datei').selectOption('docx');
      await dialog.getByRole('button', { name: 'Importieren', exact: true }).click();
      await dialog.locator('[data-testid="import-progress"][data-status="succeeded"]').waitFor();
      expect(await page.getByTestId('report-rendering-name').textContent()).toBe('Word-Dokument (.docx)');
      expect(await page.getByTestId('report-footnotes-linked').locator('dd').textContent()).toBe('14');
      await page.getByTestId('report-rendering').getByText('Ihre Wahl, wie erkannt · Word-Paket').waitFor();
      expect(await page.getByTestId('report-encoding').count()).toBe(0);
      await page.screenshot({ path: '/tmp/interlinea-import-docx-narrow.png', fullPage: true });

      // The Russian paragraph of the English manuscript: its language is shown, and the Russian column
      // shows it as the original text rather than as untranslated.
      await dialog.getByRole('button', { name: 'Schließen' }).last().click();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByTestId('document-row').getByRole('link', { name: /^1\. The Ferry/ }).click();
      // The chapter opens in the editor; its review view shows every row as the rows have it.
      await page.getByTestId('open-review').click();
      const row = page.getByTestId('reader').getByTestId('segment-row').filter({ hasText: 'Переправа работала' });
      await row.first().waitFor();
      const source = row.first().locator('[data-testid="variant-cell"][data-language="en"]');
      expect(await source.getByTestId('segment-language').textContent()).toBe('auf Russisch');
      expect(await source.locator('p[lang="ru"]').count()).toBe(1);
      const russian = row.first().locator('[data-testid="variant-cell"][data-language="ru"]');
      expect(await russian.getAttribute('data-status')).toBe('original');
      expect(await russian.getByTestId('status-badge').textContent()).toContain('Originaltext');
      expect(await russian.textContent()).toContain('Переправа работала до самого ледостава');
      // An English paragraph stays untranslated in the Russian column.
      const english = page.getByTestId('reader').getByTestId('segment-row').filter({ hasText: 'The ferryman kept a ledger' }).first();
      expect(await english.locator('[data-testid="variant-cell"][data-language="ru"]').getAttribute('data-status')).toBe('untranslated');
      await row.first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/interlinea-reader-own-language.png' });
    } finally {
      await close();
    }
  });
});
