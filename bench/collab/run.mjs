// Live collaboration benchmark: Interlinea's server, Hocuspocus 4 and the reference y-websocket
// server, side by side, driven by the same load generator (bench/README.md, "Collaboration").
//
//   npm ci --prefix bench/collab && npm run build:api && npm run bench:collab
//
// Each server runs in its own child process (memory is that child's RSS); clients run in the parent
// (writers) and in worker processes (viewers, idle connections). Interlinea runs as in production:
// the built server on PostgreSQL (a scratch database on TEST_DATABASE_URL's server, dropped at the
// end), with every update appended to the log before it is relayed.
import { fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureBuild } from '../../scripts/ensure-build.mjs';
import { connectClient, fillChapter, marker, now, textOf, Y } from './clients.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const WORKERS = Number(process.env.WORKERS ?? 4);
const ONLY = (process.env.SERVERS ?? 'interlinea,hocuspocus,ywebsocket').split(',');
const SCENARIOS = (process.env.SCENARIOS ?? 'latency,memory,open,throughput').split(',');
const LATENCY_RUNS = Number(process.env.LATENCY_RUNS ?? 3);
const log = (...args) => console.error(...args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- servers

/** Every child this run started, so an interrupted run leaves nothing behind. */
const children = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(130);
  });
}

async function startServer(kind, env = {}) {
  const port = env.PORT ?? (await freePort());
  const script = {
    interlinea: join(root, 'dist/apps/api/src/main.js'),
    hocuspocus: join(here, 'hocuspocus-server.mjs'),
    ywebsocket: join(here, 'ywebsocket-server.mjs'),
  }[kind];
  const child = spawn(process.execPath, [script], {
    cwd: kind === 'interlinea' ? root : here,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'false', WEB_DIR: '', AUTH_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const deadline = Date.now() + 60_000;
  while (!/running at|listening on/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${kind} did not start:\n${out}`);
    await sleep(50);
  }
  const http = `http://127.0.0.1:${port}`;
  return {
    kind,
    child,
    port,
    base: kind === 'interlinea' ? http.replace('http', 'ws') : `ws://127.0.0.1:${port}`,
    rss: () => rssOf(child.pid),
    output: () => out,
    /** Stops the server; resolves with how long it took (ms), or null when it had to be killed after 20 s. */
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null) return 0;
      const t0 = now();
      const exited = new Promise((r) => child.once('exit', r)).then(() => now() - t0);
      child.kill(signal);
      return Promise.race([exited, sleep(20_000).then(() => (child.kill('SIGKILL'), null))]);
    },
  };
}

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- Interlinea's database side

class Interlinea {
  async setup() {
    this.name = `interlinea_bench_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${this.name}"`);
    await admin.end();
    const url = new URL(PG);
    url.pathname = `/${this.name}`;
    this.url = url.toString();
    const { migrateUp } = await import(join(root, 'dist/apps/api/src/database/migrate.js'));
    await migrateUp(this.url);
    const { TokenSigner } = await import(join(root, 'dist/apps/api/src/auth/token-signer.js'));
    this.signer = new TokenSigner(SECRET);
    this.db = new pg.Pool({ connectionString: this.url, max: 4 });
    const [user] = (
      await this.db.query(`INSERT INTO users (email, display_name, password_hash) VALUES ('bench@bench.test', 'Bench', 'x') RETURNING id`)
    ).rows;
    const [project] = (
      await this.db.query(
        `INSERT INTO projects (slug, title, source_language, target_languages, created_by) VALUES ('bench', 'Bench', 'en', '{ru,de}', $1) RETURNING id`,
        [user.id],
      )
    ).rows;
    await this.db.query(`INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'owner')`, [project.id, user.id]);
    this.userId = user.id;
    this.projectId = project.id;
    this.position = 0;
  }

  /** A chapter with `segments` paragraphs in en, ru and de; returns its id and segment ids. */
  async chapter(segments) {
    const [doc] = (
      await this.db.query(`INSERT INTO documents (project_id, position, kind) VALUES ($1, $2, 'chapter') RETURNING id`, [this.projectId, this.position++])
    ).rows;
    const ids = Array.from({ length: segments }, () => randomUUID());
    await this.db.query(
      `INSERT INTO segments (id, document_id, position, kind) SELECT id, $1, ord - 1, 'paragraph' FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`,
      [doc.id, ids],
    );
    for (const lang of ['en', 'ru', 'de']) {
      await this.db.query(
        `INSERT INTO variants (segment_id, language, content, plain_text, content_hash)
         SELECT id, $2, jsonb_build_array(jsonb_build_object('type', 'text', 'text', $3 || ord)), $3 || ord, 'bench'
           FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)`,
        [ids, lang, textFor(lang)],
      );
    }
    return { name: doc.id, segments: ids };
  }

  token(documentId) {
    return this.signer.sign('collab', this.userId, 3600, { doc: documentId, prj: this.projectId }).token;
  }

  async logRows() {
    // The sequence, not a count: compaction deletes rows while the benchmark runs.
    return Number((await this.db.query(`SELECT last_value FROM collab_updates_id_seq`)).rows[0].last_value);
  }

  /** Rows in the log now (not yet folded into a snapshot). */
  async logRowsLeft() {
    return Number((await this.db.query(`SELECT count(*) AS n FROM collab_updates`)).rows[0].n);
  }

  async teardown() {
    await this.db.end();
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`);
    await admin.end();
  }
}

const textFor = (lang) => ({ en: 'The collectivisation of agriculture, paragraph ', ru: 'Коллективизация сельского хозяйства, абзац ', de: 'Die Kollektivierung der Landwirtschaft, Absatz ' })[lang];

/** For the servers that start empty: a chapter the first client writes, same layout and text. */
function inMemoryChapter(segments) {
  const ids = Array.from({ length: segments }, () => randomUUID());
  return {
    name: randomUUID(),
    segments: ids,
    content: ids.map((id, i) => ({ id, text: { en: textFor('en') + (i + 1), ru: textFor('ru') + (i + 1), de: textFor('de') + (i + 1) } })),
  };
}

// ---------------------------------------------------------------- load generator workers

class Workers {
  constructor(n) {
    this.procs = Array.from({ length: n }, () => fork(join(here, 'worker.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    for (const p of this.procs) {
      children.add(p);
      p.once('exit', () => children.delete(p));
    }
  }
  call(i, msg) {
    return new Promise((resolve, reject) => {
      this.procs[i].once('message', (reply) => (reply.ok ? resolve(reply) : reject(new Error(reply.error))));
      this.procs[i].send(msg);
    });
  }
  async connect(kind, base, targets) {
    const parts = this.procs.map(() => []);
    targets.forEach((t, i) => parts[i % parts.length].push(t));
    await Promise.all(parts.map((p, i) => (p.length ? this.call(i, { cmd: 'connect', kind, base, targets: p }) : null)));
  }
  async collect() {
    const replies = await Promise.all(this.procs.map((_, i) => this.call(i, { cmd: 'collect' })));
    return { latencies: replies.flatMap((r) => r.latencies), received: replies.reduce((n, r) => n + r.received, 0) };
  }
  async close() {
    await Promise.all(this.procs.map((_, i) => this.call(i, { cmd: 'close' }).catch(() => null)));
  }
}

const pct = (values, p) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** A chapter ready on the given server: in the database for Interlinea, written by a first client otherwise. */
async function prepareChapter(server, ctx, segments) {
  if (server.kind === 'interlinea') {
    const chapter = await ctx.interlinea.chapter(segments);
    return { ...chapter, token: ctx.interlinea.token(chapter.name) };
  }
  const chapter = inMemoryChapter(segments);
  const seeder = connectClient(server.kind, server.base, chapter.name, null);
  await seeder.ready;
  fillChapter(seeder.doc, chapter.content);
  // Keep the seeder until another client has the content (the servers keep documents while connected).
  return { ...chapter, token: null, seeder };
}

async function waitFor(check, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
}

// ---------------------------------------------------------------- scenarios

/** One writer, 100 viewers on one chapter: delivery latency of each edit to each viewer. */
async function latency(server, ctx) {
  const chapter = await prepareChapter(server, ctx, 20);
  const writer = connectClient(server.kind, server.base, chapter.name, chapter.token);
  await writer.ready;
  await waitFor(() => textOf(writer.doc, chapter.segments[0], 'de') !== null);
  const workers = new Workers(WORKERS);
  await workers.connect(
    server.kind,
    server.base,
    Array.from({ length: 100 }, () => ({ name: chapter.name, token: chapter.token, watch: { segment: chapter.segments[0], lang: 'de' } })),
  );
  const text = textOf(writer.doc, chapter.segments[0], 'de');
  const edits = Number(process.env.LATENCY_EDITS ?? 400);
  // Warm-up, then 20 edits per second (a brisk typist), in several runs: the machine is shared with
  // the load generator and PostgreSQL, so single runs are noisy; the median run is reported.
  for (let i = 0; i < 50; i++) text.insert(text.length, 'w', {});
  await sleep(500);
  await workers.collect();
  const runs = [];
  let seq = 0;
  for (let run = 0; run < LATENCY_RUNS; run++) {
    const first = seq;
    for (let i = 0; i < edits; i++) {
      text.insert(text.length, marker(seq++), {});
      await sleep(50);
    }
    const values = [];
    let received = 0;
    await waitFor(async () => {
      const got = await workers.collect();
      values.push(...got.latencies);
      received += got.received;
      return received >= (seq - first) * 100;
    }, 20_000).catch(() => undefined);
    runs.push({ p50: pct(values, 50), p99: pct(values, 99), max: Math.max(...values), delivered: `${received}/${(seq - first) * 100}` });
    log(`  ${server.kind} latency run`, runs.at(-1));
  }
  const byP99 = [...runs].sort((a, b) => a.p99 - b.p99);
  const median = byP99[Math.floor(byP99.length / 2)];
  const result = { p50: median.p50, p99: median.p99, runs };
  await workers.close();
  writer.destroy();
  chapter.seeder?.destroy();
  return result;
}

/** 3,000 idle connections over 300 chapters (10 paragraphs each): the server's resident memory. */
async function memory(server, ctx) {
  const before = server.rss();
  const chapters = [];
  for (let i = 0; i < 300; i++) chapters.push(await prepareChapter(server, ctx, 10));
  const workers = new Workers(WORKERS);
  const targets = chapters.flatMap((c) => Array.from({ length: 10 }, () => ({ name: c.name, token: c.token })));
  const started = Date.now();
  await workers.connect(server.kind, server.base, targets);
  const connectSeconds = (Date.now() - started) / 1000;
  for (const c of chapters) c.seeder?.destroy();
  // Let the server settle (timers, GC) and take the highest of a few samples.
  let rss = 0;
  for (let i = 0; i < 10; i++) {
    await sleep(300);
    rss = Math.max(rss, server.rss());
  }
  await workers.close();
  return { rssMB: rss / 2 ** 20, baselineMB: before / 2 ** 20, connectSeconds };
}

/** A chapter of 500 paragraphs × 3 languages after 20,000 edits: time from connecting to synced. */
async function open(server, ctx) {
  const chapter = await prepareChapter(server, ctx, 500);
  const writer = connectClient(server.kind, server.base, chapter.name, chapter.token);
  await writer.ready;
  await waitFor(() => textOf(writer.doc, chapter.segments[499], 'ru') !== null);
  let seed = 1;
  const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const EDITS = 20_000;
  for (let i = 0; i < EDITS; i++) {
    const t = textOf(writer.doc, chapter.segments[rand(500)], ['en', 'ru', 'de'][rand(3)]);
    if (rand(4) === 0 && t.length > 5) t.delete(rand(t.length - 3), 2);
    else t.insert(rand(t.length + 1), 'абвгдеёжзabcdef'[rand(15)], {});
    if (i % 500 === 499) await sleep(1); // let the socket drain
  }
  // All edits have reached the server when a fresh client sees the writer's state.
  const target = Y.encodeStateVector(writer.doc);
  const probe = connectClient(server.kind, server.base, chapter.name, chapter.token);
  await probe.ready;
  await waitFor(() => Buffer.compare(Buffer.from(Y.encodeStateVector(probe.doc)), Buffer.from(target)) === 0 || covers(probe.doc, writer.doc), 120_000);
  probe.destroy();
  const warm = [];
  for (let i = 0; i < 5; i++) {
    const t0 = now();
    const c = connectClient(server.kind, server.base, chapter.name, chapter.token);
    await c.ready;
    warm.push(now() - t0);
    c.destroy();
  }
  const result = { warmMs: pct(warm, 50) };
  writer.destroy();
  chapter.seeder?.destroy();
  if (server.kind === 'interlinea') {
    // Cold: a fresh process loads it from PostgreSQL (snapshot + log).
    result.gracefulStopMs = await server.stop();
    const again = await startServer('interlinea', { DATABASE_URL: ctx.interlinea.url, PORT: String(server.port) });
    // What the stopped process left in the log (it compacts at shutdown: none of it should be foldable).
    result.logRowsAfterStop = await ctx.interlinea.logRowsLeft();
    ctx.restarted = again;
    const cold = [];
    const t0 = now();
    const c = connectClient('interlinea', again.base, chapter.name, chapter.token);
    await c.ready;
    cold.push(now() - t0);
    c.destroy();
    result.coldMs = cold[0];
    result.logRows = await ctx.interlinea.logRows();

    // After a crash: 400 more edits are stored in the log and the process is killed (SIGKILL), so
    // it cannot compact; the next process loads the snapshot with those log rows on top.
    const typist = connectClient('interlinea', again.base, chapter.name, chapter.token);
    await typist.ready;
    for (let i = 0; i < 400; i++) {
      textOf(typist.doc, chapter.segments[rand(500)], 'de').insert(0, 'x');
      if (i % 100 === 99) await sleep(1);
    }
    // Relayed to another client only once stored.
    const check = connectClient('interlinea', again.base, chapter.name, chapter.token);
    await check.ready;
    await waitFor(() => covers(check.doc, typist.doc), 60_000);
    check.destroy();
    typist.destroy();
    await again.stop('SIGKILL');
    const third = await startServer('interlinea', { DATABASE_URL: ctx.interlinea.url, PORT: String(server.port) });
    ctx.restarted = third;
    result.logRowsAfterCrash = await ctx.interlinea.logRowsLeft();
    const t1 = now();
    const d = connectClient('interlinea', third.base, chapter.name, chapter.token);
    await d.ready;
    result.coldAfterCrashMs = now() - t1;
    d.destroy();
  }
  return result;
}

function covers(doc, of) {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(of))) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

/** Rising offered edit rates over 10 chapters (one writer each, one observer each): what gets through. */
async function throughput(server, ctx) {
  const DOCS = 10;
  const chapters = [];
  for (let i = 0; i < DOCS; i++) chapters.push(await prepareChapter(server, ctx, 5));
  const writers = [];
  for (const c of chapters) {
    const w = connectClient(server.kind, server.base, c.name, c.token);
    await w.ready;
    await waitFor(() => textOf(w.doc, c.segments[0], 'de') !== null);
    writers.push({ client: w, text: textOf(w.doc, c.segments[0], 'de') });
  }
  const workers = new Workers(Math.min(WORKERS, 2));
  await workers.connect(server.kind, server.base, chapters.map((c) => ({ name: c.name, token: c.token, watch: { segment: c.segments[0], lang: 'de' } })));
  const rows = [];
  let seq = 0;
  for (const rate of (process.env.RATES ?? '500,1000,2000,4000,8000,16000').split(',').map(Number)) {
    await workers.collect();
    const logBefore = server.kind === 'interlinea' ? await ctx.interlinea.logRows() : 0;
    const seconds = 3;
    const t0 = Date.now();
    let sent = 0;
    while (Date.now() - t0 < seconds * 1000) {
      const due = Math.floor(((Date.now() - t0) / 1000) * rate);
      while (sent < due) {
        const w = writers[sent % DOCS];
        // Delete as much as is inserted, so the text stays small at every rate.
        if (w.text.length > 400) w.text.delete(0, 200);
        w.text.insert(w.text.length, marker(seq++), {});
        sent++;
      }
      await sleep(1);
    }
    const elapsed = (Date.now() - t0) / 1000;
    const stats = { latencies: [], received: 0 };
    await waitFor(async () => {
      const got = await workers.collect();
      stats.latencies.push(...got.latencies);
      stats.received += got.received;
      return stats.received >= sent;
    }, 10_000).catch(() => undefined);
    const row = {
      offered: Math.round(sent / elapsed),
      delivered: Math.round(stats.received / elapsed),
      p50: pct(stats.latencies, 50),
      p99: pct(stats.latencies, 99),
    };
    if (server.kind === 'interlinea') row.logRowsPerSecond = Math.round(((await ctx.interlinea.logRows()) - logBefore) / elapsed);
    rows.push(row);
    log(`  ${server.kind} throughput`, row);
    if (row.delivered < row.offered * 0.9) log(`  ${server.kind} output:\n${server.output().slice(-4000)}`);
    if (row.delivered < 0.9 * row.offered || row.p99 > 1000) break;
  }
  await workers.close();
  for (const w of writers) w.client.destroy();
  for (const c of chapters) c.seeder?.destroy();
  const good = rows.filter((r) => r.delivered >= 0.95 * r.offered && r.p99 < 250);
  return { rows, sustained: good.length ? Math.max(...good.map((r) => r.delivered)) : 0 };
}

// ---------------------------------------------------------------- main

ensureBuild({ web: false });

const scenarios = { latency, memory, open, throughput };
const results = {};
for (const kind of ONLY) {
  results[kind] = {};
  for (const name of SCENARIOS) {
    const ctx = {};
    let server;
    try {
      if (kind === 'interlinea') {
        ctx.interlinea = new Interlinea();
        await ctx.interlinea.setup();
        server = await startServer(kind, { DATABASE_URL: ctx.interlinea.url });
      } else {
        server = await startServer(kind);
      }
      log(`${kind}: ${name}…`);
      results[kind][name] = await scenarios[name](server, ctx);
      log(`${kind}: ${name}`, JSON.stringify(results[kind][name]));
    } catch (error) {
      results[kind][name] = { error: String(error.message ?? error) };
      log(`${kind}: ${name} failed`, error);
    } finally {
      await ctx.restarted?.stop();
      await server?.stop();
      await ctx.interlinea?.teardown().catch(() => undefined);
    }
  }
}

const f = (v, digits = 1) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—');
const machine = `${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}`;
console.log(`\nCollaboration benchmark, ${new Date().toISOString().slice(0, 10)}, ${machine}\n`);
console.log('| server | latency p50 | latency p99 | RSS, 3,000 idle conns / 300 docs | first sync, 500×3 after 20k edits | sustained edits/s |');
console.log('|---|---|---|---|---|---|');
for (const kind of ONLY) {
  const r = results[kind];
  const sync =
    r.open?.coldMs !== undefined
      ? `${f(r.open.warmMs, 0)} ms warm, ${f(r.open.coldMs, 0)} ms cold, ${f(r.open.coldAfterCrashMs, 0)} ms after a crash`
      : `${f(r.open?.warmMs, 0)} ms`;
  console.log(
    `| ${kind} | ${f(r.latency?.p50, 2)} ms | ${f(r.latency?.p99, 2)} ms | ${f(r.memory?.rssMB, 0)} MB | ${sync} | ${r.throughput?.sustained ?? '—'} |`,
  );
}
console.log('\nRaw results:\n' + JSON.stringify(results, null, 1));
