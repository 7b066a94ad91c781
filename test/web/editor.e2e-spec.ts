import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { InlineContent } from '#libs/content';
import { launchBrowser } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { createUser, startTestServer, type TestServer } from '../support/test-app.js';
import { addMember, api, collabToken, connect, createChapter, synced, textOf, type Chapter, type Member } from '../collaboration/collab-support.js';
import { ARTIFACTS, caretIn, cell, eventuallyText, openChapter, shownText, waitForEditor, waitSaved, type EditorPage } from './editor-support.js';

/** The rows' text of one variant (plain text, references as ⟦id⟧), as REST serves it. */
async function rowText(server: TestServer, chapter: Chapter, segmentId: string, language: string): Promise<string> {
  const res = await api(server, chapter.owner.token).get(`/api/projects/${chapter.projectId}/documents/${chapter.documentId}/segments/${segmentId}`);
  const content = ((res.body as { variants: Record<string, { content: InlineContent }> }).variants[language]?.content ?? []) as InlineContent;
  return content.map((node) => (node.type === 'text' ? node.text : `⟦${node.footnoteId}⟧`)).join('');
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('web: the chapter editor, live', () => {
  let server: TestServer;
  let browser: Browser;
  const pages: EditorPage[] = [];
  const open = async (...args: Parameters<typeof openChapter> extends [unknown, unknown, ...infer Rest] ? Rest : never) => {
    const opened = await openChapter(browser, server, ...args);
    pages.push(opened);
    return opened;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  }, 60_000);

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newChapter(segments = 3): Promise<Chapter> {
    const owner = await createUser(server, { displayName: 'Olga Owner' });
    return createChapter(server, owner as Omit<Member, 'token'>, segments);
  }

  it('two translators type in the same cell at once: both see the merged text, the rows have it within 2 s, a third sees both carets', async () => {
    const chapter = await newChapter();
    const anna = await addMember(server, chapter, 'translator');
    const boris = await addMember(server, chapter, 'translator');
    const viewer = await addMember(server, chapter, 'viewer');
    const [a, b, c] = await Promise.all([open(anna, chapter), open(boris, chapter), open(viewer, chapter)]);
    const segment = chapter.segments[0]!;

    await caretIn(a.page, cell(a.page, segment, 'ru'), 'end');
    await caretIn(b.page, cell(b.page, segment, 'ru'), 'end');
    await Promise.all([a.page.keyboard.type('Анна пишет здесь.', { delay: 15 }), b.page.keyboard.type('Борис тоже.', { delay: 15 })]);
    const typedAt = Date.now();

    const merged = (text: string) => text.includes('Анна пишет здесь.') && text.includes('Борис тоже.');
    const seenByA = await eventuallyText(cell(a.page, segment, 'ru'), merged);
    const seenByB = await eventuallyText(cell(b.page, segment, 'ru'), merged);
    expect(seenByA).toBe(seenByB);
    expect(seenByA.length).toBe('Анна пишет здесь.'.length + 'Борис тоже.'.length);

    // In the database (REST reads the rows) within 2 s of the last keystroke.
    await eventually(async () => expect(await rowText(server, chapter, segment, 'ru')).toBe(seenByA), { timeout: 2_000, interval: 50 });
    const reachedRows = Date.now() - typedAt;
    expect(reachedRows).toBeLessThan(2_000);
    await Promise.all([waitSaved(a.page), waitSaved(b.page)]);

    // The viewer sees both carets in that cell, with names, and the two people in the header.
    const viewerCell = c.page.locator(`[data-testid="segment-row"][data-segment-id="${segment}"] [data-language="ru"]`);
    await eventually(async () => expect(await viewerCell.locator('.ql-cursor').count()).toBe(2));
    const names = await viewerCell.locator('.ql-cursor-name').allTextContents();
    expect(names.sort()).toEqual(['translator', 'translator']);
    await eventually(async () => expect(await c.page.getByTestId('avatar').count()).toBe(2));
    expect(await viewerCell.locator('[data-testid="cell-people"] .cell-people__dot').count()).toBe(2);
  }, 60_000);

  it('a footnote chip survives typing around it, deleting both sides, undo/redo and copy-paste, and is never half-deleted; its note is edited live', async () => {
    const chapter = await newChapter(2);
    const owner = api(server, chapter.owner.token);
    const base = `/api/projects/${chapter.projectId}/documents/${chapter.documentId}`;
    const note = (await owner.post(`${base}/footnotes`, { labels: { en: '7', ru: '7' }, body: { en: [{ type: 'text', text: 'A note.' }] } })).body as { id: string };
    const [first, second] = chapter.segments as [string, string];
    const put = await owner.put(`${base}/segments/${first}/variants/ru`, {
      content: [{ type: 'text', text: 'Left' }, { type: 'footnoteRef', footnoteId: note.id }, { type: 'text', text: 'Right' }],
    });
    expect(put.status).toBe(200);
    const translator = await addMember(server, chapter, 'translator');
    const other = await addMember(server, chapter, 'translator');
    const { page } = await open(translator, chapter);
    const editor = cell(page, first, 'ru');
    const chip = `⟦${note.id}⟧`;
    await eventuallyText(editor, (t) => t === `Left${chip}Right`);
    const chipElement = editor.locator('.fn-chip');
    expect(await chipElement.getAttribute('data-label')).toBe('7');

    // Typing just before and just after the chip.
    await caretIn(page, editor, 'start');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.type(' before');
    await page.keyboard.press('ArrowRight'); // over the chip: one step
    await page.keyboard.type('after ');
    await eventuallyText(editor, (t) => t === `Left before${chip}after Right`);

    // Deleting everything on both sides leaves the chip whole.
    await page.keyboard.press('End');
    for (let i = 0; i < 'after Right'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.press('Home');
    for (let i = 0; i < 'Left before'.length; i++) await page.keyboard.press('Delete');
    await eventuallyText(editor, (t) => t === chip);

    // One Backspace after it removes it whole. Undo brings it back whole, redo takes it away again
    // (Quill groups edits made within a second into one step, so an undo may restore more than the
    // chip; the chip is whole in every state all the same).
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await eventuallyText(editor, (t) => t === '');
    // Now nothing refers to the note: the chapter flags it.
    await page.getByTestId('orphan-flag').filter({ hasText: 'to check: 1' }).waitFor();
    await page.keyboard.press('Control+z');
    const restored = await eventuallyText(editor, (t) => count(t, chip) === 1);
    await page.keyboard.press('Control+Shift+z');
    await eventuallyText(editor, (t) => count(t, chip) === 0);
    await page.keyboard.press('Control+z');
    await eventuallyText(editor, (t) => t === restored);

    // Copy it, paste it into the next segment's cell: a reference to the same note.
    await editor.evaluate((root: any) => {
      const range = root.ownerDocument.createRange();
      range.selectNode(root.querySelector('.fn-chip'));
      const selection = root.ownerDocument.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    });
    await page.keyboard.press('Control+c');
    const target = cell(page, second, 'ru');
    await caretIn(page, target, 'end');
    await page.keyboard.type('Pasted:');
    await page.keyboard.press('Control+v');
    await eventuallyText(target, (t) => t === `Pasted:${chip}`);
    await eventuallyText(editor, (t) => t === restored);
    await eventually(async () => expect(await page.getByTestId('orphan-flag').count()).toBe(0));
    // A reference to an existing note, inserted at the caret from the menu.
    await page.keyboard.type(' and');
    await page.getByTestId('insert-note-menu').getByText('Note reference').click();
    await page.getByTestId('insert-note-menu').getByRole('button', { name: 'Note 7' }).click();
    await eventuallyText(target, (t) => t === `Pasted:${chip} and${chip}`);
    await waitSaved(page);
    await eventually(async () => {
      expect(await rowText(server, chapter, first, 'ru')).toBe(restored);
      expect(await rowText(server, chapter, second, 'ru')).toBe(`Pasted:${chip} and${chip}`);
    });

    // The chip opens its note in every visible language; what one person types there, the other sees.
    const b = await open(other, chapter);
    await editor.locator('.fn-chip').click();
    const panel = page.getByTestId('note-panel');
    await panel.getByRole('heading', { name: 'Note 7' }).waitFor();
    expect(await panel.getByTestId('note-body').count()).toBe(3);
    const ruNote = panel.locator('[data-testid="note-cell"][data-language="ru"] [data-testid="cell-editor"]');
    await caretIn(page, ruNote, 'end');
    await page.keyboard.type('Примечание переводчика.');
    await cell(b.page, first, 'ru').locator('.fn-chip').click();
    const ruNoteB = b.page.getByTestId('note-panel').locator('[data-testid="note-cell"][data-language="ru"] [data-testid="cell-editor"]');
    await eventuallyText(ruNoteB, (t) => t === 'Примечание переводчика.');
  }, 90_000);

  it('offline: typing, a reload while offline, and the return merge once and are saved', async () => {
    const chapter = await newChapter(2);
    const translator = await addMember(server, chapter, 'translator');
    const { page, context } = await open(translator, chapter);
    // The page is served by the app's worker from here on (it takes over on first load).
    await page.waitForFunction(() => (globalThis as any).navigator.serviceWorker.controller !== null, undefined, { timeout: 10_000 });
    const segment = chapter.segments[1]!;

    await context.setOffline(true);
    await page.locator('[data-testid="connection"][data-status="offline"]').waitFor();
    await caretIn(page, cell(page, segment, 'de'), 'end');
    await page.keyboard.type('Offline geschrieben.');
    await eventuallyText(cell(page, segment, 'de'), (t) => t === 'Offline geschrieben.');
    await page.locator('[data-testid="connection"][data-saved="unsaved"]').waitFor();
    // Closing the tab now would ask first.
    expect(
      await page.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        (globalThis as any).dispatchEvent(event);
        return event.defaultPrevented;
      }),
    ).toBe(true);

    await page.reload();
    await waitForEditor(page);
    await eventuallyText(cell(page, segment, 'de'), (t) => t === 'Offline geschrieben.');
    expect(await page.getByTestId('connection').getAttribute('data-status')).toBe('offline');

    await context.setOffline(false);
    await waitSaved(page, 20_000);
    await eventually(async () => expect(await rowText(server, chapter, segment, 'de')).toBe('Offline geschrieben.'));
    // Once: another reload online shows it once, from the server's copy too.
    await page.reload();
    await waitForEditor(page);
    await waitSaved(page);
    const text = await eventuallyText(cell(page, segment, 'de'), (t) => t.length > 0);
    expect(count(text, 'Offline geschrieben.')).toBe(1);
  }, 90_000);

  it('a viewer cannot change text: the cells refuse, and a forged update is dropped by the server', async () => {
    const chapter = await newChapter(2);
    const viewer = await addMember(server, chapter, 'viewer');
    const { page } = await open(viewer, chapter);
    const segment = chapter.segments[0]!;
    const editor = cell(page, segment, 'ru');
    expect(await editor.getAttribute('contenteditable')).toBe('false');
    expect(await editor.getAttribute('aria-readonly')).toBe('true');
    const reason = page.locator(`[data-testid="segment-row"][data-segment-id="${segment}"] [data-language="ru"] [data-testid="readonly-reason"]`);
    expect(await reason.getAttribute('title')).toBe('You can read this edition but not change it (viewer).');
    await editor.click();
    await page.keyboard.type('not allowed');
    expect(await shownText(editor)).toBe('');

    // The same person's credentials with a hand-made client: the server drops the update.
    const token = await collabToken(server, chapter, viewer);
    const forger = connect(server, chapter.documentId, token, { acks: true });
    const witness = connect(server, chapter.documentId, await collabToken(server, chapter, chapter.owner), { acks: true });
    try {
      await Promise.all([synced(forger), synced(witness)]);
      textOf(forger.doc, segment, 'ru').insert(0, 'forged');
      // Sent (the socket's buffer drained); the server reads one connection's messages in order and
      // drops a read-only one's update on arrival, so a client that syncs afterwards would have it.
      await eventually(() => expect(forger.provider.ws?.bufferedAmount).toBe(0));
      const probe = connect(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
      try {
        await synced(probe);
        expect(textOf(probe.doc, segment, 'ru').toString()).toBe('');
      } finally {
        probe.destroy();
      }
      expect(textOf(forger.doc, segment, 'ru').toString()).toBe('forged');
      expect(textOf(witness.doc, segment, 'ru').toString()).toBe('');
      expect(await rowText(server, chapter, segment, 'ru')).toBe('');
      expect(await shownText(editor)).toBe('');
    } finally {
      forger.destroy();
      witness.destroy();
    }
  }, 60_000);

  it('a publisher splits a segment while a translator types in it: both see two segments, nothing is lost', async () => {
    const chapter = await newChapter(2);
    const publisher = await addMember(server, chapter, 'publisher');
    const translator = await addMember(server, chapter, 'translator');
    const [p, tr] = await Promise.all([open(publisher, chapter), open(translator, chapter)]);
    const segment = chapter.segments[0]!;
    const source = 'Paragraph 0 of the source.';

    await caretIn(tr.page, cell(tr.page, segment, 'ru'), 'end');
    const typing = tr.page.keyboard.type('Переводчик печатает, пока абзац делят.', { delay: 25 });
    // The publisher's caret after "Paragraph 0" in the source, then Split.
    const en = cell(p.page, segment, 'en');
    await caretIn(p.page, en, 'start');
    for (let i = 0; i < 'Paragraph 0'.length; i++) await p.page.keyboard.press('ArrowRight');
    await p.page.getByTestId('split').click();
    await typing;

    for (const page of [p.page, tr.page]) {
      await eventually(async () => expect(await page.getByTestId('segment-row').count()).toBe(3));
    }
    const rows = await p.page.getByTestId('segment-row').evaluateAll((elements) => elements.map((e) => e.getAttribute('data-segment-id')!));
    expect(rows[0]).toBe(segment);
    const newId = rows[1]!;
    await eventuallyText(cell(p.page, segment, 'en'), (t) => t === 'Paragraph 0');
    // The split trims the space at the cut (the API's rule), so the halves are whole words.
    await eventuallyText(cell(p.page, newId, 'en'), (t) => t === 'of the source.');
    const typed = 'Переводчик печатает, пока абзац делят.';
    for (const page of [p.page, tr.page]) {
      await eventually(async () => {
        const whole = (await shownText(cell(page, segment, 'ru'))) + (await shownText(cell(page, newId, 'ru')));
        expect(whole).toBe(typed);
      });
    }
    await waitSaved(tr.page);
    await eventually(async () => {
      expect(`${await rowText(server, chapter, segment, 'en')} ${await rowText(server, chapter, newId, 'en')}`).toBe(source);
      expect((await rowText(server, chapter, segment, 'ru')) + (await rowText(server, chapter, newId, 'ru'))).toBe(typed);
    });
  }, 60_000);

  it('when an owner changes a member’s languages, that member’s open editor follows (cells lock and unlock)', async () => {
    const chapter = await newChapter(2);
    const translator = await addMember(server, chapter, 'translator', ['ru']);
    const { page } = await open(translator, chapter);
    const segment = chapter.segments[0]!;
    expect(await cell(page, segment, 'ru').getAttribute('contenteditable')).toBe('true');
    expect(await cell(page, segment, 'de').getAttribute('contenteditable')).toBe('false');
    const changed = await api(server, chapter.owner.token).patch(`/api/projects/${chapter.projectId}/members/${translator.id}`, { languages: ['de'] });
    expect(changed.status).toBe(200);
    await eventually(async () => {
      expect(await cell(page, segment, 'de').getAttribute('contenteditable')).toBe('true');
      expect(await cell(page, segment, 'ru').getAttribute('contenteditable')).toBe('false');
    });
    await caretIn(page, cell(page, segment, 'de'), 'end');
    await page.keyboard.type('Jetzt Deutsch.');
    await waitSaved(page);
    await eventually(async () => expect(await rowText(server, chapter, segment, 'de')).toBe('Jetzt Deutsch.'));
  }, 60_000);

  it('a publisher inserts, moves, merges and deletes segments; an open editor follows each change without a reload', async () => {
    const chapter = await newChapter(3);
    const publisher = await addMember(server, chapter, 'publisher');
    const translator = await addMember(server, chapter, 'translator');
    const [p, tr] = await Promise.all([open(publisher, chapter), open(translator, chapter)]);
    const [s0, s1, s2] = chapter.segments as [string, string, string];
    const order = (page: typeof p.page) =>
      page.getByTestId('segment-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-segment-id')!));
    const sourceTexts = async (page: typeof p.page) => {
      const out: string[] = [];
      for (const id of await order(page)) out.push(await shownText(cell(page, id, 'en')));
      return out;
    };

    await caretIn(p.page, cell(p.page, s0, 'en'), 'end');
    await p.page.getByTestId('insert-segment').click();
    await eventually(async () => expect((await order(tr.page)).length).toBe(4));
    const inserted = (await order(tr.page))[1]!;
    expect([s0, s2].includes(inserted) || inserted === s1).toBe(false);

    await caretIn(p.page, cell(p.page, s2, 'en'), 'end');
    await p.page.getByTestId('move-up').click();
    await eventually(async () => expect(await order(tr.page)).toEqual([s0, inserted, s2, s1]));

    await caretIn(p.page, cell(p.page, s2, 'en'), 'end');
    await p.page.getByTestId('merge').click();
    await eventually(async () => expect(await order(tr.page)).toEqual([s0, inserted, s2]));
    await eventually(async () => expect(await sourceTexts(tr.page)).toEqual(['Paragraph 0 of the source.', '', 'Paragraph 2 of the source. Paragraph 1 of the source.']));

    // A new note at the caret: the reference goes in, the note exists for everyone, numbered next.
    await caretIn(p.page, cell(p.page, s0, 'en'), 'end');
    await p.page.getByTestId('insert-note-menu').getByText('Note reference').click();
    await p.page.getByTestId('insert-note-menu').getByRole('button', { name: 'New note at the caret' }).click();
    const chipInTr = cell(tr.page, s0, 'en').locator('.fn-chip');
    await chipInTr.waitFor();
    await eventually(async () => expect(await chipInTr.getAttribute('data-label')).toBe('1'));
    await tr.page.getByTestId('notes-toggle').filter({ hasText: 'Notes: 1' }).waitFor();
    await chipInTr.click();
    await tr.page.getByTestId('note-panel').getByRole('heading', { name: 'Note 1' }).waitFor();

    await caretIn(p.page, cell(p.page, inserted, 'en'), 'end');
    await p.page.getByTestId('delete-segment').click();
    await p.page.getByRole('dialog').getByRole('button', { name: 'Delete segment' }).click();
    await eventually(async () => expect(await order(tr.page)).toEqual([s0, s2]));
    await eventually(async () => expect(await order(p.page)).toEqual([s0, s2]));
  }, 60_000);

  it('the language switch changes the whole editor and is kept with the account; screenshots of three columns, a note and two others', async () => {
    const chapter = await newChapter(4);
    const owner = api(server, chapter.owner.token);
    const base = `/api/projects/${chapter.projectId}/documents/${chapter.documentId}`;
    const note = (await owner.post(`${base}/footnotes`, {
      labels: { en: '1', ru: '1', de: '1' },
      body: { en: [{ type: 'text', text: 'The ledger survives in the regional archive.' }], ru: [{ type: 'text', text: 'Журнал хранится в областном архиве.' }] },
    })).body as { id: string };
    await owner.put(`${base}/segments/${chapter.segments[1]}/variants/en`, {
      content: [{ type: 'text', text: 'The clerks kept a ledger of every request' }, { type: 'footnoteRef', footnoteId: note.id }, { type: 'text', text: ' and of every refusal.' }],
    });
    await owner.put(`${base}/segments/${chapter.segments[1]}/variants/ru`, {
      content: [{ type: 'text', text: 'Писари вели журнал всех запросов' }, { type: 'footnoteRef', footnoteId: note.id }, { type: 'text', text: ' и всех отказов.' }],
    });
    const anna = await addMember(server, chapter, 'translator', ['ru']);
    const dieter = await addMember(server, chapter, 'translator', ['de']);
    const ownerMember = { email: chapter.owner.email, password: chapter.owner.password };
    const [o, a, d] = await Promise.all([open(ownerMember, chapter), open(anna, chapter), open(dieter, chapter)]);
    await caretIn(a.page, cell(a.page, chapter.segments[1]!, 'ru'), 'end');
    await caretIn(d.page, cell(d.page, chapter.segments[2]!, 'de'), 'end');
    await d.page.keyboard.type('Die Schreiber');
    await eventually(async () => expect(await o.page.getByTestId('avatar').count()).toBe(2));
    await cell(o.page, chapter.segments[1]!, 'en').locator('.fn-chip').click();
    await o.page.getByTestId('note-panel').waitFor();
    await eventually(async () => expect(await o.page.locator('.ql-cursor').count()).toBeGreaterThanOrEqual(2));
    await o.page.screenshot({ path: join(ARTIFACTS, 'editor-three-columns-note-two-others.png') });

    // A translator limited to Russian: the German cell says why it is read-only.
    const deReason = a.page.locator(`[data-testid="segment-row"][data-segment-id="${chapter.segments[0]}"] [data-language="de"] [data-testid="readonly-reason"]`);
    expect(await deReason.getAttribute('title')).toBe('You translate into Russian only.');

    await o.page.getByLabel('Language').selectOption('ru');
    await o.page.getByRole('button', { name: 'Клавиши (?)' }).waitFor();
    const visible = await o.page.locator('main').innerText();
    for (const word of ['Проекты', 'Столбцы', 'Подключено', 'Все изменения сохранены', 'Разделить у курсора', 'Примечание 1', 'русский']) {
      expect(visible).toContain(word);
    }
    for (const english of ['Connected', 'Split at caret', 'Columns', 'Shortcuts']) expect(visible).not.toContain(english);
    await o.page.screenshot({ path: join(ARTIFACTS, 'editor-russian.png') });
    await o.page.keyboard.press('Escape');
    await o.page.locator('main').click({ position: { x: 5, y: 5 } });
    await o.page.keyboard.press('?');
    await o.page.getByTestId('help-overlay').getByRole('heading', { name: 'Сочетания клавиш' }).waitFor();

    // Kept with the account: a fresh browser that speaks German opens in Russian.
    await eventually(async () => expect((await owner.get('/api/users/me')).body.locale).toBe('ru'));
    const fresh = await open(ownerMember, chapter, { locale: 'de-DE' });
    await fresh.page.getByRole('button', { name: 'Клавиши (?)' }).waitFor();
  }, 90_000);

  it('keyboard: Tab and Alt+arrows move between cells, Ctrl+Enter marks translated and goes to the next untranslated cell', async () => {
    const chapter = await newChapter(4);
    const owner = api(server, chapter.owner.token);
    const base = `/api/projects/${chapter.projectId}/documents/${chapter.documentId}`;
    await owner.put(`${base}/segments/${chapter.segments[1]}/variants/ru`, { content: [{ type: 'text', text: 'Уже переведено.' }], status: 'translated' });
    const translator = await addMember(server, chapter, 'translator');
    const { page } = await open(translator, chapter);
    const focused = () =>
      page.evaluate(() => {
        const active = (globalThis as any).document.activeElement;
        const row = active?.closest('[data-testid="segment-row"]');
        const column = active?.closest('[data-testid="variant-cell"]');
        return `${row?.getAttribute('data-segment-id')}/${column?.getAttribute('data-language')}`;
      });
    const [s0, s1, s2] = chapter.segments as [string, string, string];
    await caretIn(page, cell(page, s0, 'en'), 'end');
    await page.keyboard.press('Tab');
    await eventually(async () => expect(await focused()).toBe(`${s0}/ru`));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await eventually(async () => expect(await focused()).toBe(`${s1}/en`));
    await page.keyboard.press('Shift+Tab');
    await eventually(async () => expect(await focused()).toBe(`${s0}/de`));
    await page.keyboard.press('Alt+ArrowDown');
    await eventually(async () => expect(await focused()).toBe(`${s1}/de`));
    await page.keyboard.press('Alt+ArrowUp');
    await page.keyboard.press('Shift+Tab');
    await eventually(async () => expect(await focused()).toBe(`${s0}/ru`));
    await page.keyboard.type('Первый.');
    await page.keyboard.press('Control+Enter');
    // Segment 1 is translated already: the next untranslated Russian cell is segment 2's.
    await eventually(async () => expect(await focused()).toBe(`${s2}/ru`));
    await eventually(async () => {
      const res = await owner.get(`${base}/segments/${s0}`);
      expect(res.body.variants.ru).toMatchObject({ status: 'translated', plainText: 'Первый.' });
    });
    await page.locator(`[data-testid="segment-row"][data-segment-id="${s0}"] [data-language="ru"][data-status="translated"]`).waitFor();
    await page.keyboard.press('Control+/');
    await page.getByTestId('help-overlay').waitFor();
  }, 60_000);
});
