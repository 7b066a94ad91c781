import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Editions and who works on them, in which role (and, optionally, limited to some languages). */
export class ProjectsAndMembers1763700001000 implements MigrationInterface {
  name = 'ProjectsAndMembers1763700001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projects (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        title text NOT NULL,
        source_language text NOT NULL,
        target_languages text[] NOT NULL DEFAULT '{}',
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_projects PRIMARY KEY (id),
        CONSTRAINT fk_projects_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT chk_projects_slug CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$'),
        CONSTRAINT chk_projects_source_not_target CHECK (NOT (source_language = ANY (target_languages)))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_projects_slug ON projects (slug)`);
    await q.query(`
      CREATE TABLE project_members (
        project_id uuid NOT NULL,
        user_id uuid NOT NULL,
        role text NOT NULL,
        languages text[],
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_project_members PRIMARY KEY (project_id, user_id),
        CONSTRAINT fk_project_members_project_id FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
        CONSTRAINT fk_project_members_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT chk_project_members_role CHECK (role IN ('owner', 'translator', 'reviewer', 'publisher', 'viewer'))
      )`);
    await q.query(`CREATE INDEX idx_project_members_user_id ON project_members (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE project_members`);
    await q.query(`DROP TABLE projects`);
  }
}
