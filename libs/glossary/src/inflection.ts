/**
 * Inflected forms of names and terms, per language, so that the glossary finds "Бухариным" for
 * Бухарин, "Bucharins" for Bucharin and "Bukharin's" for Bukharin, and not "бухаринцы" or "Leningrad".
 * Russian: the endings of the declension a word's nominative ending implies (keys are lower case,
 * ё written е). German and English: the genitive/possessive endings of names.
 */

const ADJECTIVE_I = ['ий', 'ого', 'ому', 'им', 'ом', 'ая', 'ой', 'ую', 'ою', 'ие', 'их', 'ими'];
const ADJECTIVE_Y = ['ого', 'ому', 'ым', 'ом', 'ая', 'ой', 'ую', 'ою', 'ые', 'ых', 'ыми'];
const FEMININE_ADJECTIVE = ['ая', 'ой', 'ую', 'ою'];
const NOUN_A = ['а', 'ы', 'и', 'е', 'у', 'ой', 'ою'];
const NOUN_YA = ['я', 'и', 'е', 'ю', 'ей', 'ею'];
const NOUN_IYA = ['ия', 'ии', 'ию', 'ией'];
const NOUN_SOFT = ['ь', 'я', 'ю', 'ем', 'е', 'и', 'ью', 'ей'];
const NOUN_IY = ['ий', 'ия', 'ию', 'ием', 'ии'];
const NOUN_J = ['й', 'я', 'ю', 'ем', 'е', 'и', 'ев'];
/** Surnames in -ов/-ев/-ин/-ын decline like nouns in the masculine and like adjectives in the feminine. */
const SURNAME = ['', 'а', 'у', 'ым', 'ом', 'е', 'ой', 'ы', 'ых', 'ыми', 'ым'];
const NOUN_CONSONANT = ['', 'а', 'у', 'ом', 'е', 'ы', 'ов', 'ам', 'ами', 'ах'];
const NOUN_SIBILANT = ['', 'а', 'у', 'ем', 'е', 'и', 'ей', 'ам', 'ами', 'ах'];

/** The endings a Russian word takes, given its nominative: [stem, endings]. */
export function russianParadigm(word: string): [string, readonly string[]] {
  const w = word.toLowerCase().replace(/ё/g, 'е');
  const ends = (s: string): boolean => w.endsWith(s);
  if (/кий$/.test(w)) return [w.slice(0, -2), ADJECTIVE_I];
  if (ends('ий')) return [w.slice(0, -2), NOUN_IY];
  if (ends('ый') || (ends('ой') && w.length > 3)) return [w.slice(0, -2), [w.slice(-2), ...ADJECTIVE_Y]];
  if (ends('ая')) return [w.slice(0, -2), FEMININE_ADJECTIVE];
  if (ends('ия')) return [w.slice(0, -2), NOUN_IYA];
  if (ends('я')) return [w.slice(0, -1), NOUN_YA];
  if (ends('а')) return [w.slice(0, -1), NOUN_A];
  if (ends('ь')) return [w.slice(0, -1), NOUN_SOFT];
  if (ends('й')) return [w.slice(0, -1), NOUN_J];
  if (/[оеиуюэы]$/.test(w)) return [w, ['']];
  if (/(ов|ев|ин|ын)$/.test(w)) return [w, SURNAME];
  if (/[жшчщц]$/.test(w)) return [w, NOUN_SIBILANT];
  if (/\p{Script=Cyrillic}$/u.test(w)) return [w, NOUN_CONSONANT];
  return [w, ['']];
}

/** Every inflected form of a Russian word (lower case, ё as е), the nominative first. */
export function russianForms(word: string): string[] {
  const [stem, endings] = russianParadigm(word);
  const nominative = word.toLowerCase().replace(/ё/g, 'е');
  return [...new Set([nominative, ...endings.map((e) => stem + e)])];
}

/** Endings a name or term may carry in running text of a language, longest first. */
export function latinSuffixes(language: string): readonly string[] {
  switch (language.slice(0, 2)) {
    case 'en':
      return ['’s', 's’', '’'];
    case 'de':
      return ['s', '’'];
    default:
      return [];
  }
}
