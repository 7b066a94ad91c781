import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import type { AppConfig } from '../config/app-config.js';
import { resolveAuthSecret } from '../config/auth-secret.js';
import { openDatabase } from '../database/database-target.js';
import { migrateUp } from '../database/migrate.js';

export interface CliContext {
  app: INestApplicationContext;
  close(): Promise<void>;
}

/**
 * The application without HTTP, for CLI commands: same modules, same services, same database
 * (the embedded one under DATA_DIR when DATABASE_URL is unset — which fails clearly while a server
 * holds that directory).
 */
export async function openCliContext(config: AppConfig): Promise<CliContext> {
  const database = await openDatabase(config);
  try {
    await migrateUp(database.url);
    const app = await NestFactory.createApplicationContext(
      AppModule.forRoot({
        ...config,
        databaseUrl: database.url,
        databasePoolSize: Math.min(database.poolSize, 4),
        authSecret: resolveAuthSecret(config.authSecret, config.dataDir),
        seedDemo: false,
      }),
      { logger: ['error', 'warn'] },
    );
    return {
      app,
      close: async () => {
        await app.close();
        await database.release();
      },
    };
  } catch (error) {
    await database.release();
    throw error;
  }
}

export async function withDatabaseUrl<T>(config: AppConfig, run: (url: string) => Promise<T>): Promise<T> {
  const database = await openDatabase(config);
  try {
    return await run(database.url);
  } finally {
    await database.release();
  }
}
