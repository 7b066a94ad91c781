import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { eventually } from '../support/eventually.js';

/**
 * The built server as `npm start` runs it: no DATABASE_URL, so the embedded database under DATA_DIR,
 * a first-run administrator and demo edition, a lock against a second process, a clean SIGTERM.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const mainJs = join(root, 'dist/apps/api/src/main.js');

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function run(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'REDIS_URL', 'AUTH_SECRET', 'PORT'].includes(k)));
  const child = spawn(process.execPath, [mainJs], {
    cwd: root,
    env: { ...clean, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function start(env: Record<string, string>): Promise<Started> {
  const { child, output, exited } = run(env);
  const running = (): string => {
    const match = /Interlinea is running at (http:\/\/\S+)/.exec(output());
    if (!match) throw new Error('not running yet');
    return match[1]!;
  };
  // Either it says it is running, or it exits (then there is no point in waiting for the deadline).
  const url = await Promise.race([
    eventually(running, { timeout: 60_000 }),
    exited.then(() => Promise.reject(new Error('exited'))),
  ]).catch(() => {
    throw new Error(`server did not start:\n${output()}`);
  });
  return { child, url, output };
}

async function stop(started: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => started.child.on('exit', (code) => resolve(code)));
  started.child.kill('SIGTERM');
  return exited;
}

describe('first run on the embedded database', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'interlinea-first-run-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts, seeds, locks its data, stops cleanly and keeps the data', async () => {
    const first = await start({ DATA_DIR: dataDir });
    const credentials = /administrator (\S+) \/ password (\S+)/.exec(first.output());
    expect(credentials).not.toBeNull();
    expect(first.output()).toContain(`Embedded database: ${dataDir}`);
    const [, email, password] = credentials!;

    const health = await request(first.url).get('/health');
    expect(health.body).toMatchObject({ status: 'ok', database: 'up' });
    const page = await request(first.url).get('/projects').set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');

    const login = await request(first.url).post('/api/auth/login').send({ email, password });
    expect(login.status).toBe(200);
    const projects = await request(first.url).get('/api/projects').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(projects.body.items.map((p: { slug: string }) => p.slug)).toContain('demo-edition');

    const second = run({ DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(dataDir);
    expect(second.output()).toContain(String(first.child.pid));

    expect(await stop(first)).toBe(0);

    const again = await start({ DATA_DIR: dataDir });
    try {
      expect(again.output()).not.toContain('First run');
      const relogin = await request(again.url).post('/api/auth/login').send({ email, password });
      expect(relogin.status).toBe(200);
      const list = await request(again.url).get('/api/projects').set('Authorization', `Bearer ${relogin.body.accessToken}`);
      expect(list.body.items.map((p: { slug: string }) => p.slug)).toEqual(['demo-edition']);
    } finally {
      expect(await stop(again)).toBe(0);
    }
  }, 120_000);

  it('refuses to start on a malformed variable and names it', async () => {
    const { output, exited } = run({ DATA_DIR: dataDir, PORT: 'eighty' });
    expect(await exited).toBe(1);
    expect(output()).toContain('Configuration error: PORT must be a whole number, got "eighty"');
  });
});
