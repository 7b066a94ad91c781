// Which Chromium drives the browser tests and the web benchmarks, decided in one place:
//   1. CHROMIUM_PATH, when set (it must exist);
//   2. a system Chromium (Debian's /usr/bin/chromium, or a Chrome) when there is one;
//   3. the build shipped inside the @sparticuz/chromium registry package, unpacked once per machine.
// The third needs neither apt nor a download, so `npm install && npm test` works on a bare machine.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Flags for headless Chromium on these machines: no sandbox as root, no GPU, and no calls home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

function packagedVersion() {
  // The package exports only its entry point, so its package.json is found beside it.
  const require = createRequire(join(root, 'package.json'));
  try {
    const entry = require.resolve('@sparticuz/chromium');
    return JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * Unpacks the packaged build into its own folder under the temp directory. The package itself
 * unpacks into the bare temp directory and takes an existing file for a finished one, so two
 * processes starting together could run a half-written binary: here a child unpacks into a private
 * staging folder, which is renamed into place whole.
 */
function unpackPackaged(version) {
  const home = join(tmpdir(), `interlinea-chromium-${version}`);
  const binary = join(home, 'chromium');
  if (existsSync(binary)) return binary;
  const staging = mkdtempSync(join(tmpdir(), 'interlinea-chromium-staging-'));
  try {
    execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "const { default: c } = await import('@sparticuz/chromium'); await c.executablePath();"],
      { cwd: root, env: { ...process.env, TMPDIR: staging }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    try {
      renameSync(staging, home);
    } catch (error) {
      // Another process finished first: its copy is as good as ours.
      if (!existsSync(binary)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

/**
 * @returns {{ executablePath: string, source: 'CHROMIUM_PATH' | 'system' | 'packaged', description: string }}
 */
export function resolveChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) {
      throw new Error(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, and there is no file there. Unset it to use a system or the packaged Chromium.`);
    }
    return { executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH', description: `Chromium from CHROMIUM_PATH (${env.CHROMIUM_PATH})` };
  }
  const system = SYSTEM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (system) return { executablePath: system, source: 'system', description: `the system's Chromium (${system})` };
  const version = packagedVersion();
  if (!version) {
    throw new Error('No Chromium: CHROMIUM_PATH is unset, there is no system Chromium, and @sparticuz/chromium is not installed (run npm install).');
  }
  const executablePath = unpackPackaged(version);
  return { executablePath, source: 'packaged', description: `the packaged Chromium of @sparticuz/chromium ${version} (${executablePath})` };
}
