/**
 * The data beside the repository in `../shared` (the two corpus books, reference suites). A newcomer's
 * clone has none: tests that read it skip (the run says once which path it looked for), unless
 * REQUIRE_SHARED_DATA=1 (CI), where a missing folder fails the run instead.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `SHARED_DIR`, else `../shared` beside the repository. */
export const sharedDir: string = process.env.SHARED_DIR ? path.resolve(process.env.SHARED_DIR) : path.resolve(repositoryRoot, '../shared');

export const sharedPath = (...parts: string[]): string => path.join(sharedDir, ...parts);

/** Whether `../shared/<part>` is there; with REQUIRE_SHARED_DATA=1 its absence throws, failing the test file. */
export function sharedDataAvailable(part: string): boolean {
  const present = existsSync(sharedPath(part));
  if (!present && process.env.REQUIRE_SHARED_DATA === '1') {
    throw new Error(`REQUIRE_SHARED_DATA=1, and ${sharedPath(part)} is missing: the corpus and reference data must sit beside the repository.`);
  }
  return present;
}

/**
 * `describe` for a block that reads `../shared/<part>` (default the corpus). Without it the block is
 * skipped whole: its body, which may read the files while collecting, is not run.
 */
export function describeWithShared(part = 'corpus'): (name: string, body: () => void) => void {
  if (sharedDataAvailable(part)) return (name, body) => describe(name, body);
  return (name) => describe.skip(name, () => it.skip(`needs ${sharedPath(part)}`, () => undefined));
}

/** `it` for one test that reads `../shared/<part>` (default the corpus); skipped without it. */
export function itWithShared(part = 'corpus'): jest.It {
  return sharedDataAvailable(part) ? it : it.skip;
}
