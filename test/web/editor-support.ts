import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { openPage } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import type { ApiServer, Chapter, Member } from '../collaboration/collab-support.js';

/** Screenshots of the editor, kept as test artifacts (gitignored; docs/editor.md says what to look for). */
export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
mkdirSync(ARTIFACTS, { recursive: true });

export interface EditorPage {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * A browser context signed in as `member` (the session put where the app keeps it, as signing in
 * would), on the chapter's page, once its cells are editable or read-only as they will stay.
 */
export async function openChapter(
  browser: Browser,
  server: ApiServer,
  member: Pick<Member, 'email' | 'password'>,
  chapter: Pick<Chapter, 'projectId' | 'documentId'>,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<EditorPage> {
  const login = await request(server.url).post('/api/auth/login').send({ email: member.email, password: member.password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const { user: _user, ...grant } = login.body as Record<string, unknown>;
  const opened = await openPage(browser, { baseURL: server.url, locale: options.locale ?? 'en-US', viewport: options.viewport ?? { width: 1440, height: 900 } });
  // Once per context: a reload keeps whatever the app has made of the session since.
  const session = JSON.stringify(JSON.stringify(grant));
  await opened.context.addInitScript(`if (!localStorage.getItem('interlinea.session')) localStorage.setItem('interlinea.session', ${session});`);
  await opened.page.goto(chapterPath(chapter));
  await waitForEditor(opened.page);
  return opened;
}

export const chapterPath = (chapter: Pick<Chapter, 'projectId' | 'documentId'>) => `/projects/${chapter.projectId}/documents/${chapter.documentId}`;

export async function waitForEditor(page: Page): Promise<void> {
  await page.getByTestId('chapter-editor').waitFor();
  await page.locator('[data-testid="cell-editor"]').first().waitFor();
}

export async function waitSaved(page: Page, timeout = 10_000): Promise<void> {
  await page.locator('[data-testid="connection"][data-status="connected"][data-saved="saved"]').waitFor({ timeout });
}

/** The editor of one segment in one language. */
export const cell = (page: Page, segmentId: string, language: string): Locator =>
  page.locator(`[data-testid="segment-row"][data-segment-id="${segmentId}"] [data-testid="variant-cell"][data-language="${language}"] [data-testid="cell-editor"]`);

/** Puts the caret at the end (or start) of a cell's text. */
export async function caretIn(page: Page, editor: Locator, at: 'start' | 'end' = 'end'): Promise<void> {
  await editor.click();
  await page.keyboard.press(at === 'end' ? 'End' : 'Home');
}

/** What the page's editor shows as text (chips as ⟦id⟧), whitespace as typed. */
export async function shownText(editor: Locator): Promise<string> {
  // Typed loosely: the browser's DOM types are not part of the tests' compilation.
  return editor.evaluate((root: any) => {
    let out = '';
    const walk = (node: any) => {
      if (node.nodeType === 1 && node.classList.contains('fn-chip')) {
        out += `⟦${node.dataset.footnoteId}⟧`;
        return;
      }
      if (node.nodeType === 3) out += String(node.textContent ?? '').replace(/\uFEFF/g, '');
      node.childNodes.forEach(walk);
    };
    walk(root);
    return out;
  });
}

export async function eventuallyText(editor: Locator, expected: (text: string) => boolean, timeout = 10_000): Promise<string> {
  return eventually(
    async () => {
      const text = await shownText(editor);
      if (!expected(text)) throw new Error(`cell shows ${JSON.stringify(text)}`);
      return text;
    },
    { timeout },
  );
}
