import { adminQuery } from './global-setup.mjs';

export default async function globalTeardown() {
  const name = process.env.INTERLINEA_TEST_DB_NAME;
  if (name && !process.env.KEEP_TEST_DB) await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
