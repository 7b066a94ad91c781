import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jest } from '@jest/globals';
import { ImportsService } from '../../apps/api/src/imports/imports.service.js';
import { ProjectsService } from '../../apps/api/src/projects/projects.service.js';
import { cli } from '../support/cli.js';
import { createProject, createUser, startTestServer, type TestServer } from '../support/test-app.js';

jest.setTimeout(120_000);

const BOOK = `# 1. Die Fähre

Der Fährmann führte über jede Überfahrt Buch.[^1]

[^1]: Regionalarchiv, Fonds 7.
`;
const RUSSIAN = `# 1. Паром

Паромщик вёл журнал каждой переправы.[^1]

[^1]: Областной архив, фонд 7.
`;

describe('npm run cli -- export', () => {
  let server: TestServer;
  let slug: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'il-cli-export-'));

  beforeAll(async () => {
    server = await startTestServer();
    const owner = await createUser(server);
    const project = await createProject(server, owner.id, { sourceLanguage: 'de', targetLanguages: ['ru'] });
    slug = project.slug;
    const access = await server.app.get(ProjectsService).access({ id: owner.id, email: owner.email, displayName: 'o', isAdmin: true, locale: 'en', via: 'api-token' }, slug);
    await server.app.get(ImportsService).importBook(access, null, Buffer.from(BOOK), 'de');
    await server.app.get(ImportsService).importBook(access, null, Buffer.from(RUSSIAN), 'ru');
  });
  afterAll(() => server.close());

  it('writes a bilingual PDF and reports what a final edition left out', async () => {
    const out = path.join(dir, 'book.pdf');
    const result = await cli(['export', '--project', slug, '--format', 'pdf', '--langs', 'de,ru', '--layout', 'columns', '--final', '--out', out, '--json']);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as { pages: number; missingCount: number; final: boolean; path: string };
    expect(data).toMatchObject({ final: true, path: out });
    expect(data.missingCount).toBe(3); // the Russian heading, paragraph and note are translated, not approved
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const text = await cli(['export', '--project', slug, '--format', 'html', '--langs', 'de,ru', '--final', '--out', path.join(dir, 'book.html')]);
    expect(text.stdout).toMatch(/Wrote .*book\.html/);
    expect(text.stdout).toContain('3 texts are not approved and were left out:');
  });

  it('refuses an incomplete final edition with --strict, and names what is wrong', async () => {
    const strict = await cli(['export', '--project', slug, '--format', 'docx', '--langs', 'de,ru', '--final', '--strict', '--out', path.join(dir, 'x.docx'), '--json']);
    expect(strict.code).not.toBe(0);
    expect(JSON.parse(strict.stdout).error.code).toBe('EDITION_INCOMPLETE');
    const noOut = await cli(['export', '--project', slug, '--format', 'epub', '--langs', 'ru', '--json']);
    expect(JSON.parse(noOut.stdout).error.code).toBe('CLI_USAGE');
    const wrong = await cli(['export', '--project', slug, '--format', 'epub', '--langs', 'de,ru', '--out', path.join(dir, 'x.epub'), '--json']);
    expect(JSON.parse(wrong.stdout).error.code).toBe('EXPORT_LANGUAGES');
  });

  it('keeps Markdown of one language on stdout with --lang', async () => {
    const result = await cli(['export', '--project', slug, '--lang', 'ru']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Паромщик вёл журнал каждой переправы.[^1]');
  });
});
