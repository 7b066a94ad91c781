import { type NameKey, skeletonNameKey } from '#libs/alignment';
import { transliterate } from '#libs/transliteration';

const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * The aligner's name key through the transliteration library (issue 11): a Russian name is first
 * rendered the way the other side of the pair would print it — Duden for German (Бухарин →
 * Bucharin), BGN/PCGN otherwise (Bukharin) — and only then reduced to the aligner's consonant
 * skeleton, so the two spellings meet on more than the skeleton's coarse classes. The aligner keeps
 * its own built-in key for when this one is not given (libs/alignment works without this library).
 */
export function transliterationNameKey(from: string, to: string): NameKey {
  const latinOf = (language: string): string => (language.startsWith('de') ? 'de-duden' : 'bgn-pcgn');
  const schemes = { [from]: latinOf(to), [to]: latinOf(from) };
  return (word, language) => skeletonNameKey(CYRILLIC.test(word) ? transliterate(word, schemes[language] ?? 'bgn-pcgn') : word, language);
}
