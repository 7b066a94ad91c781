import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The file an export job produced, kept in the database (not on one process's disk) so any API
 * process can serve the download; it goes with its job.
 */
export class ExportFiles1763700120000 implements MigrationInterface {
  name = 'ExportFiles1763700120000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE export_files (
      job_id uuid NOT NULL,
      filename text NOT NULL,
      media_type text NOT NULL,
      content bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pk_export_files PRIMARY KEY (job_id),
      CONSTRAINT fk_export_files_job_id FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE export_files`);
  }
}
