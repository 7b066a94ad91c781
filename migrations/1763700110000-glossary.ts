import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transliteration glossary. A glossary belongs to the edition that made it (`project_id`: its
 * roles decide who edits it) and is used by any edition that links it (`project_glossaries`), so one
 * glossary can serve several editions. Entries keep their forms per language as JSON
 * (`{ "en": [{ "form": "Zinoviev", "status": "preferred" }, …] }`) with a revision for optimistic
 * updates. `edition_conventions` holds an edition's transliteration scheme or own convention per target
 * language and how severe each kind of finding is. Changes are recorded in `history_entries`
 * (action `glossary.entry.*`, the entry's id in before/after), indexed for an entry's history.
 */
export class Glossary1763700110000 implements MigrationInterface {
  name = 'Glossary1763700110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE glossaries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_glossaries PRIMARY KEY (id),
        CONSTRAINT fk_glossaries_project_id FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
        CONSTRAINT chk_glossaries_name CHECK (length(btrim(name)) > 0)
      )`);
    await q.query(`CREATE INDEX idx_glossaries_project_id ON glossaries (project_id)`);
    await q.query(`
      CREATE TABLE project_glossaries (
        project_id uuid NOT NULL,
        glossary_id uuid NOT NULL,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_project_glossaries PRIMARY KEY (project_id, glossary_id),
        CONSTRAINT fk_project_glossaries_project_id FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
        CONSTRAINT fk_project_glossaries_glossary_id FOREIGN KEY (glossary_id) REFERENCES glossaries (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX idx_project_glossaries_glossary_id ON project_glossaries (glossary_id)`);
    await q.query(`
      CREATE TABLE glossary_entries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        glossary_id uuid NOT NULL,
        lemma text,
        kind text NOT NULL,
        first_name text,
        patronymic text,
        definition text NOT NULL DEFAULT '',
        notes text NOT NULL DEFAULT '',
        forms jsonb NOT NULL DEFAULT '{}',
        revision integer NOT NULL DEFAULT 1,
        created_by uuid,
        updated_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_glossary_entries PRIMARY KEY (id),
        CONSTRAINT fk_glossary_entries_glossary_id FOREIGN KEY (glossary_id) REFERENCES glossaries (id) ON DELETE CASCADE,
        CONSTRAINT fk_glossary_entries_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT fk_glossary_entries_updated_by FOREIGN KEY (updated_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT chk_glossary_entries_kind CHECK (kind IN ('person', 'place', 'organisation', 'term', 'abbreviation')),
        CONSTRAINT chk_glossary_entries_forms CHECK (jsonb_typeof(forms) = 'object'),
        CONSTRAINT chk_glossary_entries_named CHECK (lemma IS NOT NULL OR forms <> '{}'::jsonb)
      )`);
    await q.query(`CREATE INDEX idx_glossary_entries_glossary_id_lemma ON glossary_entries (glossary_id, lower(lemma))`);
    await q.query(`
      CREATE TABLE edition_conventions (
        project_id uuid NOT NULL,
        language text NOT NULL,
        scheme text NOT NULL,
        convention jsonb,
        severities jsonb NOT NULL DEFAULT '{}',
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_edition_conventions PRIMARY KEY (project_id, language),
        CONSTRAINT fk_edition_conventions_project_id FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
        CONSTRAINT fk_edition_conventions_updated_by FOREIGN KEY (updated_by) REFERENCES users (id) ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE INDEX idx_history_entries_glossary_entry ON history_entries ((coalesce(after ->> 'id', before ->> 'id')), created_at)
      WHERE action LIKE 'glossary.entry.%'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_history_entries_glossary_entry`);
    await q.query(`DROP TABLE edition_conventions`);
    await q.query(`DROP TABLE glossary_entries`);
    await q.query(`DROP TABLE project_glossaries`);
    await q.query(`DROP TABLE glossaries`);
  }
}
