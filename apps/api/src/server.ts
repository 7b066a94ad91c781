import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { createApp, type ResolvedConfig } from './app.factory.js';
import type { AppConfig } from './config/app-config.js';
import { resolveAuthSecret } from './config/auth-secret.js';
import { openDatabase } from './database/database-target.js';
import type { EmbeddedPostgres } from './database/embedded-postgres.js';
import { migrateUp } from './database/migrate.js';
import { DemoSeeder, type SeedResult } from './demo/demo-seeder.js';

export interface RunningServer {
  app: INestApplication;
  url: string;
  seed: SeedResult | null;
  embedded: EmbeddedPostgres | null;
  /** Stops accepting requests, lets running ones finish, closes the database, stops the embedded server. */
  close(): Promise<void>;
}

/** Everything `npm start` does after reading the configuration. */
export async function startServer(config: AppConfig, logger = new Logger('Interlinea')): Promise<RunningServer> {
  const database = await openDatabase(config, (m) => logger.log(m));
  const { embedded } = database;
  try {
    const resolved: ResolvedConfig = {
      ...config,
      databaseUrl: database.url,
      databasePoolSize: database.poolSize,
      authSecret: resolveAuthSecret(config.authSecret, config.dataDir),
    };
    const { applied } = await migrateUp(database.url);
    if (applied.length) logger.log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
    const app = await createApp(resolved);
    const seed = config.seedDemo ? await app.get(DemoSeeder).seedIfEmpty() : null;
    await app.listen(config.port, config.host);
    const address = app.getHttpServer().address() as { port: number };
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `http://${host}:${address.port}`;
    let closing: Promise<void> | null = null;
    return {
      app,
      url,
      seed,
      embedded,
      close: () =>
        (closing ??= (async () => {
          await app.close();
          await database.release();
        })()),
    };
  } catch (error) {
    await database.release();
    throw error;
  }
}
