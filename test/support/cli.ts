import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testDatabaseUrl } from './test-app.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs the built CLI against the test database, as `npm run cli -- …` does, in a process of its own;
 * in English unless `env` sets LANG (LC_ALL and LC_MESSAGES, which would win over it, are cleared).
 */
export function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'dist/apps/api/src/cli/main.js'), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: testDatabaseUrl(), AUTH_SECRET: 'cli-test-secret-cli-test-secret-0123456789', LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
