import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  DataDirectoryInUseError,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
} from '../../apps/api/src/database/embedded-postgres.js';

// PGlite's first start (initdb) takes several seconds; restarts about one. One database is created
// once, then every test starts from its own copy.
const FIRST_START_TIMEOUT = 90_000;
const TEST_TIMEOUT = 60_000;

const MAX_CONNECTIONS = 4;

describe('embedded PostgreSQL (PGlite)', () => {
  let template: string;
  const dirs: string[] = [];
  const running: EmbeddedPostgres[] = [];
  const pools: pg.Pool[] = [];
  const children: ChildProcess[] = [];

  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'interlinea-embedded-'));
    dirs.push(dir);
    return dir;
  };

  const start = async (options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> => {
    const db = await startEmbeddedPostgres(options);
    running.push(db);
    return db;
  };

  /** A fresh data directory holding an already initialised database. */
  const copyOfTemplate = (): string => {
    const dir = tempDir();
    cpSync(join(template, 'postgres'), join(dir, 'postgres'), { recursive: true });
    return dir;
  };

  const poolFor = (db: EmbeddedPostgres, max = MAX_CONNECTIONS): pg.Pool => {
    const pool = new pg.Pool({ connectionString: db.url, max });
    pools.push(pool);
    return pool;
  };

  beforeAll(async () => {
    template = tempDir();
    const logs: string[] = [];
    const db = await startEmbeddedPostgres({ dataDir: template, log: (m) => logs.push(m) });
    await db.stop();
    expect(logs.join('\n')).toContain(`creating a new database in ${join(template, 'postgres')}`);
  }, FIRST_START_TIMEOUT);

  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.end()));
    await Promise.all(running.splice(0).map((db) => db.stop()));
    for (const child of children.splice(0)) child.kill('SIGKILL');
  }, TEST_TIMEOUT);

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('starts on a free port of 127.0.0.1, says where the data lives, and stops idempotently', async () => {
    const dataDir = copyOfTemplate();
    const logs: string[] = [];
    const db = await start({ dataDir, log: (m) => logs.push(m) });

    expect(db.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(db.dataDir).toBe(dataDir);
    expect(logs.join('\n')).toContain(join(dataDir, 'postgres'));
    expect(existsSync(join(dataDir, 'interlinea.lock'))).toBe(true);

    await db.stop();
    await db.stop();
    expect(existsSync(join(dataDir, 'interlinea.lock'))).toBe(false);
  }, TEST_TIMEOUT);

  it('serves a pool of maxConnections running many concurrent queries, with large parameters', async () => {
    const db = await start({ dataDir: copyOfTemplate(), maxConnections: MAX_CONNECTIONS });
    const pool = poolFor(db);
    // A parameter larger than one TCP read: its Bind arrives in pieces while other connections
    // keep sending. Each query must still run its own statement with its own values.
    const big = 'ж'.repeat(600_000);

    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 6 === 0
          ? pool.query<{ n: number; len: number }>(`SELECT $1::int AS n, length($2::text) AS len`, [i, big])
          : pool.query<{ n: number; k: number }>(`SELECT $1::int AS n, ${i} AS k`, [i]),
      ),
    );

    results.forEach((result, i) => {
      expect(result.rows).toEqual([i % 6 === 0 ? { n: i, len: big.length } : { n: i, k: i }]);
    });
  }, TEST_TIMEOUT);

  it('keeps tables, gen_random_uuid() defaults and pgcrypto across a restart', async () => {
    const dataDir = copyOfTemplate();
    const first = await start({ dataDir });
    const pool = poolFor(first);
    // The first migration does this; TypeORM with uuidExtension 'pgcrypto' does it on every connect.
    await pool.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
    await pool.query('CREATE TABLE notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body text NOT NULL)');
    const inserted = await pool.query<{ id: string }>(
      `INSERT INTO notes (body) VALUES ($1), ($2) RETURNING id`,
      ['Προοίμιον', 'digest: x'],
    );
    expect(inserted.rows).toHaveLength(2);
    const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const row of inserted.rows) expect(row.id).toMatch(uuidV4);
    await pool.end();
    pools.splice(pools.indexOf(pool), 1);
    await first.stop();

    const second = await start({ dataDir });
    const again = poolFor(second);
    const { rows } = await again.query<{ id: string; body: string }>('SELECT id, body FROM notes ORDER BY body');
    expect(rows.map((r) => r.id).sort()).toEqual(inserted.rows.map((r) => r.id).sort());
    expect(rows.map((r) => r.body)).toEqual(['digest: x', 'Προοίμιον']);
    const digest = await again.query<{ hex: string }>(`SELECT encode(digest('abc', 'sha256'), 'hex') AS hex`);
    expect(digest.rows[0]!.hex).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  }, TEST_TIMEOUT);

  it('runs a transaction on one pooled connection alone: the others wait, then continue', async () => {
    const db = await start({ dataDir: copyOfTemplate() });
    const pool = poolFor(db);
    await pool.query('CREATE TABLE items (n int NOT NULL)');
    const inTransaction = await pool.connect();
    const other = await pool.connect();
    try {
      await inTransaction.query('BEGIN');
      await inTransaction.query('INSERT INTO items VALUES (1)');
      let otherFinished = false;
      const counted = other.query<{ c: number }>('SELECT count(*)::int AS c FROM items').then((r) => {
        otherFinished = true;
        return r.rows[0]!.c;
      });
      // Several round trips inside the transaction, each a chance for the other query to cut in.
      for (let i = 2; i <= 4; i++) await inTransaction.query('INSERT INTO items VALUES ($1)', [i]);
      expect(otherFinished).toBe(false);
      await inTransaction.query('ROLLBACK');
      // Had it run inside the (shared) session's open transaction it would have counted 4 rows.
      await expect(counted).resolves.toBe(0);
    } finally {
      inTransaction.release();
      other.release();
    }
  }, TEST_TIMEOUT);

  it('rolls back the transaction of a client that disconnects in the middle of it', async () => {
    const db = await start({ dataDir: copyOfTemplate() });
    const pool = poolFor(db);
    await pool.query('CREATE TABLE items (n int NOT NULL)');
    const client = await pool.connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO items VALUES (1)');
    client.release(true); // destroys the connection

    const { rows } = await pool.query<{ c: number }>('SELECT count(*)::int AS c FROM items');
    expect(rows).toEqual([{ c: 0 }]);
  }, TEST_TIMEOUT);

  it('keeps serving the other connections after a failing statement', async () => {
    const db = await start({ dataDir: copyOfTemplate() });
    const pool = poolFor(db);
    const outcomes = await Promise.allSettled([
      pool.query('SELECT $1::int AS n', ['not a number']),
      pool.query('SELECT 1 AS n'),
      pool.query('SELECT * FROM no_such_table'),
      pool.query('SELECT $1::int AS n', [2]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect((await pool.query('SELECT 3 AS n')).rows).toEqual([{ n: 3 }]);
  }, TEST_TIMEOUT);

  it('refuses more connections than maxConnections with a clear error', async () => {
    const db = await start({ dataDir: copyOfTemplate(), maxConnections: 2 });
    const clients = [new pg.Client(db.url), new pg.Client(db.url)];
    try {
      for (const client of clients) await client.connect();
      const third = new pg.Client(db.url);
      await expect(third.connect()).rejects.toThrow(/too many clients.*accepts 2 connections/);
      await third.end().catch(() => undefined);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  }, TEST_TIMEOUT);

  it('refuses a second start on a directory this process already serves', async () => {
    const dataDir = copyOfTemplate();
    await start({ dataDir });
    const second = startEmbeddedPostgres({ dataDir });
    await expect(second).rejects.toBeInstanceOf(DataDirectoryInUseError);
    await expect(second).rejects.toMatchObject({ code: 'DATA_DIR_IN_USE', pid: process.pid, dataDir });
  }, TEST_TIMEOUT);

  /** Another process that takes the directory's lock the way the lock module does, and stays alive. */
  const holdLockInChildProcess = async (dataDir: string): Promise<ChildProcess> => {
    const script = `
      const fs = require('node:fs');
      const fd = fs.openSync(process.argv[1], 'wx');
      const holder = { pid: process.pid, hostname: require('node:os').hostname(), startedAt: new Date().toISOString() };
      fs.writeSync(fd, JSON.stringify(holder) + '\\n');
      fs.closeSync(fd);
      process.stdout.write('locked\\n');
      setInterval(() => {}, 1 << 30);
    `;
    const child = spawn(process.execPath, ['-e', script, join(dataDir, 'interlinea.lock')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise<void>((locked, fail) => {
      child.stdout!.once('data', () => locked());
      child.once('exit', (code) => fail(new Error(`lock holder exited with ${code}`)));
    });
    return child;
  };

  it('refuses a directory held by another process, naming its pid', async () => {
    const dataDir = copyOfTemplate();
    const child = await holdLockInChildProcess(dataDir);

    const error = await startEmbeddedPostgres({ dataDir }).then(
      (db) => db.stop().then(() => null),
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(DataDirectoryInUseError);
    expect(error).toMatchObject({ code: 'DATA_DIR_IN_USE', pid: child.pid, dataDir });
    expect((error as Error).message).toContain(`pid ${child.pid}`);
    expect((error as Error).message).toContain(dataDir);
  }, TEST_TIMEOUT);

  it('takes over the lock of a process that was killed, and logs it', async () => {
    const dataDir = copyOfTemplate();
    const child = await holdLockInChildProcess(dataDir);
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL'); // no chance to clean up: the lock file stays behind
    await exited;
    expect(existsSync(join(dataDir, 'interlinea.lock'))).toBe(true);

    const logs: string[] = [];
    const db = await start({ dataDir, log: (m) => logs.push(m) });

    expect(logs.some((m) => m.includes(`pid ${child.pid}`) && m.includes('no longer running'))).toBe(true);
    expect((await poolFor(db).query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  }, TEST_TIMEOUT);
});
