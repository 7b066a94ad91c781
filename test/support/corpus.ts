import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The two corpus books in ../shared/corpus (beside the repository, here and in CI). */
export const corpusPath = (name: '002' | '003'): string =>
  fileURLToPath(
    new URL(`../../../shared/corpus/${name === '002' ? '002_00804981769f03ea.txt' : '003_f78e96aa30fdf1a9.txt'}`, import.meta.url),
  );

export const readCorpus = (name: '002' | '003'): Buffer => readFileSync(corpusPath(name));
