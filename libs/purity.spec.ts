import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The libraries in libs/ are pure: they import neither Nest nor TypeORM (nor the database driver),
 * and nothing of the applications (their tests may use the repository's test/support). This reads every TypeScript file under libs/ and fails on the
 * first import that breaks the rule, naming the file and the import.
 */
const LIBS = dirname(fileURLToPath(import.meta.url));
const FORBIDDEN_PACKAGES = [/^@nestjs\//, /^typeorm($|\/)/, /^@nestjs$/, /^pg($|\/)/, /^class-validator$/, /^class-transformer$/];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules') return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports: static and dynamic imports, re-exports, require. */
export function importsOf(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** Why `specifier`, imported by `file`, breaks the rule; null when it does not. */
export function violation(file: string, specifier: string): string | null {
  if (FORBIDDEN_PACKAGES.some((p) => p.test(specifier))) return `imports ${specifier} (libraries import neither Nest nor TypeORM)`;
  if (specifier.startsWith('.')) {
    const target = resolve(dirname(file), specifier);
    const inside = (dir: string): boolean => target === dir || target.startsWith(dir + sep);
    // Tests and their helpers may use the repository's test support (fixtures such as ../shared);
    // nothing under libs/ may reach into an application.
    const isTest = /\.spec\.tsx?$/.test(file) || relative(LIBS, file).split(sep)[1] === 'test';
    if (inside(resolve(LIBS, '../apps'))) return `imports ${specifier}, an application folder`;
    if (!inside(LIBS) && !(isTest && inside(resolve(LIBS, '../test/support')))) return `imports ${specifier}, outside libs/`;
  }
  if (/^#(?!libs\/)/.test(specifier) || /(^|\/)apps\//.test(specifier)) return `imports ${specifier} (an application folder)`;
  return null;
}

describe('the libraries are pure', () => {
  it('finds the imports the rule is about', () => {
    const code = [
      "import { Injectable } from '@nestjs/common';",
      "import type { EntityManager } from 'typeorm';",
      "export { x } from '../../apps/api/src/x.js';",
      "const m = await import('pg');",
    ].join('\n');
    const file = join(LIBS, 'content', 'src', 'x.ts');
    expect(importsOf(code).map((s) => violation(file, s) !== null)).toEqual([true, true, true, true]);
    expect(violation(file, '#libs/contracts')).toBeNull();
    expect(violation(file, './inline.js')).toBeNull();
    expect(violation(file, '../../collab-schema/src/index.js')).toBeNull();
    expect(violation(file, 'yjs')).toBeNull();
    // Test helpers may use the repository's test support; sources may not.
    expect(violation(join(LIBS, 'content', 'test', 'helpers.ts'), '../../../test/support/shared-data.js')).toBeNull();
    expect(violation(join(LIBS, 'content', 'src', 'inline.ts'), '../../../test/support/shared-data.js')).not.toBeNull();
  });

  it('holds for every file under libs/', () => {
    // This file quotes forbidden imports as test data.
    const files = sources(LIBS).filter((file) => file !== fileURLToPath(import.meta.url));
    expect(files.length).toBeGreaterThan(20);
    const problems = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .map((specifier) => violation(file, specifier))
        .filter((v): v is string => v !== null)
        .map((v) => `${relative(LIBS, file)} ${v}`),
    );
    expect(problems).toEqual([]);
  });
});
