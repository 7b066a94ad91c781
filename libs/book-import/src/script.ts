/**
 * Which writing system a piece of text is in, and the language that implies. Used to give segments in
 * another script (a Russian facsimile in an English book) their own language, and to keep such passages
 * out of the chapter tree and the note detection.
 */
export type Script = 'latin' | 'cyrillic' | 'other' | 'none';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

export interface ScriptCounts {
  latin: number;
  cyrillic: number;
  other: number;
}

export function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = { latin: 0, cyrillic: 0, other: 0 };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Fast paths by code block; the property escapes only see the rare rest.
    if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) counts.latin++;
    } else if (code >= 0x400 && code <= 0x4ff) counts.cyrillic++;
    else if ((code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x1e00 && code <= 0x1eff)) counts.latin++;
    else if (code < 0xc0 || (code >= 0x2000 && code <= 0x2bff) || (code >= 0xd800 && code <= 0xdfff)) continue;
    else {
      const ch = text[i]!;
      if (LATIN.test(ch)) counts.latin++;
      else if (CYRILLIC.test(ch)) counts.cyrillic++;
      else if (LETTER.test(ch)) counts.other++;
    }
  }
  return counts;
}

/** The script of most letters, or 'none' for text without letters (numbers, punctuation). */
export function dominantScript(text: string): Script {
  const { latin, cyrillic, other } = countScripts(text);
  const total = latin + cyrillic + other;
  if (total === 0) return 'none';
  if (cyrillic * 2 > total) return 'cyrillic';
  if (latin * 2 > total) return 'latin';
  if (other * 2 > total) return 'other';
  return cyrillic >= latin ? 'cyrillic' : 'latin';
}

const CYRILLIC_LANGUAGES = new Set(['ru', 'uk', 'be', 'bg', 'sr', 'mk', 'kk', 'ky', 'mn', 'tg']);

export function primaryLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? tag;
}

/** The script a language is normally written in (only what the importer needs to tell apart). */
export function scriptOfLanguage(tag: string): Script {
  return CYRILLIC_LANGUAGES.has(primaryLanguage(tag)) ? 'cyrillic' : 'latin';
}

const UKRAINIAN_LETTERS = /[іїєґІЇЄҐ]/u;
const BELARUSIAN_LETTERS = /[ўЎ]/u;
const GERMAN_HINTS = /[äöüßÄÖÜ]|\b(?:der|die|das|und|nicht|ist|mit|von)\b/u;
const FRENCH_HINTS = /[éèêàçù]|\b(?:le|les|des|est|et|une|du)\b/u;

/**
 * The language of a passage whose script differs from the book's: Cyrillic is Russian unless letters
 * only Ukrainian or Belarusian use say otherwise; Latin inside a Cyrillic-script book is guessed from a
 * few German and French hints, else English.
 */
export function languageOfScript(script: Script, text: string, bookLanguage: string): string {
  if (script === 'none' || script === 'other' || script === scriptOfLanguage(bookLanguage)) return bookLanguage;
  if (script === 'cyrillic') {
    if (UKRAINIAN_LETTERS.test(text)) return 'uk';
    if (BELARUSIAN_LETTERS.test(text)) return 'be';
    return 'ru';
  }
  if (GERMAN_HINTS.test(text)) return 'de';
  if (FRENCH_HINTS.test(text)) return 'fr';
  return 'en';
}

/** The language of a segment's text in a book (or document) written in `baseLanguage`. */
export function languageOfText(text: string, baseLanguage: string): string {
  return languageOfScript(dominantScript(text), text, baseLanguage);
}

/** True when the text is mostly in a script other than the one `language` is written in. */
export function isForeignScript(text: string, language: string): boolean {
  return isForeign(dominantScript(text), language);
}

export function hasLetters(text: string): boolean {
  return LETTER.test(text);
}

/** A segment's language: the book's if it is in the book's script, else the document's, else a guess. */
export function segmentLanguage(text: string, bookLanguage: string, documentLanguage: string = bookLanguage): string {
  return languageOf(dominantScript(text), text, bookLanguage, documentLanguage);
}

/** `segmentLanguage` for a text whose script is already known. */
export function languageOf(script: Script, text: string, bookLanguage: string, documentLanguage: string = bookLanguage): string {
  if (script === 'none' || script === 'other') return documentLanguage;
  if (script === scriptOfLanguage(bookLanguage)) return bookLanguage;
  if (script === scriptOfLanguage(documentLanguage)) return documentLanguage;
  return languageOfScript(script, text, bookLanguage);
}

/** True when text in `script` is in another script than the one `language` is written in. */
export const isForeign = (script: Script, language: string): boolean =>
  script !== 'none' && script !== 'other' && script !== scriptOfLanguage(language);
