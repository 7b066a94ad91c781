/**
 * Name keys: one spelling-independent key for a proper name in any of the edition's scripts, so that
 * Бухарин, Bukharin and Bucharin (and Бухарина, Bukharin's, Bucharins) meet as an anchor.
 *
 * The aligner takes the key function as an option (`AlignOptions.nameKey`); this built-in one is a
 * consonant skeleton: Cyrillic letters are romanised simply, digraphs and look-alike sounds fold into
 * one class each (х/kh/ch/h/g/ч/tsch → K, ш/sh/sch/ж/zh/s/z/ц/ts/tz → S, б/п/в/ф/b/p/v/w/f/ph → P, as in Soundex, …), vowels and signs
 * vanish, repeats collapse, and the key keeps the first three classes, which is where inflection and
 * transcription rarely reach.
 */

export type NameKey = (word: string, language: string) => string | null;

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'i', є: 'e', ґ: 'g', ў: 'u',
};

/** Spellings of one sound, longest first (German tsch, English ch and romanised ч all mean one class). */
const DIGRAPHS = /tsch|shch|sch|sh|zh|kh|ch|ck|ph|th|dt|tz|ts/g;
const DIGRAPH_CLASS: Record<string, string> = {
  tsch: 'K', shch: 'S', sch: 'S', sh: 'S', zh: 'S', kh: 'K', ch: 'K', ck: 'K', ph: 'P', th: 'T', dt: 'T', tz: 'S', ts: 'S',
};

function classOf(c: string): string {
  switch (c) {
    case 'b': case 'p': case 'f': case 'v': case 'w': return 'P';
    case 'c': case 'k': case 'q': case 'g': case 'h': case 'x': return 'K';
    case 'd': case 't': return 'T';
    case 's': case 'z': case 'ß': return 'S';
    case 'l': return 'L';
    case 'm': return 'M';
    case 'n': return 'N';
    case 'r': return 'R';
    default: return '';
  }
}

/** The skeleton of a word: its consonant classes in order, repeats collapsed. */
export function nameSkeleton(word: string): string {
  let latin = '';
  for (const ch of word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()) latin += CYRILLIC[ch] ?? ch;
  latin = latin.replace(/[^a-zß]/g, '');
  latin = latin
    .replace(DIGRAPHS, (m) => DIGRAPH_CLASS[m] ?? m)
    .replace(/(?<=[aeiouy])h$/, ''); // a final h after a vowel is silent (Jonah, Sarah, Noah)
  // A name that starts with a vowel (or j/y/i before one: Jonah, Иона, Jelzin, Ельцин) keeps that as a class.
  let out = /^(?:[aeiouy]|[jy](?=[aeiou]))/.test(latin) ? 'V' : '';
  for (const c of latin) {
    const k = c >= 'A' && c <= 'Z' ? c : classOf(c);
    if (k && out[out.length - 1] !== k) out += k;
  }
  return out;
}

/** The built-in key: the first three classes of the skeleton; none for words of fewer than two. */
export const skeletonNameKey: NameKey = (word) => {
  const skeleton = nameSkeleton(word);
  return skeleton.length >= 2 ? skeleton.slice(0, 3) : null;
};
