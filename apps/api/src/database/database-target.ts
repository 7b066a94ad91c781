import type { AppConfig } from '../config/app-config.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * PGlite serves one query at a time, so more pooled connections only queue inside it; a pool of one
 * keeps a transaction from waiting on a connection that waits on the transaction.
 */
export const EMBEDDED_POOL_SIZE = 1;

/** The database the server, the CLI and the migrations talk to. */
export interface DatabaseTarget {
  url: string;
  poolSize: number;
  /** The embedded server when DATABASE_URL is unset; null for a PostgreSQL server. */
  embedded: EmbeddedPostgres | null;
  /** Stops the embedded server, if any; a PostgreSQL server is left alone. */
  release(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR, started (and locked) here. */
export async function openDatabase(config: AppConfig, log?: (message: string) => void): Promise<DatabaseTarget> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, poolSize: config.databasePoolSize, embedded: null, release: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
  return { url: embedded.url, poolSize: EMBEDDED_POOL_SIZE, embedded, release: () => embedded.stop() };
}
