import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const apiTarget = process.env.INTERLINEA_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig(({ command, mode }) => {
  // A build started from jest inherits NODE_ENV=test, which would otherwise ship React's development
  // build and JSX runtime (larger, slower): for a build, the build's mode alone decides.
  const development = command === 'serve' || mode === 'development';

  return {
    root: webRoot,
    base: '/',
    resolve: {
      // `#libs/<name>` is the repository's own subpath import; the `source` condition points it at
      // the TypeScript sources, so the web app bundles the shared contracts without a separate build.
      conditions: ['source'],
      alias: [{ find: /^#libs\/([^/]+)$/, replacement: `${repoRoot}libs/$1/src/index.ts` }],
    },
    // Vite 8 transforms TSX itself (Oxc); the automatic runtime needs no `import React`.
    oxc: { jsx: { runtime: 'automatic', development } },
    define:
      command === 'build'
        ? { 'process.env.NODE_ENV': JSON.stringify(development ? 'development' : 'production') }
        : {},
    build: {
      outDir: `${repoRoot}dist/web`,
      emptyOutDir: true,
      sourcemap: true,
    },
    server: {
      proxy: {
        '/api': { target: apiTarget },
        '/health': { target: apiTarget },
        '/collab': { target: apiTarget, ws: true },
      },
    },
  };
});
