import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review: comment threads on segments, history that knows reverts, and what progress and history
 * read fast.
 *
 * - `comments`: a thread is a row without `parent_id` on a segment (optionally one language); replies
 *   point at it. Only a thread is resolved. `mentions` are user ids (members when written); `kind`
 *   tells a rejection's reason (written by the review) from an ordinary comment.
 * - `history_entries.source` gains `revert` (a reviewer or translator went back to an earlier text).
 * - `variants.word_count`: words of the plain text, kept by PostgreSQL itself, so progress by words is a
 *   sum and every writer (REST, live, import) keeps it right without knowing of it.
 * - The history of one variant is read newest first by (segment, language, id).
 */
export class ReviewAndComments1763700100000 implements MigrationInterface {
  name = 'ReviewAndComments1763700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE comments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        document_id uuid NOT NULL,
        segment_id uuid NOT NULL,
        language text,
        parent_id uuid,
        kind text NOT NULL DEFAULT 'comment',
        author_id uuid,
        body text NOT NULL,
        mentions uuid[] NOT NULL DEFAULT '{}',
        resolved_at timestamptz,
        resolved_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_comments PRIMARY KEY (id),
        CONSTRAINT fk_comments_project_id FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
        CONSTRAINT fk_comments_document_id FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE,
        CONSTRAINT fk_comments_segment_id FOREIGN KEY (segment_id) REFERENCES segments (id) ON DELETE CASCADE,
        CONSTRAINT fk_comments_parent_id FOREIGN KEY (parent_id) REFERENCES comments (id) ON DELETE CASCADE,
        CONSTRAINT fk_comments_author_id FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT fk_comments_resolved_by FOREIGN KEY (resolved_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT chk_comments_kind CHECK (kind IN ('comment', 'rejection')),
        CONSTRAINT chk_comments_body CHECK (length(body) BETWEEN 1 AND 10000),
        CONSTRAINT chk_comments_resolved_thread CHECK (parent_id IS NULL OR resolved_at IS NULL)
      )`);
    await q.query(`CREATE INDEX idx_comments_document_id_created_at ON comments (document_id, created_at) WHERE parent_id IS NULL`);
    await q.query(`CREATE INDEX idx_comments_parent_id_created_at ON comments (parent_id, created_at) WHERE parent_id IS NOT NULL`);
    await q.query(`CREATE INDEX idx_comments_segment_id ON comments (segment_id)`);
    await q.query(`CREATE INDEX idx_comments_mentions ON comments USING gin (mentions)`);

    await q.query(`ALTER TABLE history_entries DROP CONSTRAINT chk_history_entries_source`);
    await q.query(`
      ALTER TABLE history_entries ADD CONSTRAINT chk_history_entries_source
        CHECK (source IN ('live', 'rest', 'import', 'review', 'revert', 'structure', 'system'))`);
    await q.query(`CREATE INDEX idx_history_entries_segment_id_language_id ON history_entries (segment_id, language, id)`);
    // The last review decision per variant (filters "changed since approval", rejection reasons).
    await q.query(`
      CREATE INDEX idx_history_entries_review_decisions ON history_entries (segment_id, language, id)
        WHERE action IN ('review.approve', 'review.reject')`);

    await q.query(`
      ALTER TABLE variants ADD COLUMN word_count integer GENERATED ALWAYS AS (
        CASE WHEN plain_text ~ '^\\s*$' THEN 0
             ELSE coalesce(array_length(regexp_split_to_array(regexp_replace(plain_text, '^\\s+|\\s+$', '', 'g'), '\\s+'), 1), 0)
        END) STORED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE variants DROP COLUMN word_count`);
    await q.query(`DROP INDEX idx_history_entries_review_decisions`);
    await q.query(`DROP INDEX idx_history_entries_segment_id_language_id`);
    await q.query(`DELETE FROM history_entries WHERE source = 'revert'`);
    await q.query(`ALTER TABLE history_entries DROP CONSTRAINT chk_history_entries_source`);
    await q.query(`
      ALTER TABLE history_entries ADD CONSTRAINT chk_history_entries_source
        CHECK (source IN ('live', 'rest', 'import', 'review', 'structure', 'system'))`);
    await q.query(`DROP TABLE comments`);
  }
}
