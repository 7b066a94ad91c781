import { ALA_LC, ALA_LC_ALT, BGN_PCGN, GOST_779, SCIENTIFIC, type Schema } from 'iuliia';
import type { WordRenderer } from './engine.js';
import type { SchemeInfo } from './types.js';

/**
 * The international standards come from `iuliia`'s published tables (letters, and BGN/PCGN's letter
 * combinations), read letter by letter through its `Schema`. Two things are ours: iuliia writes ё as the
 * Cyrillic letter itself where the tables have Latin ë, so that is put right here; and case is applied by
 * our engine, because iuliia capitalises only the first letter of an all-capitals word ("I͡uLII͡a").
 */
const LATIN_E_DIAERESIS = { 'ё': 'ë', 'Ё': 'Ë' } as const;
const fixYo = (s: string): string => s.replace(/[ёЁ]/g, (c) => LATIN_E_DIAERESIS[c as 'ё' | 'Ё']);

export function iuliiaRenderer(schema: Schema): WordRenderer {
  return {
    exception: () => undefined,
    step(word, index) {
      if (index === word.length - 2 && word.length > 2) {
        const ending = schema.translateEnding(word.slice(index));
        if (ending !== undefined) return { text: fixYo(ending), length: 2 };
      }
      const letter = schema.translateLetter(word[index - 1] ?? '', word[index]!, word[index + 1] ?? '');
      return { text: fixYo(letter ?? word[index]!), length: 1 };
    },
  };
}

export interface StandardScheme extends SchemeInfo {
  schema: Schema;
}

export const STANDARD_SCHEMES: readonly StandardScheme[] = [
  {
    id: 'ala-lc',
    label: 'ALA-LC (2012)',
    kind: 'standard',
    language: '*',
    description: 'Library of Congress romanisation as published: diacritics and tie bars (ĭ, ė, ë, t͡s, i͡u, i͡a, ʹ, ʺ).',
    schema: ALA_LC,
  },
  {
    id: 'ala-lc-plain',
    label: 'ALA-LC without diacritics',
    kind: 'standard',
    language: '*',
    description: "ALA-LC as most English books print it: i, e, ts, iu, ia; soft and hard signs as ' and \".",
    schema: ALA_LC_ALT,
  },
  {
    id: 'bgn-pcgn',
    label: 'BGN/PCGN (1947)',
    kind: 'standard',
    language: '*',
    description: 'British and US geographic names: ye after vowels and at the start, y for й, ’ and ” for the signs.',
    schema: BGN_PCGN,
  },
  {
    id: 'iso9',
    label: 'ISO 9:1995 / GOST 7.79-2000 system A',
    kind: 'standard',
    language: '*',
    description: 'One Latin letter per Cyrillic letter, reversible: ž, č, š, ŝ, û, â, è, ʹ, ʺ.',
    schema: GOST_779,
  },
  {
    id: 'scholarly',
    label: 'Scholarly (scientific) transliteration',
    kind: 'standard',
    language: '*',
    description: 'The linguists’ system: ž, č, š, šč, x for х, ju, ja, ë, ʹ, ʺ.',
    schema: SCIENTIFIC,
  },
];
