import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in sessions: one row per sign-in, named by the `sid` claim of its access tokens. A session
 * ends when it is revoked (sign-out) or at `expires_at`; `generation` counts refreshes, so only the
 * newest tokens of a session may be traded for new ones. Rows go with their user.
 */
export class AuthSessions1763700004000 implements MigrationInterface {
  name = 'AuthSessions1763700004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auth_sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        user_agent text,
        generation integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CONSTRAINT pk_auth_sessions PRIMARY KEY (id),
        CONSTRAINT fk_auth_sessions_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT chk_auth_sessions_generation CHECK (generation >= 0),
        CONSTRAINT chk_auth_sessions_expires_at CHECK (expires_at > created_at),
        CONSTRAINT chk_auth_sessions_user_agent CHECK (char_length(user_agent) <= 200)
      )`);
    await q.query(`CREATE INDEX idx_auth_sessions_user_id_expires_at ON auth_sessions (user_id, expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE auth_sessions`);
  }
}
