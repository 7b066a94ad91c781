import { RUSSIAN_VOWELS } from './engine.js';
import type { NameException, Rule, SchemeInfo } from './types.js';

/**
 * German transcription of Russian as the Duden and the German press write it (Sinowjew, Bucharin,
 * Tschitscherin). Not a transliteration: it follows German spelling, so it cannot be read back.
 */
export const DE_DUDEN_INFO: SchemeInfo = {
  id: 'de-duden',
  label: 'Deutsche Transkription (Duden)',
  kind: 'transcription',
  language: 'de',
  description:
    'ж/ш → sch, ч → tsch, щ → schtsch, х → ch, ц → z, з → s, в → w, е → e/je, ё → jo, ю → ju, я → ja, й → i/j, -ий → -i; established German forms as exceptions (Trotzki, Moskau).',
};

export const DE_DUDEN_LETTERS: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'w', г: 'g', д: 'd', е: 'e', ё: 'jo', ж: 'sch', з: 's', и: 'i', й: 'i', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'ch', ц: 'z',
  ч: 'tsch', ш: 'sch', щ: 'schtsch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'ju', я: 'ja',
};

const AFTER_VOWEL_OR_SIGN = `^${RUSSIAN_VOWELS}ьъ`;
const SIBILANTS = 'жчшщ';

export const DE_DUDEN_RULES: readonly Rule[] = [
  { id: 'ij-final', match: 'ий', at: 'end', output: 'i', note: '-ий at the end of a word is -i (Tomski, Georgi).' },
  { id: 'yj-final', match: 'ый', at: 'end', output: 'y', note: '-ый at the end of a word is -y.' },
  { id: 'e-iotated', match: 'е', after: AFTER_VOWEL_OR_SIGN, output: 'je', note: 'е at the start, after a vowel or a sign is je (Jeschow, Sinowjew).' },
  { id: 'yo-sibilant', match: 'ё', after: SIBILANTS, output: 'o', note: 'ё after ж, ч, ш, щ is o (Chruschtschow, Gorbatschow).' },
  { id: 'soft-i', match: 'и', after: 'ь', output: 'ji', note: 'и after the soft sign is ji (Iljitsch).' },
  { id: 'soft-o', match: 'о', after: 'ь', output: 'jo', note: 'о after the soft sign is jo.' },
  { id: 'j-before-vowel', match: 'й', before: RUSSIAN_VOWELS, output: 'j', note: 'й before a vowel is j (Joschkar-Ola).' },
  { id: 'ya-after-j', match: 'я', after: 'й', output: 'a', note: 'я after й is a (the j is already written).' },
  { id: 'yu-after-j', match: 'ю', after: 'й', output: 'u', note: 'ю after й is u.' },
  { id: 'ks-x', match: 'кс', output: 'x', note: 'кс is x (Alexei).' },
  { id: 's-intervocalic', match: 'с', after: RUSSIAN_VOWELS, before: RUSSIAN_VOWELS, output: 'ss', note: 'с between vowels is ss, so that it stays voiceless (Wassili, Kossior).' },
];

/** Established German forms that the rules would not give. */
export const DE_DUDEN_EXCEPTIONS: readonly NameException[] = [
  { source: 'Троцкий', output: 'Trotzki', note: 'Established German form (rule: Trozki).' },
  { source: 'Эренбург', output: 'Ehrenburg', note: 'Established German form (rule: Erenburg).' },
  { source: 'Александр', output: 'Alexander', note: 'Established German form of the first name (rule: Alexandr).' },
  { source: 'Киев', output: 'Kiew', note: 'Established German place name (rule: Kijew).' },
  { source: 'Москва', output: 'Moskau', note: 'German exonym.' },
  { source: 'Петербург', output: 'Petersburg', note: 'German exonym.' },
  { source: 'Россия', output: 'Russland', note: 'German exonym.' },
  { source: 'Сибирь', output: 'Sibirien', note: 'German exonym.' },
  { source: 'Украина', output: 'Ukraine', note: 'German exonym.' },
  { source: 'Грузия', output: 'Georgien', note: 'German exonym.' },
  { source: 'Политбюро', output: 'Politbüro', note: 'German loan word.' },
];
