import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { createProject, createUser, login, startTestServer, type TestServer } from '../support/test-app.js';

const SHOTS = {
  project: '/tmp/interlinea-project-1280.png',
  projectNarrow: '/tmp/interlinea-project-narrow.png',
  report: '/tmp/interlinea-import-report-1280.png',
  reportNarrow: '/tmp/interlinea-import-report-narrow.png',
  reader: '/tmp/interlinea-reader-1280.png',
  readerNarrow: '/tmp/interlinea-reader-narrow.png',
};
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 390, height: 844 };

/** A small English book: one chapter with a sub-heading, italics, bold, a quotation and two notes. */
const ENGLISH_BOOK = `# 1. The Reading Room

The reading room of the district archive opened at nine.[^1] Readers queued on the stairs with their *propusk* in hand.

## Queues on the Stairs

By noon the queue reached the street, and the clerk read out the **bound** volumes of *Gosplan* reports by name.[^2]

> No document leaves this room.

[^1]: On the opening hours, see the archive's rules of 1929.
[^2]: The volumes were rebound in 1956, and the old covers are lost.
`;

/** The same structure in German: a translation the edition can match paragraph for paragraph. */
const GERMAN_BOOK = `# 1. Der Lesesaal

Der Lesesaal des Bezirksarchivs öffnete um neun.[^1] Die Leser standen mit ihrem *Propusk* in der Hand auf der Treppe.

## Schlangen auf der Treppe

Gegen Mittag reichte die Schlange bis auf die Straße, und der Schreiber las die **gebundenen** Bände der *Gosplan*-Berichte einzeln vor.[^2]

> Kein Dokument verlässt diesen Raum.

[^1]: Zu den Öffnungszeiten siehe die Archivordnung von 1929.
[^2]: Die Bände wurden 1956 neu gebunden; die alten Einbände sind verloren.
`;

async function signIn(page: Page, user: { email: string; password: string }, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens the import dialog, uploads `text` as `language`, and waits until the job has finished. */
async function importBook(page: Page, text: string, filename: string, language: string): Promise<void> {
  await page.getByRole('button', { name: 'Import a book or translation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a book or translation' });
  await dialog.waitFor();
  await dialog.getByLabel('File', { exact: true }).setInputFiles({
    name: filename,
    mimeType: 'text/markdown',
    buffer: Buffer.from(text, 'utf8'),
  });
  await dialog.getByLabel('Language of the file').selectOption(language);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.locator('[data-testid="import-progress"][data-status="succeeded"]').waitFor();
}

const figure = (page: Page, testId: string) =>
  page.getByTestId(testId).locator('dd');

describe('web app: an edition — project page, import with progress, parallel reader', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports a book and its German translation and reads them side by side', async () => {
    const owner = await createUser(server, { displayName: 'Anna Gerasimova' });
    const project = await createProject(server, owner.id, {
      title: 'The Archive and the Street',
      sourceLanguage: 'en',
      targetLanguages: ['ru', 'de'],
    });

    const { page, close } = await openPage(browser, { baseURL: server.url, locale: 'en-US', viewport: WIDE });
    try {
      // The project list links to the project page.
      await signIn(page, owner, '/projects');
      await page.getByTestId('project-list').getByRole('link', { name: project.title }).click();
      await page.getByRole('heading', { level: 1, name: project.title }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/projects/${project.slug}`);
      expect(await page.getByTestId('project-role').textContent()).toBe('Owner');
      await page.getByTestId('documents-empty').waitFor();

      await importBook(page, ENGLISH_BOOK, 'archive.en.md', 'en');
      const dialog = page.getByRole('dialog');
      const bar = dialog.getByRole('progressbar', { name: 'Import progress' });
      expect(await bar.getAttribute('aria-valuenow')).toBe(await bar.getAttribute('aria-valuemax'));
      await dialog.getByText('Import complete').waitFor();
      const report = dialog.getByTestId('import-report');
      await report.getByRole('heading', { name: 'Report: source text in English' }).waitFor();
      expect(await figure(page, 'report-documents').textContent()).toBe('1');
      expect(await figure(page, 'report-footnote-references').textContent()).toBe('2');
      expect(await figure(page, 'report-footnote-bodies').textContent()).toBe('2');
      expect(await figure(page, 'report-footnotes-linked').textContent()).toBe('2');
      expect(await figure(page, 'report-encoding').textContent()).toBe('UTF-8');
      expect(await report.getByTestId('report-unresolved').count()).toBe(0);
      await page.screenshot({ path: SHOTS.report });
      await page.setViewportSize(NARROW);
      await page.screenshot({ path: SHOTS.reportNarrow });
      await page.setViewportSize(WIDE);
      await dialog.getByRole('button', { name: 'Close' }).last().click();
      await dialog.waitFor({ state: 'hidden' });

      // The document list refreshed after the import (it reloads again when the dialog closes).
      const row = page.getByTestId('document-row');
      await eventually(async () => {
        expect(await row.filter({ hasText: 'The Reading Room' }).count()).toBe(1);
        expect(await row.count()).toBe(1);
        expect(await row.getByText('Chapter', { exact: true }).count()).toBe(1);
        expect(await row.getByText('Notes: 2').count()).toBe(1);
      });
      await page.getByTestId('export-menu').waitFor();
      await page.screenshot({ path: SHOTS.project, fullPage: true });
      await page.setViewportSize(NARROW);
      await page.screenshot({ path: SHOTS.projectNarrow, fullPage: true });
      await page.setViewportSize(WIDE);

      // The chapter: the source column with its italics and a footnote reference that opens the note.
      await row.getByRole('link', { name: /The Reading Room/ }).click();
      await page.getByRole('heading', { level: 1, name: /The Reading Room/ }).waitFor();
      const reader = page.getByTestId('reader');
      const firstParagraph = reader.getByTestId('segment-row').filter({ hasText: 'opened at nine' });
      const source = firstParagraph.locator('[data-testid="variant-cell"][data-language="en"]');
      await source.locator('em', { hasText: 'propusk' }).waitFor();
      expect(await source.locator('[data-testid="cell-editor"][lang="en"]').count()).toBe(1);
      await reader.locator('strong', { hasText: 'bound' }).waitFor();
      await reader.locator('[data-testid="segment-row"][data-kind="heading"]', { hasText: 'Queues on the Stairs' }).waitFor();
      await reader.locator('[data-testid="segment-row"][data-kind="blockQuote"]', { hasText: 'No document leaves this room.' }).waitFor();
      // Russian and German are not there yet: empty cells that say so.
      const russian = firstParagraph.locator('[data-testid="variant-cell"][data-language="ru"]');
      expect(await russian.getAttribute('data-status')).toBe('untranslated');
      expect(await russian.getByTestId('status-badge').textContent()).toBe('Status: Untranslated');

      const ref = source.getByRole('button', { name: 'Note 1', exact: true });
      expect(await ref.getAttribute('data-label')).toBe('1');
      await ref.click();
      const notePanel = page.getByTestId('note-panel');
      await notePanel.getByRole('heading', { name: 'Note 1' }).waitFor();
      await notePanel.locator('[data-testid="note-body"][data-language="en"]', { hasText: "the archive's rules of 1929" }).waitFor();
      await page.waitForFunction(`document.activeElement === document.getElementById('note-panel-title')`);

      // Now the German translation, imported from the project page.
      await page.getByRole('navigation', { name: 'You are here' }).getByRole('link', { name: project.title }).click();
      await importBook(page, GERMAN_BOOK, 'archive.de.md', 'de');
      await page.getByTestId('import-report').getByRole('heading', { name: 'Report: translation into German' }).waitFor();
      expect(await figure(page, 'report-footnote-references').textContent()).toBe('2');
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();

      // Export: one Markdown file per language, through the same authorised API client.
      await page.getByTestId('export-menu').getByText('Export Markdown').click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-menu').getByRole('button', { name: 'German' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.md$/);
      const exported = await download.createReadStream();
      let markdown = '';
      for await (const chunk of exported) markdown += String(chunk);
      expect(markdown).toContain('Der Lesesaal');

      await page.getByTestId('document-row').getByRole('link', { name: /The Reading Room/ }).click();
      const germanCell = page
        .getByTestId('segment-row')
        .filter({ hasText: 'opened at nine' })
        .locator('[data-testid="variant-cell"][data-language="de"]');
      await germanCell.locator('em', { hasText: 'Propusk' }).waitFor();
      await eventually(async () => expect(await germanCell.getAttribute('data-status')).toBe('translated'));
      expect(await germanCell.getByTestId('status-badge').textContent()).toBe('Status: Translated');
      expect(await germanCell.locator('[data-testid="cell-editor"][lang="de"]').count()).toBe(1);
      const germanCells = page.locator('[data-testid="reader"] [data-testid="variant-cell"][data-language="de"]');
      await eventually(async () => {
        const statuses = await germanCells.evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-status')));
        expect(statuses.length).toBe(5);
        expect(new Set(statuses)).toEqual(new Set(['translated']));
      });
      // The German column's notes use the German text.
      await germanCell.getByRole('button', { name: 'Note 1', exact: true }).click();
      await page.getByTestId('note-panel').locator('[data-testid="note-cell"][data-language="de"]', { hasText: 'Archivordnung von 1929' }).waitFor();
      await page.screenshot({ path: SHOTS.reader, fullPage: true });

      // Columns can be hidden, and the choice is remembered.
      await page.getByTestId('column-picker').getByLabel('Russian').uncheck();
      expect(await page.locator('[data-testid="variant-cell"][data-language="ru"]').count()).toBe(0);
      await page.reload();
      await germanCell.waitFor();
      expect(await page.locator('[data-testid="variant-cell"][data-language="ru"]').count()).toBe(0);

      await page.setViewportSize(NARROW);
      await page.screenshot({ path: SHOTS.readerNarrow, fullPage: true });

      // The interface follows the UI language; the book text keeps its own.
      await page.setViewportSize({ width: 900, height: 900 });
      await page.getByLabel('Language').selectOption('ru');
      await germanCell.getByTestId('status-badge').filter({ hasText: 'Статус: Переведено' }).waitFor();
      await page.getByTestId('notes-toggle').filter({ hasText: 'Примечания: 2' }).waitFor();
      await page.screenshot({ path: '/tmp/interlinea-reader-ru-900.png', fullPage: true });
    } finally {
      await close();
    }
  }, 60_000);

  it('does not offer imports (or exports) to a viewer', async () => {
    const owner = await createUser(server);
    const viewer = await createUser(server, { displayName: 'Viktor Reader' });
    const project = await createProject(server, owner.id, { sourceLanguage: 'en', targetLanguages: ['de'] });
    const token = await login(server, owner);
    const added = await fetch(`${server.url}/api/projects/${project.id}/members`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ email: viewer.email, role: 'viewer' }),
    });
    expect(added.status).toBe(201);
    const imported = await fetch(`${server.url}/api/projects/${project.id}/imports?language=en&filename=book.md`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${token}` },
      body: ENGLISH_BOOK,
    });
    expect(imported.status).toBe(202);
    const job = (await imported.json()) as { id: string };
    await eventually(async () => {
      const res = await fetch(`${server.url}/api/projects/${project.id}/jobs/${job.id}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as { status: string };
      expect(body.status).toBe('succeeded');
    });

    const { page, close } = await openPage(browser, { baseURL: server.url, locale: 'en-US', viewport: WIDE });
    try {
      await signIn(page, viewer, `/projects/${project.slug}`);
      await page.getByRole('heading', { level: 1, name: project.title }).waitFor();
      await page.getByTestId('project-role').filter({ hasText: 'Viewer' }).waitFor();
      // Rendered together with the role: once the heading is there, a missing button is really missing.
      expect(await page.getByRole('button', { name: 'Import a book or translation' }).count()).toBe(0);
      expect(await page.getByTestId('export-menu').count()).toBe(0);
      // The viewer still reads the edition's chapters.
      await page.getByTestId('document-row').filter({ hasText: 'The Reading Room' }).waitFor();
    } finally {
      await close();
    }
  }, 30_000);

  it('reports notes without references (and the reverse) and shows a long chapter as a virtual list', async () => {
    const owner = await createUser(server);
    const project = await createProject(server, owner.id, { sourceLanguage: 'en', targetLanguages: ['de'] });
    const paragraphs = Array.from(
      { length: 259 },
      (_, i) => `Entry ${i + 1} of the visitors' register names another reader from the district.`,
    );
    const book = [
      '# 1. A Short Preface',
      'The preface refers to a note that the file never gives.[^9]',
      '[^8]: A note that nothing refers to.',
      '# 2. The Register',
      ...paragraphs,
      // Lines kept as printed: the OCR text of a pictured document, with its caption.
      'ПРИКАЗ ПО АРХИВУ № 12\nВыдача документов читателям прекращается в шесть часов вечера.',
      '*The archive order of 1931, as pinned by the door.*',
      'The last entry ends the register.[^1]',
      '[^1]: The register ends in December 1932.',
    ].join('\n\n');

    const { page, close } = await openPage(browser, { baseURL: server.url, locale: 'en-US', viewport: WIDE });
    try {
      await signIn(page, owner, `/projects/${project.slug}`);
      await page.getByRole('heading', { level: 1, name: project.title }).waitFor();

      // A translation before there is a source text fails, with the server's own message.
      await page.getByRole('button', { name: 'Import a book or translation' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('File', { exact: true }).setInputFiles({
        name: 'early.de.md',
        mimeType: 'text/markdown',
        buffer: Buffer.from('# 1. Das Register\n\nEin Absatz.\n'),
      });
      await dialog.getByLabel('Language of the file').selectOption('de');
      await dialog.getByRole('button', { name: 'Import', exact: true }).click();
      const failure = dialog.getByTestId('import-error');
      await failure.getByText('The import failed; nothing was changed.').waitFor();
      expect((await failure.textContent())?.length).toBeGreaterThan('The import failed; nothing was changed.'.length);
      await page.screenshot({ path: '/tmp/interlinea-import-failed.png' });
      await dialog.getByRole('button', { name: 'Close' }).last().click();
      await dialog.waitFor({ state: 'hidden' });

      await importBook(page, book, 'register.md', 'en');
      const report = page.getByTestId('import-report');
      expect(await report.getByTestId('report-unresolved').getByRole('listitem').allTextContents()).toEqual([
        '1. A Short Preface, note 9',
      ]);
      expect(await report.getByTestId('report-orphans').getByRole('listitem').allTextContents()).toEqual([
        '1. A Short Preface, note 8',
      ]);
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();

      await page.getByTestId('document-row').getByRole('link', { name: '2. The Register' }).click();
      const rows = page.getByTestId('reader').getByTestId('segment-row');
      // 263 segments, but only the rows in view (and a few more) are in the page: a virtual list.
      await rows.first().waitFor();
      expect(await page.getByTestId('reader').getAttribute('aria-rowcount')).toBe('264');
      expect(await rows.count()).toBeLessThan(60);
      // Scrolling to the end brings the last rows in.
      const scroller = page.getByTestId('editor-scroll');
      await eventually(async () => {
        await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
        await rows.filter({ hasText: 'The last entry ends the register.' }).waitFor({ timeout: 500 });
      });
      // A Russian facsimile in the English book: marked as OCR text, in its own language.
      const figureRow = rows.filter({ hasText: 'ПРИКАЗ ПО АРХИВУ' });
      expect(await figureRow.getAttribute('data-kind')).toBe('figure');
      const figureCell = figureRow.locator('[data-testid="variant-cell"][data-language="en"]');
      await figureCell.getByText('Figure · OCR text').waitFor();
      await figureCell.locator('[lang="ru"]', { hasText: 'ПРИКАЗ ПО АРХИВУ' }).waitFor();
      expect(await rows.filter({ hasText: 'The archive order of 1931' }).getAttribute('data-kind')).toBe('caption');
      await figureRow.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/interlinea-reader-figure.png' });
    } finally {
      await close();
    }
  }, 60_000);
});
