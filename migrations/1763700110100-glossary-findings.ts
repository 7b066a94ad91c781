import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The glossary's findings on each variant, written by the "variants changed" listener in the same
 * transaction as the text, so the chapter view reads them without checking again. `glossary_stamp` is
 * the fingerprint of the glossaries and conventions they were computed with: a read with another
 * fingerprint computes them afresh.
 */
export class GlossaryFindings1763700110100 implements MigrationInterface {
  name = 'GlossaryFindings1763700110100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE glossary_findings (
        segment_id uuid NOT NULL,
        language text NOT NULL,
        document_id uuid NOT NULL,
        findings jsonb NOT NULL DEFAULT '[]',
        glossary_stamp text NOT NULL,
        checked_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_glossary_findings PRIMARY KEY (segment_id, language),
        CONSTRAINT fk_glossary_findings_segment_id FOREIGN KEY (segment_id) REFERENCES segments (id) ON DELETE CASCADE,
        CONSTRAINT fk_glossary_findings_document_id FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX idx_glossary_findings_document_id_language ON glossary_findings (document_id, language)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE glossary_findings`);
  }
}
