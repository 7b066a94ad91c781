import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_AUTH_SECRET, testDatabaseUrl } from '../support/test-app.js';
import { eventually } from '../support/eventually.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const mainJs = join(root, 'dist/apps/api/src/main.js');

/** The built server (`dist/…/main.js`, built by the global setup) in a child process, as production runs it. */
export interface SpawnedServer {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function spawnServer(env: Record<string, string> = {}, port?: number): Promise<SpawnedServer> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'REDIS_URL', 'AUTH_SECRET', 'PORT', 'NODE_OPTIONS'].includes(k)),
  );
  const listenOn = port ?? (await freePort());
  const child = spawn(process.execPath, [mainJs], {
    cwd: root,
    env: {
      ...clean,
      DATABASE_URL: testDatabaseUrl(),
      AUTH_SECRET: TEST_AUTH_SECRET,
      SEED_DEMO: 'false',
      HOST: '127.0.0.1',
      PORT: String(listenOn),
      LOG_LEVEL: 'warn',
      WEB_DIR: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await eventually(
    () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited:\n${out}`);
      const match = /Interlinea is running at (http:\/\/\S+)/.exec(out);
      if (!match) throw new Error(`server not up yet:\n${out}`);
      return match[1]!;
    },
    { timeout: 60_000, interval: 50 },
  );
  return { url, port: listenOn, child, output: () => out, exited };
}

export async function kill(server: SpawnedServer, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.child.exitCode;
  server.child.kill(signal);
  return server.exited;
}
