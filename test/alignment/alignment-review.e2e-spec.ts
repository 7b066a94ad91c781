import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { launchBrowser, openPage } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { createProject, createUser, login, startTestServer, type TestServer } from '../support/test-app.js';

const fixtures = join(process.cwd(), 'libs/alignment/test/fixtures');
const SHOT = '/tmp/interlinea-15-alignment-review-1280.png';
const PROJECT_SHOT = '/tmp/interlinea-15-project-1280.png';

describe('reviewing an alignment in the web app', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('uploads a translation, shows the least sure pairs first, takes one-key actions and confirms', async () => {
    const owner = await createUser(server);
    const project = await createProject(server, owner.id);
    const token = await login(server, owner);
    const imported = await request(server.url)
      .post(`/api/projects/${project.id}/imports?language=en`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/octet-stream')
      .send(readFileSync(join(fixtures, 'chapter.en.md')));
    expect(imported.status).toBe(202);
    await eventually(async () => {
      const job = await request(server.url).get(`/api/projects/${project.id}/jobs/${imported.body.id}`).set('Authorization', `Bearer ${token}`);
      expect(job.body.status).toBe('succeeded');
    });

    const { page, close } = await openPage(browser, { baseURL: server.url, viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`/projects/${project.slug}`);
      await page.getByLabel('Email').fill(owner.email);
      await page.getByLabel('Password').fill(owner.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Owners see "Align a translation" beside the import once the edition has its source text.
      await page.getByRole('button', { name: 'Align a translation' }).waitFor();
      await page.screenshot({ path: PROJECT_SHOT });
      // The ordinary import refuses a translation that does not match, and offers to align it instead.
      await page.getByRole('button', { name: 'Import a book or translation' }).click();
      const importDialog = page.getByRole('dialog', { name: 'Import a book or translation' });
      await importDialog.getByLabel('File', { exact: true }).setInputFiles({ name: 'kapitel.md', mimeType: 'text/markdown', buffer: readFileSync(join(fixtures, 'chapter.de.md')) });
      await importDialog.getByLabel('Language of the file').selectOption('de');
      await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
      await importDialog.getByRole('button', { name: 'Align it instead' }).click();
      const dialog = page.getByRole('dialog', { name: 'Align a translation' });
      await dialog.getByLabel('File', { exact: true }).setInputFiles({ name: 'kapitel.md', mimeType: 'text/markdown', buffer: readFileSync(join(fixtures, 'chapter.de.md')) });
      await dialog.getByLabel('Language of the file').selectOption('de');
      await dialog.getByRole('button', { name: 'Align', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Review the alignment' }).waitFor();

      const beads = page.getByTestId('alignment-beads').getByRole('option');
      await eventually(async () => expect(await beads.count()).toBe(15));
      // Least sure first: the English sentence the translation left out, and its neighbour (which of
      // the two went missing is the one real doubt), head the list.
      const firstTwo = `${await beads.nth(0).textContent()} ${await beads.nth(1).textContent()}`;
      expect(firstTwo).toContain('Nobody spoke of a temporary retreat any longer.');
      expect(firstTwo).toContain('By the autumn of 1928');
      await expect(beads.first().getAttribute('aria-selected')).resolves.toBe('true');
      await page.screenshot({ path: SHOT, fullPage: false });

      // a: accept the selected pair; the selection moves on to the next one.
      await page.keyboard.press('a');
      await eventually(async () => expect(await beads.nth(1).getAttribute('aria-selected')).toBe('true'));
      await eventually(async () => expect(await beads.first().textContent()).toContain('reviewed'));

      await page.getByTestId('alignment-confirm').click();
      await page.getByTestId('alignment-confirmed').waitFor();
      const rows = (await server.app.get(DataSource).query(
        `SELECT v.status FROM variants v JOIN segments s ON s.id = v.segment_id JOIN documents d ON d.id = s.document_id
          WHERE d.project_id = $1 AND v.language = 'de'`,
        [project.id],
      )) as { status: string }[];
      expect(rows).toHaveLength(9);
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['draft']));
    } finally {
      await close();
    }
  });
});
