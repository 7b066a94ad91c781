import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A process running a job touches `heartbeat_at` every few seconds. A queued or running job whose
 * heartbeat stopped belongs to a process that died (a crash, a kill, a lost machine); any process may
 * then mark it failed as interrupted, so nobody polls a job that will never finish. The partial index
 * keeps that sweep to the few unfinished jobs.
 */
export class JobHeartbeats1763700005000 implements MigrationInterface {
  name = 'JobHeartbeats1763700005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE jobs ADD COLUMN heartbeat_at timestamptz`);
    await q.query(`UPDATE jobs SET heartbeat_at = coalesce(started_at, created_at) WHERE status IN ('queued', 'running')`);
    // New jobs start with a heartbeat from the database's clock, the one the sweep compares with.
    await q.query(`ALTER TABLE jobs ALTER COLUMN heartbeat_at SET DEFAULT now()`);
    await q.query(`CREATE INDEX idx_jobs_unfinished_heartbeat_at ON jobs (heartbeat_at) WHERE status IN ('queued', 'running')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_jobs_unfinished_heartbeat_at`);
    await q.query(`ALTER TABLE jobs DROP COLUMN heartbeat_at`);
  }
}
