import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An alignment proposal: a translation aligned with the edition, held until an owner or publisher
 * confirms it (then its text becomes draft variants) or discards it. Nothing is written to the
 * edition before. The proposal itself (beads, notes) is one JSON document: it is read and rewritten
 * whole by its reviewer, never queried inside.
 */
export class AlignmentProposals1763700150000 implements MigrationInterface {
  name = 'AlignmentProposals1763700150000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alignment_proposals (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        language text NOT NULL,
        filename text,
        status text NOT NULL DEFAULT 'open',
        proposal jsonb NOT NULL,
        revision integer NOT NULL DEFAULT 1,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CONSTRAINT pk_alignment_proposals PRIMARY KEY (id),
        CONSTRAINT fk_alignment_proposals_project_id FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
        CONSTRAINT fk_alignment_proposals_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT chk_alignment_proposals_status CHECK (status IN ('open', 'confirmed', 'discarded'))
      )`);
    await q.query(`CREATE INDEX idx_alignment_proposals_project_id_created_at ON alignment_proposals (project_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alignment_proposals`);
  }
}
