// Builds the API and the web app when their sources are newer than the last build, so that
// `npm start` and `npm run cli` work straight after `npm install` and after every `git pull`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newest(paths) {
  let latest = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== 'node_modules' && entry !== 'dist') walk(join(p, entry));
    } else latest = Math.max(latest, s.mtimeMs);
  };
  paths.forEach((p) => walk(join(root, p)));
  return latest;
}

const stampTime = (file) => (existsSync(join(root, file)) ? statSync(join(root, file)).mtimeMs : 0);

function step(label, command, args) {
  process.stderr.write(`${label}…\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`${label} failed.\n`);
    process.exit(result.status ?? 1);
  }
}

const targets = [
  {
    label: 'Building the API',
    stamp: 'dist/.api-built',
    sources: ['apps/api/src', 'libs', 'migrations', 'package.json', 'tsconfig.json', 'apps/api/tsconfig.app.json'],
    run: () => step('Building the API', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'apps/api/tsconfig.app.json']),
  },
  {
    label: 'Building the web app',
    stamp: 'dist/web/index.html',
    sources: ['apps/web', 'libs', 'package.json'],
    run: () => step('Building the web app', process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn']),
  },
];

export function ensureBuild({ web = true } = {}) {
  for (const target of targets) {
    if (!web && target.stamp.startsWith('dist/web')) continue;
    if (newest(target.sources) <= stampTime(target.stamp)) continue;
    target.run();
    mkdirSync(join(root, 'dist'), { recursive: true });
    if (target.stamp === 'dist/.api-built') writeFileSync(join(root, target.stamp), new Date().toISOString());
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureBuild();
