/**
 * Sentence splitting per language: `Intl.Segmenter` per paragraph, then a re-join pass, because the
 * segmenter alone breaks after every abbreviation, initial and German ordinal ("Dr. | Smith",
 * "N. | I. | Bukharin", "т. | е.", "z. | B.", "am 3. | Oktober").
 */

export interface Sentence {
  /** Offsets into the paragraph's text (UTF-16), `end` exclusive; trailing spaces are left out. */
  start: number;
  end: number;
  text: string;
}

/** Abbreviations that never end a sentence by themselves (lower case, without the final dot). */
const ABBREVIATIONS: Record<string, readonly string[]> = {
  en: ['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'messrs', 'cf', 'e.g', 'i.e', 'viz', 'vs', 'gen', 'col', 'capt', 'lt', 'gov', 'rev', 'hon', 'ibid', 'op', 'loc', 'ca', 'approx', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'ed', 'eds', 'trans', 'comp', 'esp', 'incl', 'dept', 'univ', 'assn'],
  ru: ['т', 'е', 'д', 'п', 'см', 'ср', 'напр', 'им', 'ул', 'проф', 'акад', 'тов', 'тт', 'гр', 'ст', 'гл', 'изд', 'ред', 'рис', 'ок', 'пер', 'обл', 'быв', 'канд', 'сост', 'авт', 'вып', 'англ', 'нем', 'франц', 'рус', 'лат', 'т.е', 'т.д', 'т.п', 'и.о', 'к.-л', 'т.н', 'наст', 'в.т.ч', 'и т', 'н.э', 'до н.э'],
  de: ['z', 'b', 'd', 'h', 'u', 'a', 'dr', 'prof', 'vgl', 'bzw', 'ca', 'sog', 'evtl', 'ggf', 'inkl', 'hrsg', 'jh', 'jhd', 'jhs', 'str', 'st', 'geb', 'gest', 'bzgl', 'z.b', 'd.h', 'u.a', 'u.ä', 'o.ä', 'v.a', 's.o', 's.u', 'usf', 'einschl', 'insbes', 'zit', 'zt', 'z.t', 'dt', 'engl', 'russ', 'franz', 'lat', 'mio', 'mrd', 'tsd', 'jan', 'feb', 'aug', 'sept', 'okt', 'nov', 'dez'],
};

/** Abbreviations that are followed by a number ("pp. 12", "No. 5", "S. 4", "с. 5", "т. 3"). */
const BEFORE_NUMBER: Record<string, readonly string[]> = {
  en: ['p', 'pp', 'no', 'nos', 'vol', 'vols', 'ch', 'chap', 'fig', 'figs', 'art', 'arts', 'sec', 'para', 'n', 'nn', 'fol', 'fols', 'l', 'll', 'bk', 'pt'],
  ru: ['с', 'т', 'л', 'гл', '№', 'ч', 'кн', 'вып', 'д', 'ф', 'оп', 'стб', 'п'],
  de: ['s', 'nr', 'bd', 'bde', 'kap', 'abs', 'abb', 'art', 'h', 'tl', 'anm', 'fn'],
};

/** Two-letter initials of transliterated names ("Yu. Larin", "Sch. Aleichem"). */
const DIGRAPH_INITIAL = /^(?:Yu|Ya|Ye|Yo|Zh|Ch|Sh|Kh|Ts|Th|Ju|Ja|Je|Jo|Sch|Tsch|Sz|Cz|Ph|Gh|Дж)\.$/u;
const INITIAL = /^\p{Lu}\.$/u;
const LOWER_START = /^[\s"'«»„“”‘’(\[—–-]*\p{Ll}/u;
const DIGIT_START = /^[\s"'«»„“”‘’(\[]*\p{Nd}/u;
const CLOSING_LEAD = /^[\ufffc)\]»”’]+/u;
const LETTER_START = /^[\s"'«»„“”‘’(\[]*\p{L}/u;

const languageOf = (tag: string): string => tag.toLowerCase().split(/[-_]/)[0] ?? tag;

const listFor = (table: Record<string, readonly string[]>, language: string): Set<string> =>
  new Set(table[language] ?? []);

const cache = new Map<string, { segmenter: Intl.Segmenter; abbreviations: Set<string>; beforeNumber: Set<string> }>();

function rulesFor(language: string) {
  let rules = cache.get(language);
  if (!rules) {
    const base = languageOf(language);
    rules = {
      segmenter: new Intl.Segmenter(base, { granularity: 'sentence' }),
      abbreviations: listFor(ABBREVIATIONS, base),
      beforeNumber: listFor(BEFORE_NUMBER, base),
    };
    cache.set(language, rules);
  }
  return rules;
}

/** The last whitespace-delimited word of a piece, with leading brackets and quotes removed. */
function lastWord(piece: string): string {
  const trimmed = piece.trimEnd();
  const at = Math.max(trimmed.lastIndexOf(' '), trimmed.lastIndexOf('\u00a0'), trimmed.lastIndexOf('\n'));
  return trimmed.slice(at + 1).replace(/^[("'«„“‘[]+/u, '');
}

/** Whether the break after `piece` (followed by `next`) is a false one that must be undone. */
function isFalseBreak(piece: string, next: string, language: string): boolean {
  if (LOWER_START.test(next)) return true; // a sentence does not start in lower case
  if (!/[\p{L}\p{Nd}]/u.test(next)) return true; // a footnote reference, a closing bracket after the full stop
  const word = lastWord(piece);
  if (!word.endsWith('.')) return false;
  const bare = word.slice(0, -1).toLowerCase();
  const rules = rulesFor(language);
  if (INITIAL.test(word) || DIGRAPH_INITIAL.test(word)) return LETTER_START.test(next);
  if (rules.abbreviations.has(bare)) return true;
  if (rules.beforeNumber.has(bare) && DIGIT_START.test(next)) return true;
  // German ordinals: "am 3. Oktober", "im 19. Jahrhundert" (a year such as "1928." does end sentences).
  if (languageOf(language) === 'de' && /^\d{1,2}\.$/.test(word) && LETTER_START.test(next)) return true;
  return false;
}

/** Splits one paragraph into sentences. Empty or blank text gives no sentences. */
export function splitSentences(text: string, language: string): Sentence[] {
  const rules = rulesFor(language);
  const pieces: { start: number; end: number }[] = [];
  for (const { segment, index } of rules.segmenter.segment(text)) {
    const end = index + segment.length;
    const prev = pieces[pieces.length - 1];
    if (prev && isFalseBreak(text.slice(prev.start, prev.end), segment, language)) prev.end = end;
    else pieces.push({ start: index, end });
  }
  // A footnote reference or a closing bracket or quotation mark right after the full stop belongs to
  // the sentence it closes, not to the next one ("…published.¹ Rykov…", "(…end.) Then").
  for (let i = 1; i < pieces.length; i++) {
    const lead = CLOSING_LEAD.exec(text.slice(pieces[i]!.start, pieces[i]!.end))?.[0].length ?? 0;
    if (lead) {
      pieces[i - 1]!.end = pieces[i]!.start + lead;
      pieces[i]!.start += lead;
    }
  }
  const out: Sentence[] = [];
  for (const p of pieces) {
    let start = p.start;
    let end = p.end;
    while (start < end && /\s/u.test(text[start]!)) start++;
    while (end > start && /\s/u.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end, text: text.slice(start, end) });
  }
  return out;
}
