#!/usr/bin/env node
// The chapter editor in real Chromium, on the largest chapter of the larger corpus book (003, imported
// through the API): time to the first editable cell, frame times while scrolling through the whole
// chapter, and the time from a keystroke in one browser context to its appearance in another while
// two more people type in the chapter. Goals (issue 9): open < 1 s, no frame over 50 ms, p95 < 50 ms.
//
//   node bench/web-editor.mjs                       # local PostgreSQL at 127.0.0.1:5432, a scratch database
//   KEYS=200 OPENS=5 node bench/web-editor.mjs    # the browser: as the tests find it (CHROMIUM_PATH, …)
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, resolveChromium } from '../scripts/chromium.mjs';
import { ensureBuild } from '../scripts/ensure-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bookPath = process.env.BOOK ?? join(root, '../shared/corpus/003_f78e96aa30fdf1a9.txt');
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const keys = Number(process.env.KEYS ?? 150);
const opens = Number(process.env.OPENS ?? 3);

ensureBuild();
await import('reflect-metadata');
const { createApp } = await import('../dist/apps/api/src/app.factory.js');
const { loadConfig } = await import('../dist/apps/api/src/config/app-config.js');
const { migrateUp } = await import('../dist/apps/api/src/database/migrate.js');
const { UsersService } = await import('../dist/apps/api/src/users/users.service.js');

const dbName = `interlinea_bench_web_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${dbName}"`);
const dbUrl = new URL(serverUrl);
dbUrl.pathname = `/${dbName}`;

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
};
const ms = (value) => `${value.toFixed(1)} ms`;

let app;
let browser;
try {
  await migrateUp(dbUrl.toString());
  const config = { ...loadConfig({}, root), host: '127.0.0.1', port: 0, databaseUrl: dbUrl.toString(), authSecret: 'b'.repeat(40), seedDemo: false, logLevel: 'error' };
  app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const call = async (method, path, token, body, type = 'application/json') => {
    const response = await fetch(base + path, {
      method,
      headers: { 'Content-Type': type, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
  const users = app.get(UsersService);
  const people = ['Owner', 'Sender', 'Receiver', 'Typist one', 'Typist two'];
  for (const [i, name] of people.entries()) await users.create({ email: `p${i}@bench.local`, password: 'bench-password', displayName: name, isAdmin: i === 0 });
  const grants = [];
  for (let i = 0; i < people.length; i++) grants.push(await call('POST', '/api/auth/login', null, { email: `p${i}@bench.local`, password: 'bench-password' }));
  const owner = grants[0].accessToken;

  const project = await call('POST', '/api/projects', owner, { slug: 'bench', title: 'Bench', sourceLanguage: 'en', targetLanguages: ['ru', 'de'] });
  for (let i = 1; i < people.length; i++) {
    await call('POST', `/api/projects/${project.id}/members`, owner, { email: `p${i}@bench.local`, role: 'translator' });
  }
  const job = await call('POST', `/api/projects/${project.id}/imports?language=en&filename=book.txt`, owner, readFileSync(bookPath), 'application/octet-stream');
  for (;;) {
    const state = await call('GET', `/api/projects/${project.id}/jobs/${job.id}`, owner);
    if (state.status === 'succeeded') break;
    if (state.status === 'failed') throw new Error(`import failed: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const documents = await call('GET', `/api/projects/${project.id}/documents`, owner);
  const chapter = documents.reduce((a, b) => (b.segmentCount > a.segmentCount ? b : a));
  const path = `/projects/${project.id}/documents/${chapter.id}`;

  // A second edition: one chapter of 500 paragraphs in all three languages, with a note every tenth
  // paragraph (our own generated text), for the size the issue names.
  const big = await call('POST', '/api/projects', owner, { slug: 'bench-500', title: 'Bench 500', sourceLanguage: 'en', targetLanguages: ['ru', 'de'] });
  for (let i = 1; i < people.length; i++) await call('POST', `/api/projects/${big.id}/members`, owner, { email: `p${i}@bench.local`, role: 'translator' });
  const words = {
    en: ['The clerk', 'entered', 'another request', 'for the district', 'in the ledger', 'before noon'],
    ru: ['Писарь', 'внёс', 'ещё один запрос', 'от района', 'в журнал', 'до полудня'],
    de: ['Der Schreiber', 'trug', 'eine weitere Anfrage', 'des Bezirks', 'ins Buch ein', 'vor Mittag'],
  };
  const synthetic = (lang) => {
    const lines = [`# 1. ${lang === 'en' ? 'The Register' : lang === 'ru' ? 'Журнал' : 'Das Register'}`];
    const notes = [];
    for (let i = 1; i < 500; i++) {
      const sentence = Array.from({ length: 3 + (i % 4) }, (_, k) => words[lang].join(' ') + ` ${i}.${k}`).join('; ');
      const note = i % 10 === 0 ? `[^${i / 10}]` : '';
      lines.push(`${sentence}.${note}`);
      if (note) notes.push(`[^${i / 10}]: ${words[lang][0]} ${i}.`);
    }
    return [...lines, ...notes].join('\n\n');
  };
  for (const lang of ['en', 'ru', 'de']) {
    const imported = await call('POST', `/api/projects/${big.id}/imports?language=${lang}&filename=big.${lang}.md`, owner, synthetic(lang), 'application/octet-stream');
    for (;;) {
      const state = await call('GET', `/api/projects/${big.id}/jobs/${imported.id}`, owner);
      if (state.status === 'succeeded') break;
      if (state.status === 'failed') throw new Error(`import failed: ${JSON.stringify(state)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const [bigChapter] = await call('GET', `/api/projects/${big.id}/documents`, owner);
  const bigPath = `/projects/${big.id}/documents/${bigChapter.id}`;

  browser = await chromium.launch({ executablePath: resolveChromium().executablePath, args: CHROMIUM_ARGS });
  const context = async (i) => {
    const ctx = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } });
    const { user: _user, ...grant } = grants[i];
    await ctx.addInitScript(`if (!localStorage.getItem('interlinea.session')) localStorage.setItem('interlinea.session', ${JSON.stringify(JSON.stringify(grant))});`);
    return ctx;
  };
  const editable = '[data-testid="cell-editor"][contenteditable="true"]';

  console.log(`Book: ${bookPath.split('/').pop()}; largest chapter: ${chapter.segmentCount} segments × 3 languages, ${chapter.footnoteCount} notes`);
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ${(await browser.version())}\n`);

  const openAndScroll = async (path, name, segments) => {
  // 1. Opening: navigation start → first editable cell, a fresh browser (nothing cached) and a reload (the copy in IndexedDB).
  const cold = [];
  const warm = [];
  for (let run = 0; run < opens; run++) {
    const ctx = await context(0);
    const page = await ctx.newPage();
    await page.goto('/projects'); // the offline worker installs on the first visit; the chapter is what is measured
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    for (const [list, label] of [[cold, 'cold'], [warm, 'reload']]) {
      if (label === 'cold') await page.goto(path, { waitUntil: 'commit' });
      else await page.reload({ waitUntil: 'commit' });
      await page.locator(editable).first().waitFor({ timeout: 30_000 });
      list.push(await page.evaluate(() => performance.now()));
      await page.locator('[data-testid="connection"][data-saved="saved"][data-status="connected"]').waitFor({ timeout: 30_000 });
    }
    await ctx.close();
  }
  console.log(`${name}: open to first editable cell (${opens} runs): first visit ${cold.map(ms).join(', ')}; reload ${warm.map(ms).join(', ')}`);

  // 2. Scrolling through the whole chapter, 120 px a frame, recording every frame's duration.
  {
    const ctx = await context(0);
    const page = await ctx.newPage();
    await page.goto(path);
    await page.locator(editable).first().waitFor({ timeout: 30_000 });
    const frames = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const scroller = document.querySelector('[data-testid="editor-scroll"]');
          const durations = [];
          let last = performance.now();
          const step = (now) => {
            durations.push(now - last);
            last = now;
            if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2) return resolve(durations);
            scroller.scrollTop += 120;
            requestAnimationFrame(step);
          };
          requestAnimationFrame((now) => {
            last = now;
            requestAnimationFrame(step);
          });
        }),
    );
    const s = stats(frames);
    console.log(
      `${name}: scrolling ${segments} segments: ${s.n} frames, p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, worst ${ms(s.max)}, frames over 50 ms: ${frames.filter((d) => d > 50).length}`,
    );
    await ctx.close();
  }
  };
  await openAndScroll(path, `corpus chapter (${chapter.segmentCount} segments)`, chapter.segmentCount);
  await openAndScroll(bigPath, `generated chapter (${bigChapter.segmentCount} segments)`, bigChapter.segmentCount);

  // 3. Keystroke → other context, with two more people typing elsewhere in the chapter.
  {
    const pages = [];
    for (let i = 1; i < people.length; i++) {
      const ctx = await context(i);
      const page = await ctx.newPage();
      await page.goto(path);
      await page.locator(editable).first().waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="connection"][data-status="connected"]').waitFor({ timeout: 30_000 });
      pages.push(page);
    }
    const [sender, receiver, typistOne, typistTwo] = pages;
    const rows = sender.getByTestId('segment-row');
    const target = await rows.nth(1).getAttribute('data-segment-id');
    const cellOf = (page, id, lang) => page.locator(`[data-testid="segment-row"][data-segment-id="${id}"] [data-language="${lang}"] [data-testid="cell-editor"]`);
    const otherOne = await rows.nth(2).getAttribute('data-segment-id');
    const otherTwo = await rows.nth(3).getAttribute('data-segment-id');

    // The receiver notes when each new length of the target text appears (performance.timeOrigin + now: one clock for all pages).
    await cellOf(receiver, target, 'ru').evaluate((root) => {
      window.__seen = [];
      const read = () => {
        const length = root.innerText.replace(/\n$/, '').length;
        window.__seen.push([length, performance.timeOrigin + performance.now()]);
      };
      new MutationObserver(read).observe(root, { childList: true, subtree: true, characterData: true });
    });
    await sender.evaluate(() => {
      window.__sent = [];
      window.addEventListener('keydown', (event) => event.key.length === 1 && window.__sent.push(performance.timeOrigin + performance.now()), { capture: true });
    });
    let typing = true;
    const background = async (page, id, text) => {
      await cellOf(page, id, 'de').click();
      for (let i = 0; typing; i++) await page.keyboard.type(text[i % text.length], { delay: 0 }).then(() => page.waitForTimeout(60));
    };
    const others = [background(typistOne, otherOne, 'Eins zwei drei vier. '), background(typistTwo, otherTwo, 'Andere Worte hier. ')];
    await cellOf(sender, target, 'ru').click();
    await sender.keyboard.press('End');
    const start = (await cellOf(sender, target, 'ru').innerText()).replace(/\n$/, '').length;
    // Letters on the keyboard's layout: others are inserted by Playwright without key events.
    const alphabet = 'abcdefghijklmnopqrstuvwxyz';
    for (let i = 0; i < keys; i++) {
      await sender.keyboard.type(alphabet[i % alphabet.length]);
      await sender.waitForTimeout(80);
    }
    await receiver.waitForFunction((n) => window.__seen.some(([length]) => length >= n), start + keys, { timeout: 30_000 });
    typing = false;
    await Promise.all(others);
    const sent = await sender.evaluate(() => window.__sent);
    const seen = await receiver.evaluate(() => window.__seen);
    const latencies = [];
    for (let k = 0; k < keys; k++) {
      const arrived = seen.find(([length]) => length >= start + k + 1);
      if (arrived && sent[k] !== undefined) latencies.push(arrived[1] - sent[k]);
    }
    const s = stats(latencies);
    console.log(`Keystroke → other context (${s.n} keys, two more typists): p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, worst ${ms(s.max)}`);
  }
} finally {
  await browser?.close();
  await app?.close();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
}
