import request from 'supertest';
import { eventually } from '../support/eventually.js';
import { createUser, startTestServer, type TestServer } from '../support/test-app.js';
import { api, type Chapter, collabToken, connect, createChapter, synced, textOf, wsBase } from '../collaboration/collab-support.js';
import { type FuzzAnswer, fuzzRestOnce, fuzzSocketOnce, routesOf, seeded } from './hostile-fuzz.js';

/**
 * Seeded hostile input for a bounded time (FUZZ_DURATION_MS, 8 s each by default; FUZZ_SEED to
 * replay; `node bench/fuzz.mjs` runs it for longer): every answer is below 500, nothing hangs,
 * and afterwards the server still serves, syncs and stores.
 */
const DURATION = Number(process.env.FUZZ_DURATION_MS ?? 8_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);

describe(`hostile-input fuzzing (seed ${SEED}, ${DURATION} ms per part)`, () => {
  let server: TestServer;
  let chapter: Chapter;
  let footnoteId: string;

  beforeAll(async () => {
    server = await startTestServer();
    chapter = await createChapter(server, await createUser(server), 3);
    footnoteId = (await api(server, chapter.owner.token).post(`/api/projects/${chapter.projectId}/documents/${chapter.documentId}/footnotes`, { labels: { en: '1' } })).body.id;
  });
  afterAll(() => server.close());

  const stillServing = async (): Promise<void> => {
    expect((await request(server.url).get('/health')).status).toBe(200);
    const segments = await api(server, chapter.owner.token).get(`/api/projects/${chapter.projectId}/documents/${chapter.documentId}/segments`);
    expect(segments.status).toBe(200);
  };

  it('REST: no 500, no hang, over every route', async () => {
    const r = seeded(SEED);
    const routes = await routesOf(server.url);
    expect(routes.length).toBeGreaterThan(30);
    const target = {
      url: server.url,
      token: chapter.owner.token,
      params: { projectId: chapter.projectId, documentId: chapter.documentId, segmentId: chapter.segments[0]!, footnoteId, userId: chapter.owner.id, language: 'ru' },
    };
    const failures: FuzzAnswer[] = [];
    const seen = new Set<string>();
    let count = 0;
    const until = Date.now() + DURATION;
    while (Date.now() < until) {
      const answer = await fuzzRestOnce(r, target, routes);
      count++;
      seen.add(String(answer.status));
      if (answer.status >= 500) failures.push(answer);
      if (failures.length >= 5) break;
    }
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThan(20);
    expect([...seen].some((s) => s.startsWith('4'))).toBe(true);
    await stillServing();
  }, DURATION + 60_000);

  it('socket: hostile frames leave the chapter syncing and storing for everyone else', async () => {
    const r = seeded(SEED + 1);
    const until = Date.now() + DURATION;
    while (Date.now() < until) {
      const token = await collabToken(server, chapter, chapter.owner);
      await fuzzSocketOnce(r, `${wsBase(server)}/${chapter.documentId}?token=${encodeURIComponent(token)}`, 1 + Math.floor(r() * 20));
    }
    await stillServing();
    const client = connect(server, chapter.documentId, await collabToken(server, chapter, chapter.owner));
    try {
      await synced(client);
      textOf(client.doc, chapter.segments[2]!, 'de').insert(0, 'Nach dem Sturm. ');
      await eventually(
        async () => {
          const res = await api(server, chapter.owner.token).get(`/api/projects/${chapter.projectId}/documents/${chapter.documentId}/segments/${chapter.segments[2]}`);
          expect(res.body.variants.de?.plainText).toBe('Nach dem Sturm. ');
        },
        { timeout: 20_000, interval: 100 },
      );
    } finally {
      client.destroy();
    }
  }, DURATION + 60_000);
});
