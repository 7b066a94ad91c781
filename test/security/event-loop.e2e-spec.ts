import { spawn } from 'node:child_process';
import request from 'supertest';
import type { JobView } from '#libs/contracts';
import { CONTENT_LIMITS } from '#libs/content';
import { kill, spawnServer, type SpawnedServer } from '../collaboration/spawned-server.js';
import { eventually } from '../support/eventually.js';
import { createProject, createUser, login, startTestServer, type TestServer } from '../support/test-app.js';

/**
 * Asks `url` every 100 ms from a child process and, when stopped, reports how long each answer took
 * (-1 for anything but a 200 or no answer within 5 s).
 */
function startHealthProbe(url: string): { started: Promise<void>; stop(): Promise<number[]> } {
  const script = `
    const http = require('node:http');
    const latencies = [];
    let running = true;
    process.stdin.on('data', () => { running = false; });
    const once = () => new Promise((resolve) => {
      const t = Date.now();
      const req = http.get(${JSON.stringify(url)}, { timeout: 5000 }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode === 200 ? Date.now() - t : -1)); });
      req.on('timeout', () => { req.destroy(); resolve(-1); });
      req.on('error', () => resolve(-1));
    });
    (async () => {
      process.stdout.write('started\\n');
      while (running) { latencies.push(await once()); await new Promise((r) => setTimeout(r, 100)); }
      process.stdout.write(JSON.stringify(latencies) + '\\n');
      process.exit(0);
    })();`;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS'));
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'], env });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    started: eventually(() => (out.includes('started') ? undefined : Promise.reject(new Error('probe not started'))), { timeout: 10_000, interval: 20 }),
    stop: async () => {
      child.stdin.write('stop\n');
      await exited;
      return JSON.parse(out.trim().split('\n').at(-1)!) as number[];
    },
  };
}

/**
 * The built server in its own process, as production runs it, under the hostile requests of
 * issue 8 all at once: a book of 200,000 paragraphs (parsed in a worker thread, then refused), the
 * largest legal variants with alternating marks, variants and bodies over the limits, deep and
 * broken JSON. Meanwhile `/health` must answer every time within a second, and afterwards the
 * server is still there and still writes.
 */
describe('the event loop stays free under hostile requests (spawned server)', () => {
  let setup: TestServer;
  let server: SpawnedServer;
  let token: string;
  let projectId: string;
  let documentId: string;
  let segmentIds: string[];

  const auth = (r: request.Test) => r.set('Authorization', `Bearer ${token}`);
  const t = (text: string, marks?: ('italic' | 'bold')[]) => (marks ? { type: 'text', text, marks } : { type: 'text', text });

  beforeAll(async () => {
    setup = await startTestServer();
    const owner = await createUser(setup);
    server = await spawnServer();
    token = await login({ ...setup, url: server.url }, owner);
    projectId = (await createProject(setup, owner.id)).id;
    documentId = (await auth(request(server.url).post(`/api/projects/${projectId}/documents`)).send({ kind: 'chapter' })).body.id;
    segmentIds = [];
    for (let i = 0; i < 4; i++) {
      const res = await auth(request(server.url).post(`/api/projects/${projectId}/documents/${documentId}/segments`)).send({
        kind: 'paragraph',
        variants: { en: [t(`Paragraph ${i}.`)] },
      });
      segmentIds.push(res.body.id);
    }
  }, 120_000);
  afterAll(async () => {
    if (server) await kill(server, 'SIGTERM');
    await setup?.close();
  });

  it('answers /health within a second throughout', async () => {
    // Every body is built before the clock starts: building them would stall this process's own loop.
    const json = (value: unknown) => JSON.stringify(value);
    const alternating = (n: number) => json({ content: Array.from({ length: n }, (_, i) => t(`word ${i} `, i % 2 ? ['italic'] : undefined)) });
    const largest = alternating(CONTENT_LIMITS.nodes);
    const tooLarge = alternating(CONTENT_LIMITS.nodes * 10);
    const tooLong = alternating(30_000);
    const book = Buffer.from('# 1. A Very Long Chapter\n\n' + Array.from({ length: 200_000 }, (_, i) => `Paragraph ${i} of a book no one wrote.`).join('\n\n'));
    const deep = '['.repeat(500_000) + ']'.repeat(500_000);
    const broken = '{"email":"' + 'a'.repeat(1_900_000);
    const variant = (segment: string, language: string, body: string) =>
      auth(request(server.url).put(`/api/projects/${projectId}/documents/${documentId}/segments/${segment}/variants/${language}`))
        .set('Content-Type', 'application/json')
        .send(body);

    // The probe runs in its own process: this one is busy sending and receiving megabytes, and its
    // own delays must not count as the server's.
    const probe = startHealthProbe(`${server.url}/health`);
    await probe.started;

    const hostile = await Promise.all([
      (async () => {
        const started = await auth(request(server.url).post(`/api/projects/${projectId}/imports?language=en`))
          .set('Content-Type', 'text/markdown')
          .send(book);
        expect(started.status).toBe(202);
        return eventually(
          async () => {
            const job = (await auth(request(server.url).get(`/api/projects/${projectId}/jobs/${started.body.id}`))).body as JobView;
            expect(job.status).toBe('failed');
            return job.error?.code;
          },
          { timeout: 120_000, interval: 250 },
        );
      })(),
      ...segmentIds.slice(0, 3).map(async (segment) => (await variant(segment, 'ru', largest)).status),
      (async () => (await variant(segmentIds[3]!, 'de', tooLarge)).status)(),
      (async () => (await variant(segmentIds[3]!, 'de', tooLong)).status)(),
      (async () => {
        const res = await auth(request(server.url).post(`/api/projects/${projectId}/documents`)).set('Content-Type', 'application/json').send(deep);
        return res.status;
      })(),
      (async () => {
        const res = await request(server.url).post('/api/auth/login').set('Content-Type', 'application/json').send(broken);
        return res.status;
      })(),
    ]);
    const latencies = await probe.stop();

    expect(hostile).toEqual(['IMPORT_TOO_LARGE', 200, 200, 200, 413, 400, 400, 400]);
    expect(latencies.length).toBeGreaterThan(5);
    expect(latencies.filter((ms) => ms < 0)).toEqual([]); // every probe answered 200
    expect(Math.max(...latencies)).toBeLessThan(1_000);

    // Still up, still writing, nothing of the refused import kept.
    const after = await variant(segmentIds[0]!, 'de', json({ content: [t('Noch da.')] }));
    expect(after.status).toBe(200);
    const docs = await auth(request(server.url).get(`/api/projects/${projectId}/documents`));
    expect(docs.body).toHaveLength(1);
  }, 180_000);
});
