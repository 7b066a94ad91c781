import { readFileSync } from 'node:fs';
import { sharedPath } from './shared-data.js';

/** The two corpus books in ../shared/corpus; tests that read them use `describeWithShared()` / `itWithShared()`. */
export const corpusPath = (name: '002' | '003'): string =>
  sharedPath('corpus', name === '002' ? '002_00804981769f03ea.txt' : '003_f78e96aa30fdf1a9.txt');

export const readCorpus = (name: '002' | '003'): Buffer => readFileSync(corpusPath(name));
