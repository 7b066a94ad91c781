// Says once per test run whether the data beside the repository (../shared: corpus books, reference
// suites) is there. Without it the tests that read it skip; with REQUIRE_SHARED_DATA=1 (CI) its
// absence stops the run here, before any test.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export default async function sharedDataNotice() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const dir = process.env.SHARED_DIR ? resolve(process.env.SHARED_DIR) : resolve(root, '../shared');
  if (existsSync(join(dir, 'corpus'))) return;
  if (process.env.REQUIRE_SHARED_DATA === '1') {
    throw new Error(`REQUIRE_SHARED_DATA=1, and there is no corpus at ${join(dir, 'corpus')}: the shared data must sit beside the repository.`);
  }
  process.stderr.write(`\nNo shared data at ${dir} (looked for ${join(dir, 'corpus')}): the tests that read the corpus books or the reference suites are skipped. Set SHARED_DIR to use a copy elsewhere.\n`);
}
