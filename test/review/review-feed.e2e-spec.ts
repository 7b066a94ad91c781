import { DataSource } from 'typeorm';
import { ReviewFeed, type ReviewNotice } from '../../apps/api/src/review/review-feed.js';
import { VariantWriter } from '../../apps/api/src/variants/variant-writer.js';
import { createChapter, type Chapter } from '../collaboration/collab-support.js';
import { eventually } from '../support/eventually.js';
import { createUser, startTestServer, type TestServer } from '../support/test-app.js';

/** The review feed hears of variant writes only once they are committed, and never of rolled-back ones. */
describe('review feed', () => {
  let server: TestServer;
  let chapter: Chapter;
  const heard: ReviewNotice[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    chapter = await createChapter(server, await createUser(server), 2);
    server.app.get(ReviewFeed).stream().subscribe((n) => heard.push(n));
  });
  afterAll(() => server.close());

  const write = (tx: Parameters<VariantWriter['write']>[0], segmentId: string, text: string) =>
    server.app.get(VariantWriter).write(tx, { projectId: chapter.projectId, documentId: chapter.documentId, actorId: chapter.owner.id, source: 'rest' }, [
      { segmentId, language: 'de', content: [{ type: 'text', text }], status: 'draft' },
    ]);

  it('announces after the commit, not before, and not at all after a rollback', async () => {
    const db = server.app.get(DataSource);
    const [first, second] = chapter.segments as [string, string];
    await expect(
      db.transaction(async (tx) => {
        await write(tx, first, 'Wird zurückgerollt.');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await db.transaction(async (tx) => {
      await write(tx, second, 'Bleibt.');
      // Inside the transaction nothing is announced yet.
      expect(heard.filter((n) => n.kind === 'variants' && n.segmentIds.includes(second))).toEqual([]);
    });
    await eventually(() => expect(heard.some((n) => n.kind === 'variants' && n.segmentIds.includes(second))).toBe(true));
    expect(heard.some((n) => n.kind === 'variants' && n.segmentIds.includes(first))).toBe(false);
  });
});
