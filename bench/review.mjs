#!/usr/bin/env node
// Review at the size of a real book: imports the larger corpus book (003), gives the largest chapter a
// German translation, records 5,000 changes of it through the application's variant writer (so the
// history holds what REST edits leave), and times what the editor asks for:
//   - the history of one variant (the one with the most changes, and an ordinary one), with word diffs,
//   - the chapter's and the edition's progress, the chapter's review state (filters),
//   - a bulk approval of 500 segments (ReviewService.approveAll: live-document check, one transaction).
// Targets (issue 10): history and progress within 100 ms; bulk approve of 500 segments under 1 s.
//
//   node bench/review.mjs                       # local PostgreSQL at 127.0.0.1:5432, a scratch database
//   BENCH_DATABASE_URL=postgres://… CHANGES=5000 REPEAT=30 node bench/review.mjs
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureBuild } from '../scripts/ensure-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bookPath = process.env.BOOK ?? join(root, '../shared/corpus/003_f78e96aa30fdf1a9.txt');
const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CHANGES = Number(process.env.CHANGES ?? 5000);
const REPEAT = Number(process.env.REPEAT ?? 30);
const BULK = 500;

ensureBuild({ web: false });
await import('reflect-metadata');
const { NestFactory } = await import('@nestjs/core');
const { AppModule } = await import('../dist/apps/api/src/app.module.js');
const { loadConfig } = await import('../dist/apps/api/src/config/app-config.js');
const { migrateUp } = await import('../dist/apps/api/src/database/migrate.js');
const { ImportsService } = await import('../dist/apps/api/src/imports/imports.service.js');
const { ProjectsService } = await import('../dist/apps/api/src/projects/projects.service.js');
const { UsersService } = await import('../dist/apps/api/src/users/users.service.js');
const { VariantWriter } = await import('../dist/apps/api/src/variants/variant-writer.js');
const { VariantHistoryService } = await import('../dist/apps/api/src/history/variant-history.service.js');
const { ProgressService } = await import('../dist/apps/api/src/progress/progress.service.js');
const { ReviewService } = await import('../dist/apps/api/src/review/review.service.js');
const { CollaborationService } = await import('../dist/apps/api/src/collaboration/collaboration.service.js');
const { setVariantContent } = await import('../dist/libs/collab-schema/src/index.js');
const { DataSource } = await import('typeorm');

const dbName = `interlinea_bench_review_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE "${dbName}"`);
const url = new URL(server);
url.pathname = `/${dbName}`;

/** Median and 95th percentile of `fn`'s wall time over `n` calls (after one warm-up call). */
async function time(n, fn) {
  await fn();
  const ms = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)], p95: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.95))], worst: ms.at(-1) };
}
const fmt = (r) => `median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, worst ${r.worst.toFixed(1)} ms`;
// Text for the changes: our own German words, never the corpus.
const WORDS = ['Der', 'Bericht', 'nannte', 'die', 'Zahlen', 'des', 'Plans', 'nicht', 'vollständig', 'und', 'der', 'Ausschuss', 'verlangte', 'neue', 'Angaben'];
const sentence = (i, n) => Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ') + '.';

try {
  await migrateUp(url.toString());
  const config = { ...loadConfig({}, root), databaseUrl: url.toString(), databasePoolSize: 10, authSecret: 'x'.repeat(40), seedDemo: false, logLevel: 'error' };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  const db = app.get(DataSource);
  const user = await app.get(UsersService).create({ email: 'bench@interlinea.local', password: 'bench-password', isAdmin: true, displayName: 'Bench' });
  const actor = { ...user, via: 'api-token' };
  const project = await app.get(ProjectsService).create(actor, { slug: 'bench-review', title: 'Review bench', sourceLanguage: 'en', targetLanguages: ['de', 'ru'] });
  const access = await app.get(ProjectsService).access(actor, project.id);
  const bytes = readFileSync(bookPath);
  await app.get(ImportsService).importBook(access, actor, bytes, 'en');
  const [largest] = await db.query(
    `SELECT d.id, count(s.id)::int AS segments FROM documents d JOIN segments s ON s.document_id = d.id
      WHERE d.project_id = $1 GROUP BY d.id ORDER BY 2 DESC LIMIT 1`,
    [project.id],
  );
  const segmentIds = (await db.query(`SELECT id FROM segments WHERE document_id = $1 ORDER BY footnote_id NULLS FIRST, position`, [largest.id])).map((r) => r.id);
  console.log(`Book: ${bookPath.split('/').pop()}; largest chapter: ${largest.segments} segments (main flow and note bodies)`);
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}; PostgreSQL ${server.replace(/\/\/[^@]*@/, '//')}\n`);

  // A German translation of every segment, then CHANGES recorded changes: a fifth of them to one
  // segment (a much-edited paragraph), the rest spread over the chapter. Through the variant writer,
  // 50 variants per transaction, as REST writes (history listens).
  const writer = app.get(VariantWriter);
  const context = { projectId: project.id, documentId: largest.id, actorId: user.id, source: 'rest' };
  const started = performance.now();
  for (let i = 0; i < segmentIds.length; i += 50) {
    const slice = segmentIds.slice(i, i + 50);
    await db.transaction((tx) => writer.write(tx, context, slice.map((segmentId, k) => ({ segmentId, language: 'de', content: [{ type: 'text', text: sentence(i + k, 12) }], status: 'translated' }))));
  }
  const hot = segmentIds[Math.floor(segmentIds.length / 2)];
  let written = 0;
  for (let round = 0; written < CHANGES; round++) {
    const batch = [];
    for (let k = 0; k < 50 && written < CHANGES; k++, written++) {
      const segmentId = written % 5 === 0 ? hot : segmentIds[(round * 50 + k) % segmentIds.length];
      batch.push({ segmentId, language: 'de', content: [{ type: 'text', text: `${sentence(written, 12)} ${written}` }], status: 'translated' });
    }
    // The writer keeps the last write of a variant in a call: one call per hot-segment change.
    const hotOnes = batch.filter((w) => w.segmentId === hot);
    const rest = batch.filter((w) => w.segmentId !== hot);
    await db.transaction(async (tx) => {
      await writer.write(tx, context, rest);
      for (const w of hotOnes) await writer.write(tx, context, [w]);
    });
  }
  const [{ n: recorded }] = await db.query(`SELECT count(*)::int AS n FROM history_entries WHERE document_id = $1`, [largest.id]);
  const [{ n: hotCount }] = await db.query(`SELECT count(*)::int AS n FROM history_entries WHERE segment_id = $1 AND language = 'de'`, [hot]);
  console.log(`Recorded: ${recorded} history entries for the chapter (${hotCount} of them for one segment), in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

  const history = app.get(VariantHistoryService);
  const progress = app.get(ProgressService);
  const review = app.get(ReviewService);
  const results = {
    'history, most-changed segment (100 newest, word diffs)': await time(REPEAT, () => history.variant(access, largest.id, hot, 'de', 100)),
    'history, an ordinary segment': await time(REPEAT, () => history.variant(access, largest.id, segmentIds[3], 'de', 100)),
    'progress of the chapter': await time(REPEAT, () => progress.document(access, largest.id)),
    'progress of the edition (all chapters)': await time(REPEAT, () => progress.project(access)),
    'review state of the chapter (filters)': await time(REPEAT, () => review.chapterState(access, largest.id)),
  };
  for (const [what, r] of Object.entries(results)) console.log(`${what.padEnd(56)} ${fmt(r)}${r.median > 100 ? '  OVER TARGET' : ''}`);

  // Bulk approval: the book's chapters are shorter than 500 segments, so a chapter of 500 paragraphs
  // (our own text) is imported into a second edition. Before each run every paragraph gets a fresh
  // translated German text through the live document, as REST edits do, so every run approves 500.
  const bulkProject = await app.get(ProjectsService).create(actor, { slug: 'bench-bulk', title: 'Bulk bench', sourceLanguage: 'en', targetLanguages: ['de'] });
  const bulkAccess = await app.get(ProjectsService).access(actor, bulkProject.id);
  const markdown = `# 1. The Long Chapter\n\n${Array.from({ length: BULK - 1 }, (_, i) => `Paragraph ${i + 1} of the long chapter, written for the benchmark.`).join('\n\n')}\n`;
  await app.get(ImportsService).importBook(bulkAccess, actor, Buffer.from(markdown), 'en');
  const [bulkDoc] = await db.query(`SELECT id FROM documents WHERE project_id = $1`, [bulkProject.id]);
  const bulkIds = (await db.query(`SELECT id FROM segments WHERE document_id = $1 ORDER BY position`, [bulkDoc.id])).map((r) => r.id);
  const collab = app.get(CollaborationService);
  const bulkContext = { projectId: bulkProject.id, documentId: bulkDoc.id, actorId: user.id, source: 'rest' };
  const bulkRuns = [];
  for (let run = 0; run < 5; run++) {
    const writes = bulkIds.map((segmentId, k) => ({ segmentId, language: 'de', content: [{ type: 'text', text: `${sentence(k, 10)} Lauf ${run}` }], status: 'translated' }));
    await collab.edit(bulkAccess.project.languages, bulkDoc.id, user.id, (live) =>
      db.transaction(async (tx) => {
        live.change((doc, origin) => {
          for (const w of writes) setVariantContent(doc, w.segmentId, 'de', w.content, { origin });
        });
        await live.persist(tx);
        await writer.write(tx, bulkContext, writes);
      }),
    );
    const seen = await db.query(`SELECT segment_id AS "segmentId", revision, content_hash AS "contentHash" FROM variants WHERE segment_id = ANY($1::uuid[]) AND language = 'de'`, [bulkIds]);
    const t0 = performance.now();
    const result = await review.approveAll(bulkAccess, actor, bulkDoc.id, { language: 'de', segments: seen });
    const ms = performance.now() - t0;
    bulkRuns.push(ms);
    console.log(`bulk approve run ${run + 1}: ${result.approved.length} approved, ${result.skipped.length} skipped, ${ms.toFixed(0)} ms`);
  }
  const sorted = [...bulkRuns].sort((a, b) => a - b);
  console.log(`\nbulk approve of ${bulkIds.length}: median ${sorted[2].toFixed(0)} ms, worst ${sorted[4].toFixed(0)} ms (target < 1000 ms)`);
  await app.close();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
}
