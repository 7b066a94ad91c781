import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The content of an edition: documents (chapters, front and back matter) in order, segments in order
 * (main flow, or the body of a footnote), one variant per segment and language, footnotes with their
 * own identity and per-language labels. Positions are dense per parent and renumbered by the code
 * under a lock of the parent row, hence indexed but not unique.
 */
export class ContentModel1763700002000 implements MigrationInterface {
  name = 'ContentModel1763700002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        position integer NOT NULL,
        kind text NOT NULL,
        titles jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_documents PRIMARY KEY (id),
        CONSTRAINT fk_documents_project_id FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
        CONSTRAINT chk_documents_kind CHECK (kind IN ('frontMatter', 'contents', 'chapter', 'backMatter', 'bibliography', 'index', 'glossary', 'biographies')),
        CONSTRAINT chk_documents_position CHECK (position >= 0)
      )`);
    await q.query(`CREATE INDEX idx_documents_project_id_position ON documents (project_id, position)`);

    await q.query(`
      CREATE TABLE footnotes (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL,
        position integer NOT NULL,
        labels jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_footnotes PRIMARY KEY (id),
        CONSTRAINT fk_footnotes_document_id FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX idx_footnotes_document_id_position ON footnotes (document_id, position)`);

    await q.query(`
      CREATE TABLE segments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL,
        footnote_id uuid,
        position integer NOT NULL,
        kind text NOT NULL,
        level smallint,
        language text,
        pages text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_segments PRIMARY KEY (id),
        CONSTRAINT fk_segments_document_id FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE,
        CONSTRAINT fk_segments_footnote_id FOREIGN KEY (footnote_id) REFERENCES footnotes (id) ON DELETE CASCADE,
        CONSTRAINT chk_segments_kind CHECK (kind IN ('heading', 'paragraph', 'blockQuote', 'listItem', 'table', 'caption', 'figure', 'noteBody')),
        CONSTRAINT chk_segments_level CHECK ((kind = 'heading') = (level IS NOT NULL) AND (level IS NULL OR level BETWEEN 1 AND 6)),
        CONSTRAINT chk_segments_note_body CHECK ((kind = 'noteBody') = (footnote_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX idx_segments_document_id_position ON segments (document_id, position) WHERE footnote_id IS NULL`);
    await q.query(`CREATE INDEX idx_segments_footnote_id_position ON segments (footnote_id, position) WHERE footnote_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE variants (
        segment_id uuid NOT NULL,
        language text NOT NULL,
        content jsonb NOT NULL DEFAULT '[]',
        plain_text text NOT NULL DEFAULT '',
        content_hash text NOT NULL,
        status text NOT NULL DEFAULT 'draft',
        revision integer NOT NULL DEFAULT 1,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        approved_hash text,
        approved_by uuid,
        approved_at timestamptz,
        CONSTRAINT pk_variants PRIMARY KEY (segment_id, language),
        CONSTRAINT fk_variants_segment_id FOREIGN KEY (segment_id) REFERENCES segments (id) ON DELETE CASCADE,
        CONSTRAINT fk_variants_updated_by FOREIGN KEY (updated_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT fk_variants_approved_by FOREIGN KEY (approved_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT chk_variants_status CHECK (status IN ('draft', 'translated', 'approved', 'rejected')),
        CONSTRAINT chk_variants_approval CHECK ((status = 'approved') = (approved_hash IS NOT NULL))
      )`);
    // Which variants reference a footnote: content @> '[{"type":"footnoteRef","footnoteId":"…"}]'.
    await q.query(`CREATE INDEX idx_variants_content ON variants USING gin (content jsonb_path_ops)`);

    await q.query(`
      CREATE TABLE history_entries (
        id bigint GENERATED ALWAYS AS IDENTITY,
        project_id uuid NOT NULL,
        document_id uuid,
        segment_id uuid,
        language text,
        actor_id uuid,
        source text NOT NULL,
        action text NOT NULL,
        before jsonb,
        after jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_history_entries PRIMARY KEY (id),
        CONSTRAINT fk_history_entries_project_id FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
        CONSTRAINT fk_history_entries_actor_id FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT chk_history_entries_source CHECK (source IN ('live', 'rest', 'import', 'review', 'structure', 'system'))
      )`);
    await q.query(`CREATE INDEX idx_history_entries_segment_id_created_at ON history_entries (segment_id, created_at)`);
    await q.query(`CREATE INDEX idx_history_entries_project_id_created_at ON history_entries (project_id, created_at)`);

    await q.query(`
      CREATE TABLE jobs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        kind text NOT NULL,
        status text NOT NULL DEFAULT 'queued',
        phase text,
        done integer NOT NULL DEFAULT 0,
        total integer NOT NULL DEFAULT 0,
        params jsonb NOT NULL DEFAULT '{}',
        result jsonb,
        error jsonb,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT pk_jobs PRIMARY KEY (id),
        CONSTRAINT fk_jobs_project_id FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
        CONSTRAINT fk_jobs_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT chk_jobs_status CHECK (status IN ('queued', 'running', 'succeeded', 'failed'))
      )`);
    await q.query(`CREATE INDEX idx_jobs_project_id_created_at ON jobs (project_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['jobs', 'history_entries', 'variants', 'segments', 'footnotes', 'documents']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
