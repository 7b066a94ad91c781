#!/usr/bin/env node
// Imports the larger corpus book (003, 1.2 MB, 902 footnote references) into PostgreSQL through the
// application's own ImportsService, several times, and prints wall time and peak memory per run.
// Target (issue: content model and importer): under 5 s and under 500 MB on a 2-core machine.
// Then it generates two books of 150,000 words (our own generated text) and imports each the same way:
// plain text with one paragraph per line (chapters `N TITLE`, sections in capitals, bare-number
// markers), and a Word manuscript built with the `docx` package (headings, lists, quotations, italics,
// footnotes and endnotes). Target (issue 13): each under 2 s and under 500 MB.
//
//   npm run bench:import                      # local PostgreSQL at 127.0.0.1:5432, a scratch database
//   BENCH_DATABASE_URL=postgres://… RUNS=10 npm run bench:import
//   EMBEDDED=1 npm run bench:import           # the embedded PGlite of `npm start` (in this process)
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureBuild } from '../scripts/ensure-build.mjs';
import { docxBook, plainTextBook } from './generated-books.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.RUNS ?? 5);
const bookPath = process.env.BOOK ?? join(root, '../shared/corpus/003_f78e96aa30fdf1a9.txt');
const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

ensureBuild({ web: false });
await import('reflect-metadata');
const { NestFactory } = await import('@nestjs/core');
const { AppModule } = await import('../dist/apps/api/src/app.module.js');
const { loadConfig } = await import('../dist/apps/api/src/config/app-config.js');
const { migrateUp } = await import('../dist/apps/api/src/database/migrate.js');
const { ImportsService } = await import('../dist/apps/api/src/imports/imports.service.js');
const { ProjectsService } = await import('../dist/apps/api/src/projects/projects.service.js');
const { UsersService } = await import('../dist/apps/api/src/users/users.service.js');

const { startEmbeddedPostgres } = await import('../dist/apps/api/src/database/embedded-postgres.js');

const embeddedMode = process.env.EMBEDDED === '1';
const dbName = `interlinea_bench_${Date.now().toString(36)}`;
let admin = null;
let embedded = null;
let url;
if (embeddedMode) {
  const { mkdtempSync } = await import('node:fs');
  embedded = await startEmbeddedPostgres({ dataDir: mkdtempSync(join(os.tmpdir(), 'interlinea-bench-')) });
  url = new URL(embedded.url);
} else {
  admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  url = new URL(server);
  url.pathname = `/${dbName}`;
}

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(0);
try {
  await migrateUp(url.toString());
  const config = { ...loadConfig({}, root), databaseUrl: url.toString(), databasePoolSize: embeddedMode ? 1 : 10, authSecret: 'x'.repeat(40), seedDemo: false, logLevel: 'error' };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  const user = await app.get(UsersService).create({ email: 'bench@interlinea.local', password: 'bench-password', isAdmin: true });
  const actor = { ...user, via: 'api-token' };
  const bytes = readFileSync(bookPath);
  console.log(`Book: ${bookPath.split('/').pop()} (${(bytes.length / 1024).toFixed(0)} KiB); ${runs} runs; ${embeddedMode ? 'embedded PGlite (same process)' : `PostgreSQL ${server.replace(/\/\/[^@]*@/, '//')}`}`);
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${mb(os.totalmem())} MB RAM, Node ${process.version}`);
  console.log(`Process RSS before the first run (application booted): ${mb(process.memoryUsage().rss)} MB\n`);
  /** One import into a new edition: wall time and the peak RSS sampled every 5 ms. */
  let editions = 0;
  const measure = async (book) => {
    const project = await app.get(ProjectsService).create(actor, { slug: `bench-${++editions}`, title: `Bench ${editions}`, sourceLanguage: 'en', targetLanguages: ['ru', 'de'] });
    const access = await app.get(ProjectsService).access(actor, project.id);
    global.gc?.();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = performance.now();
    let writingFrom = null;
    const report = await app.get(ImportsService).importBook(access, actor, book, 'en', (phase) => {
      if (phase === 'writing' && writingFrom === null) writingFrom = performance.now();
    });
    const ended = performance.now();
    clearInterval(sampler);
    const f = report.footnotes;
    const read = ((writingFrom ?? ended) - started) / 1000;
    return { seconds: (ended - started) / 1000, read, peak: Math.max(peak, process.memoryUsage().rss), report, notes: `${f.references}/${f.bodies}/${f.linked}` };
  };
  const summary = (results, target) => {
    const times = results.map((r) => r.seconds).sort((a, b) => a - b);
    const peak = Math.max(...results.map((r) => r.peak));
    return `median ${times[Math.floor(times.length / 2)].toFixed(2)} s, worst ${times[times.length - 1].toFixed(2)} s, peak RSS ${mb(peak)} MB (target: ${target})`;
  };

  console.log('run  seconds  peak RSS MB  segments  footnotes (refs/bodies/linked)');
  const corpusRuns = [];
  for (let i = 1; i <= runs; i++) {
    const r = await measure(bytes);
    corpusRuns.push(r);
    console.log(`${String(i).padStart(3)}  ${r.seconds.toFixed(2).padStart(7)}  ${mb(r.peak).padStart(11)}  ${String(r.report.segments).padStart(8)}  ${r.notes}`);
  }
  console.log(`\n${summary(corpusRuns, '< 5 s, < 500 MB')}`);

  // Generated books of 150k words: the renderings of issue 13.
  const words = Number(process.env.WORDS ?? 150_000);
  const generated = [
    ['plain text, one paragraph per line', Buffer.from(plainTextBook(words), 'utf8')],
    ['Word manuscript (.docx)', await docxBook(words)],
  ];
  console.log(`\nGenerated books of ${words.toLocaleString('en')} words (${runs} runs each)`);
  console.log('book                                 KiB  run  seconds  (reading)  peak RSS MB  segments  footnotes (refs/bodies/linked)  rendering');
  for (const [name, book] of generated) {
    const results = [];
    for (let i = 1; i <= runs; i++) {
      const r = await measure(book);
      results.push(r);
      console.log(
        `${name.padEnd(34)} ${String(Math.round(book.length / 1024)).padStart(5)}  ${String(i).padStart(3)}  ${r.seconds.toFixed(2).padStart(7)}  ${`(${r.read.toFixed(2)})`.padStart(9)}  ${mb(r.peak).padStart(11)}  ${String(r.report.segments).padStart(8)}  ${r.notes.padStart(30)}  ${r.report.rendering?.name}`,
      );
    }
    console.log(`${name}: ${summary(results, '< 2 s, < 500 MB')}`);
  }
  await app.close();
} finally {
  if (admin) {
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
  await embedded?.stop();
}
