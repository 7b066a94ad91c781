import { readFileSync } from 'node:fs';

/** The version in package.json, read once (the file sits at the repository root, above src and dist). */
export const APP_VERSION: string = (() => {
  for (const candidate of ['../../../package.json', '../../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'interlinea' && pkg.version) return pkg.version;
    } catch {
      // try the next level up
    }
  }
  return '0.0.0';
})();
