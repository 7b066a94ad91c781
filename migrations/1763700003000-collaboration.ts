import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live co-editing: every Yjs update the server accepts is appended to `collab_updates` before anyone
 * else sees it; compaction folds a prefix of the log into `collab_snapshots` (one row per document,
 * `last_update_id` saying which log rows it contains). A document loads from snapshot plus the rows
 * after it. Both go with their document.
 */
export class Collaboration1763700003000 implements MigrationInterface {
  name = 'Collaboration1763700003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE collab_updates (
        id bigserial NOT NULL,
        document_id uuid NOT NULL,
        update bytea NOT NULL,
        user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_collab_updates PRIMARY KEY (id),
        CONSTRAINT fk_collab_updates_document_id FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE,
        CONSTRAINT fk_collab_updates_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX idx_collab_updates_document_id_id ON collab_updates (document_id, id)`);
    await q.query(`CREATE INDEX idx_collab_updates_user_id ON collab_updates (user_id) WHERE user_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE collab_snapshots (
        document_id uuid NOT NULL,
        state bytea NOT NULL,
        last_update_id bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_collab_snapshots PRIMARY KEY (document_id),
        CONSTRAINT fk_collab_snapshots_document_id FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE collab_snapshots`);
    await q.query(`DROP TABLE collab_updates`);
  }
}
