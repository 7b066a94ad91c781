#!/usr/bin/env node
// The hostile-input fuzz suite (test/security/fuzz.e2e-spec.ts) for longer than `npm test` gives
// it, over several seeds. Each seed runs the REST and the socket part for FUZZ_DURATION_MS each
// against a fresh server on the test database; any 500, hang or lost write fails it, and the seed
// printed is the one to replay with FUZZ_SEED=….
//
//   node bench/fuzz.mjs                          # 3 seeds × 2 parts × 2 minutes
//   SEEDS=10 FUZZ_DURATION_MS=600000 node bench/fuzz.mjs
//   FUZZ_SEED=20261204 FUZZ_DURATION_MS=60000 node bench/fuzz.mjs   # replay one seed
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const duration = process.env.FUZZ_DURATION_MS ?? '120000';
const seeds = process.env.FUZZ_SEED
  ? [Number(process.env.FUZZ_SEED)]
  : Array.from({ length: Number(process.env.SEEDS ?? 3) }, (_, i) => 20261204 + i * 7919);

let failed = 0;
for (const seed of seeds) {
  const started = Date.now();
  const run = spawnSync(
    process.execPath,
    ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--selectProjects', 'e2e', '--forceExit', 'test/security/fuzz.e2e-spec.ts'],
    { cwd: root, stdio: 'inherit', env: { ...process.env, FUZZ_SEED: String(seed), FUZZ_DURATION_MS: duration } },
  );
  const ok = run.status === 0;
  if (!ok) failed++;
  console.log(`seed ${seed}: ${ok ? 'no 500, no hang' : 'FAILED'} (${Math.round((Date.now() - started) / 1000)} s, ${duration} ms per part)`);
}
process.exit(failed ? 1 : 0);
