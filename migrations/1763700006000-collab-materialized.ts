import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the relational rows of a live document were last written from, kept with its snapshot:
 * `materialized_ids` are the log rows that the last materialising write had applied (compaction folds
 * only those, and an export knows a document is behind when its log holds any other), and
 * `materializer` / `materializer_until` say which API process normally writes them (a lease, renewed
 * by each write). Both change under the snapshot row's lock, as compaction does.
 */
export class CollabMaterialized1763700006000 implements MigrationInterface {
  name = 'CollabMaterialized1763700006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE collab_snapshots
        ADD COLUMN materialized_ids bigint[] NOT NULL DEFAULT '{}',
        ADD COLUMN materializer text,
        ADD COLUMN materializer_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE collab_snapshots DROP COLUMN materializer_until, DROP COLUMN materializer, DROP COLUMN materialized_ids`);
  }
}
