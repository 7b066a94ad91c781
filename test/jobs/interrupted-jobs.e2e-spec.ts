import { jest } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import type { JobView } from '#libs/contracts';
import { JobsService } from '../../apps/api/src/jobs/jobs.service.js';
import { readCorpus } from '../support/corpus.js';
import { itWithShared } from '../support/shared-data.js';
import { eventually } from '../support/eventually.js';
import { createProject, createUser, login, startTestServer, testDatabaseUrl, type TestServer } from '../support/test-app.js';
import { kill, spawnServer } from '../collaboration/spawned-server.js';

jest.setTimeout(120_000);

/**
 * A job whose process died must not stay "running" for ever: any process fails it as interrupted
 * once its heartbeat stopped, and the import it was running left nothing behind.
 *
 * Other test files' servers share the database and sweep it too, with the default staleness: so
 * rows are aged with SQL rather than the staleness shortened (which would fail their live jobs), and
 * outcomes are read from the rows, whichever process swept them.
 */
describe('jobs of a process that died', () => {
  let server: TestServer;
  let db: pg.Pool;
  let owner: { id: string; email: string; password: string };
  let token: string;

  beforeAll(async () => {
    server = await startTestServer();
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    owner = await createUser(server);
    token = await login(server, owner);
  });
  afterAll(async () => {
    await server.close();
    await db.end();
  });

  const job = (projectId: string, jobId: string, language = 'en') =>
    request(server.url).get(`/api/projects/${projectId}/jobs/${jobId}`).set('Authorization', `Bearer ${token}`).set('Accept-Language', language);

  /** A job row as another process would have left it. */
  async function leftJob(projectId: string, status: 'queued' | 'running', heartbeatSecondsAgo: number): Promise<string> {
    const res = await db.query(
      `INSERT INTO jobs (project_id, kind, status, created_by, started_at, heartbeat_at)
       VALUES ($1, 'import', $2, $3, now(), now() - make_interval(secs => $4)) RETURNING id`,
      [projectId, status, owner.id, heartbeatSecondsAgo],
    );
    return (res.rows[0] as { id: string }).id;
  }

  itWithShared()('fails a killed import as interrupted, in the reader’s language, with nothing imported', async () => {
    const project = await createProject(server, owner.id);
    const doomed = await spawnServer();
    let jobId: string;
    try {
      const res = await request(doomed.url)
        .post(`/api/projects/${project.id}/imports?language=en&filename=book.md`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/octet-stream')
        .send(readCorpus('003'));
      expect(res.status).toBe(202);
      jobId = (res.body as JobView).id;
    } finally {
      await kill(doomed, 'SIGKILL');
    }
    // Killed before the import could finish: the row says queued or running, and will not change.
    expect(['queued', 'running']).toContain((await job(project.id, jobId).expect(200)).body.status);

    // While its heartbeat is recent, the job is presumed alive in the other process.
    expect(await server.app.get(JobsService).failInterrupted()).not.toContain(jobId);

    await db.query(`UPDATE jobs SET heartbeat_at = now() - interval '2 minutes' WHERE id = $1`, [jobId]);
    await server.app.get(JobsService).failInterrupted();
    const failed = (await job(project.id, jobId, 'de').expect(200)).body as JobView;
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED' } });
    expect(failed.error!.message).toContain('Der Server wurde angehalten');
    expect(failed.finishedAt).not.toBeNull();
    const documents = await db.query(`SELECT count(*)::int AS n FROM documents WHERE project_id = $1`, [project.id]);
    expect(documents.rows[0]).toEqual({ n: 0 });
  });

  it('leaves jobs with a live heartbeat and finished jobs alone', async () => {
    const project = await createProject(server, owner.id);
    const stale = await leftJob(project.id, 'running', 120);
    const queuedStale = await leftJob(project.id, 'queued', 120);
    const alive = await leftJob(project.id, 'running', 1);
    const done = await leftJob(project.id, 'running', 120);
    await db.query(`UPDATE jobs SET status = 'succeeded', finished_at = now() WHERE id = $1`, [done]);

    const failed = await server.app.get(JobsService).failInterrupted();
    expect(failed).not.toContain(alive);
    expect(failed).not.toContain(done);
    for (const id of [stale, queuedStale]) {
      expect((await job(project.id, id).expect(200)).body).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED' } });
    }
    expect((await job(project.id, alive).expect(200)).body.status).toBe('running');
    expect((await job(project.id, done).expect(200)).body.status).toBe('succeeded');
    expect((await job(project.id, stale, 'ru').expect(200)).body.error.message).toContain('Сервер остановился');
  });

  it('keeps a running job’s heartbeat fresh, so a long import is never taken for a dead one', async () => {
    const beating = await startTestServer({ jobs: { heartbeatMs: 50 } });
    let release = (): void => undefined;
    try {
      const project = await createProject(beating, owner.id);
      const jobs = beating.app.get(JobsService);
      const blocked = new Promise<void>((resolve) => (release = resolve));
      const view = await jobs.start(
        { project: { id: project.id } } as Parameters<JobsService['start']>[0],
        owner.id,
        'import',
        {},
        () => blocked,
      );
      await eventually(async () => expect((await job(project.id, view.id).expect(200)).body.status).toBe('running'));
      // Aged close to (not past) the staleness, so no other process fails it meanwhile; only the
      // heartbeat can make it fresh again.
      await db.query(`UPDATE jobs SET heartbeat_at = now() - interval '50 seconds' WHERE id = $1`, [view.id]);
      const fresh = async (): Promise<boolean> =>
        (await db.query(`SELECT heartbeat_at > now() - interval '10 seconds' AS fresh FROM jobs WHERE id = $1`, [view.id])).rows[0].fresh as boolean;
      await eventually(async () => expect(await fresh()).toBe(true), { timeout: 5_000 });
      expect((await job(project.id, view.id).expect(200)).body.status).toBe('running');
    } finally {
      release();
      await beating.close();
    }
  });
});
