import { createDataSource } from './data-source.js';

/** Arbitrary but fixed: every Interlinea process migrating the same database takes this lock. */
const MIGRATION_LOCK = 7_341_990_211;

export interface MigrationResult {
  applied: string[];
}

/**
 * Brings the schema up to date. Several API processes may start at once against one database: the
 * advisory lock makes the others wait, and they then find nothing left to do.
 */
export async function migrateUp(url: string): Promise<MigrationResult> {
  const db = createDataSource(url, 1);
  await db.initialize();
  try {
    await db.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await db.runMigrations({ transaction: 'each' });
      return { applied: applied.map((m) => m.name) };
    } finally {
      await db.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await db.destroy();
  }
}

/** Reverts the newest applied migration; returns its name, or null when none is applied. */
export async function migrateDown(url: string): Promise<string | null> {
  const db = createDataSource(url, 1);
  await db.initialize();
  try {
    await db.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const executed = (await db.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`).catch(() => [])) as {
        name: string;
      }[];
      if (!executed.length) return null;
      await db.undoLastMigration({ transaction: 'each' });
      return executed[0]!.name;
    } finally {
      await db.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await db.destroy();
  }
}
