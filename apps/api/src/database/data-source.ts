import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../../../migrations/index.js';
import { entities } from './entities.js';
import { SnakeNamingStrategy } from './naming-strategy.js';

/**
 * The options of the one DataSource, used by the application, the CLI and the tests alike.
 * Migrations are the only way the schema changes: synchronize is off everywhere.
 */
export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // The embedded PGlite has no uuid-ossp; gen_random_uuid() comes from pgcrypto (core in PG 13+).
    uuidExtension: 'pgcrypto',
    extra: { max: poolSize, connectionTimeoutMillis: 10_000 },
    // Failed queries reach DomainErrorFilter, which logs the unexpected ones; expected ones (a taken
    // email) are not worth a log line each.
    logging: false,
  };
}

export const createDataSource = (url: string, poolSize: number): DataSource =>
  new DataSource(dataSourceOptions(url, poolSize));
