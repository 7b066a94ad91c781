// One fresh database per test run, migrated once; test files share it and each creates its own users
// and projects, so they can run in parallel and in any order. Jest loads this file outside its module
// system, so it is plain JavaScript and migrates with the built code (built here when stale).
import pg from 'pg';
import { resolveChromium } from '../../scripts/chromium.mjs';
import { ensureBuild } from '../../scripts/ensure-build.mjs';

export const serverUrl = () => process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function adminQuery(sql) {
  const server = serverUrl();
  const client = new pg.Client({ connectionString: server, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      [
        `The tests need PostgreSQL, and none answered at ${server.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}: ${error.message}.`,
        'Start the local server (as root: pg_ctlcluster --skip-systemctl-redirect 15 main start),',
        'or point TEST_DATABASE_URL at one (postgres://user@host:5432/postgres; the user must be allowed to create databases).',
      ].join('\n'),
    );
  }
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function globalSetup() {
  ensureBuild();
  // Decided (and the packaged build unpacked) once, here, before the workers start; they inherit the path.
  const browser = resolveChromium();
  process.env.CHROMIUM_PATH = browser.executablePath;
  process.stderr.write(`\nBrowser tests use ${browser.description}.\n`);
  const name = `interlinea_test_${Date.now().toString(36)}_${process.pid}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const { migrateUp } = await import('../../dist/apps/api/src/database/migrate.js');
  await migrateUp(url.toString());
  process.env.INTERLINEA_TEST_DB_NAME = name;
  process.env.INTERLINEA_TEST_DB_URL = url.toString();
}
