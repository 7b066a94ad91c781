import type { Browser, Page } from 'playwright-core';
import { eventually } from '../support/eventually.js';
import { addMember, api, collabToken, connect, createChapter, synced, textOf, type Chapter, type Client, type Member } from '../collaboration/collab-support.js';
import { launchBrowser, openPage, type OpenedPage } from '../support/browser.js';
import { createUser, startTestServer, type TestServer } from '../support/test-app.js';
import { writeText } from './review-support.js';

const SHOTS = {
  reviewer: '/tmp/interlinea-review-reviewer.png',
  translator: '/tmp/interlinea-review-translator.png',
  lapsed: '/tmp/interlinea-review-lapsed.png',
  project: '/tmp/interlinea-review-project.png',
};

async function signIn(page: Page, user: { email: string; password: string }, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const cell = (page: Page, segmentId: string, language: string) =>
  page.locator(`[data-testid="segment-row"][data-segment-id="${segmentId}"] [data-testid="variant-cell"][data-language="${language}"]`);

/**
 * The review in the chapter reader (the live editor of issue 9 was not on this branch yet): a
 * translator marks a segment translated, a reviewer in another browser context sees it need review
 * without reloading, approves it; the translator then types into it live, and the approval lapses
 * in both views.
 */
describe('web app: review in the chapter reader, live between two people', () => {
  let server: TestServer;
  let browser: Browser;
  let chapter: Chapter;
  let translator: Member;
  let reviewer: Member;
  let slug: string;
  const pages: OpenedPage[] = [];
  let typist: Client | null = null;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const owner = await createUser(server, { displayName: 'Olga Owner' });
    chapter = await createChapter(server, owner, 4);
    translator = await addMember(server, chapter, 'translator', ['de']);
    reviewer = await addMember(server, chapter, 'reviewer');
    slug = ((await api(server, chapter.owner.token).get(`/api/projects/${chapter.projectId}`)).body as { slug: string }).slug;
    await writeText(server, translator.token, chapter, chapter.segments[0]!, 'de', 'Der Lesesaal öffnete um neun.', 'draft');
    await writeText(server, translator.token, chapter, chapter.segments[1]!, 'de', 'Die Leser warteten auf der Treppe.', 'translated');
  }, 60_000);
  afterAll(async () => {
    typist?.destroy();
    for (const p of pages) await p.close();
    await browser?.close();
    await server?.close();
  });

  it('shows a translation moving to review, its approval, and the approval lapsing on a live edit — in both views', async () => {
    const path = `/projects/${slug}/documents/${chapter.documentId}/review`;
    const [t, r] = await Promise.all([openPage(browser, { baseURL: server.url }), openPage(browser, { baseURL: server.url })]);
    pages.push(t, r);
    await Promise.all([signIn(t.page, translator, path), signIn(r.page, reviewer, path)]);
    for (const { page } of [t, r]) {
      await page.getByTestId('review-toolbar').waitFor();
      await page.getByTestId('review-language').selectOption('de');
    }
    const s0 = chapter.segments[0]!;
    await cell(t.page, s0, 'de').waitFor();
    await cell(r.page, s0, 'de').waitFor();
    await expectStatus(r.page, s0, 'draft');

    // The translator selects the segment and marks it translated.
    await t.page.locator(`[data-segment-id="${s0}"]`).click();
    await t.page.getByTestId('mark-translated').click();
    await expectStatus(t.page, s0, 'translated');

    // The reviewer's view follows without a reload: needs review.
    await cell(r.page, s0, 'de').getByTestId('needs-review').waitFor();
    await expectStatus(r.page, s0, 'translated');
    await r.page.getByTestId('review-filter').selectOption('needsReview');
    await r.page.locator(`[data-segment-id="${s0}"]`).click();
    await r.page.getByTestId('review-panel').waitFor();
    await r.page.getByTestId('panel-status').getByText('Needs review').waitFor();
    await r.page.screenshot({ path: SHOTS.reviewer, fullPage: true });
    // Ctrl+Enter approves and moves on to the next segment to review.
    await r.page.keyboard.press('Control+Enter');
    await r.page.locator(`[data-testid="review-panel"][data-segment-id="${chapter.segments[1]}"]`).waitFor();
    // Approved, it no longer needs review: the filter hides it.
    await eventually(async () => expect(await r.page.locator(`[data-segment-id="${s0}"]`).count()).toBe(0));
    await r.page.getByTestId('review-filter').selectOption('all');
    await expectStatus(r.page, s0, 'approved');
    await expectStatus(t.page, s0, 'approved');
    await t.page.screenshot({ path: SHOTS.translator, fullPage: true });

    // The translator types into the approved text live (the editor's own socket).
    typist = connect(server, chapter.documentId, await collabToken(server, chapter, translator));
    await synced(typist);
    const text = textOf(typist.doc, s0, 'de');
    text.insert(text.length, ' Pünktlich.');

    // The approval lapses in both views, and the reviewer sees what changed since it.
    await expectStatus(t.page, s0, 'translated');
    await expectStatus(r.page, s0, 'translated');
    await cell(r.page, s0, 'de').getByTestId('changed-since-approval').waitFor();
    await r.page.getByTestId('review-filter').selectOption('changedSinceApproval');
    await r.page.locator(`[data-segment-id="${s0}"]`).click();
    const since = r.page.getByTestId('since-approval');
    await since.waitFor();
    await since.locator('ins', { hasText: 'Pünktlich' }).waitFor();
    await r.page.getByTestId('history-item').filter({ has: r.page.getByTestId('lapsed') }).first().waitFor();
    await r.page.screenshot({ path: SHOTS.lapsed, fullPage: true });

    // Bulk: everything the reviewer sees that needs review, approved in one go; the translator sees it.
    await r.page.getByTestId('review-filter').selectOption('all');
    await r.page.getByTestId('approve-all').click();
    await r.page.getByTestId('bulk-result').getByText('Approved: 2.').waitFor();
    for (const s of [s0, chapter.segments[1]!]) {
      await expectStatus(t.page, s, 'approved');
      await expectStatus(r.page, s, 'approved');
    }
  }, 90_000);

  it('draws the edition’s progress on the project page, and lists the comments that mention me', async () => {
    const thread = await api(server, chapter.owner.token).post(`/api/projects/${chapter.projectId}/documents/${chapter.documentId}/comments`, {
      segmentId: chapter.segments[1],
      language: 'de',
      body: 'Could you look at the stairs sentence again?',
      mentions: [reviewer.id],
    });
    expect(thread.status).toBe(201);
    const p = await openPage(browser, { baseURL: server.url });
    pages.push(p);
    await signIn(p.page, reviewer, `/projects/${slug}`);
    const progress = p.page.getByTestId('project-progress');
    await progress.waitFor();
    await progress.getByText('Deutsch').or(progress.getByText('German')).first().waitFor();
    expect(await progress.getByTestId('review-progress').count()).toBeGreaterThanOrEqual(2);
    await p.page.getByTestId('my-mentions').getByText('Could you look at the stairs sentence again?').waitFor();
    await p.page.screenshot({ path: SHOTS.project, fullPage: true });
  }, 60_000);
});

async function expectStatus(page: Page, segmentId: string, status: string): Promise<void> {
  await cell(page, segmentId, 'de').and(page.locator(`[data-status="${status}"]`)).waitFor();
}
