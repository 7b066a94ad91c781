/**
 * How plausible a decoded text is as writing in the languages this platform holds (Russian, English,
 * German and their neighbours), to choose among legacy encodings by the language of the result rather
 * than by byte statistics alone. Only words with letters outside ASCII count: ASCII reads the same in
 * every candidate. A word is implausible when it mixes Latin and Cyrillic letters, has a case pattern
 * no writing uses (`пРИВЕТ`: KOI8-R read as Windows-1251), or holds letters Russian does not use in
 * an otherwise Russian text (`ЏаЁўҐв`: CP866 read as Windows-1251); non-ASCII characters that are
 * not letters (box drawing, control characters) count against it, and so does the signature of UTF-8
 * read as a Latin code page (`Ã¼`, `â€`). Cyrillic text must also have the
 * letter frequencies of Russian (о е а и н т с р в л make about 55% of its letters), and prose is mostly
 * in lower case (a text of capitals is a case-swapped reading).
 */
const RUSSIAN_TOP = new Set('оеаинтсрвл');
const RUSSIAN = /^[а-яё]$/;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
/** Punctuation and symbols a legacy code page is expected to carry (dashes, quotes, the euro, the numero sign). */
const EXPECTED_SYMBOLS = new Set('«»„“”‘’‚–—…№€§°±·•×÷©®™¶\u00a0\u00ad');

export interface Plausibility {
  score: number;
  /** The script of most non-ASCII letters. */
  script: 'cyrillic' | 'latin' | 'none';
}

const plausibleCase = (w: string): boolean => {
  const rest = w.slice(1);
  return rest === rest.toLowerCase() || w === w.toUpperCase();
};

export function plausibility(text: string): Plausibility {
  let words = 0;
  let good = 0;
  let caps = 0;
  let cyrLetters = 0;
  let topLetters = 0;
  let latinHigh = 0;
  let oddHigh = 0;
  let high = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    high++;
    if (!/\p{L}/u.test(ch) && !EXPECTED_SYMBOLS.has(ch)) oddHigh++;
  }
  for (const m of text.matchAll(/\p{L}+/gu)) {
    const w = m[0];
    if (!/[^\u0000-\u007f]/.test(w)) continue;
    words++;
    const cyr = CYRILLIC.test(w);
    const lat = /[A-Za-z]/.test(w) || (LATIN.test(w) && !cyr);
    let ok = !(cyr && lat) && plausibleCase(w);
    if (w.length > 1 && w === w.toUpperCase()) caps++;
    if (cyr) {
      for (const ch of w.toLowerCase()) {
        if (!CYRILLIC.test(ch)) continue;
        cyrLetters++;
        if (RUSSIAN_TOP.has(ch)) topLetters++;
        if (!RUSSIAN.test(ch) && !'іїєґў'.includes(ch)) ok = false;
      }
    } else {
      // Latin with accents: a few per word (Müller, Straße, café), not a word made of them.
      const accents = [...w].filter((ch) => ch.codePointAt(0)! >= 0x80).length;
      latinHigh += accents;
      if (accents * 2 > w.length && w.length > 2) ok = false;
      // UTF-8 read as a Latin code page: `Ã¼`, `Â»`, `â€`.
      if (/[ÃÂâ][\u0080-\u00bf€‚„…†‡ˆ‰‹Œ‘’“”•–—˜™›œ]/u.test(text.slice(m.index, m.index + w.length + 1))) ok = false;
    }
    if (ok) good++;
  }
  if (words === 0) return { score: high === 0 ? 1 : Math.max(0, 1 - oddHigh / high), script: 'none' };
  let score = (good / words) * (1 - oddHigh / Math.max(1, high));
  const script = cyrLetters >= latinHigh ? 'cyrillic' : 'latin';
  if (script === 'cyrillic' && cyrLetters >= 20) score *= Math.min(1, (topLetters / cyrLetters / 0.45) ** 2);
  // Prose is mostly in lower case; a text of capitals is a case-swapped reading (KOI8-R as Windows-1251).
  if (words >= 10 && caps * 2 > words) score *= Math.max(0, (1 - caps / words) * 2);
  return { score: Math.round(score * 1000) / 1000, script };
}
