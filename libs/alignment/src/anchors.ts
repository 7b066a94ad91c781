/**
 * Anchors: things a translation keeps whatever its script — numbers and dates, footnote references,
 * quotations and brackets, question marks, headings, proper names (through a name key), and the
 * entries of a bilingual word list the user supplies. Each unit (sentence or paragraph) becomes a bag
 * of anchor keys; a bead earns a bonus for every key both of its sides hold, weighted by how telling
 * the key is (a name on every page tells less than a year mentioned once).
 */
import type { NameKey } from './name-key.js';

/**
 * A pair of words, one per language, that translate each other. Words are compared by their first
 * five letters in lower case (a crude stem that lets Russian and German inflections meet: Бухарин,
 * Бухарина; Arbeiter, Arbeitern).
 */
export interface WordPair {
  source: string;
  target: string;
}

/** The stem words are compared by: the first five letters in lower case. */
export const wordStem = (word: string): string => word.toLowerCase().replace(/[’']s$/, '').slice(0, 5);

/** The character that stands for a footnote reference in the text handed to the aligner. */
export const FOOTNOTE_MARK = '\ufffc';

/** Bonus in nats (log-likelihood units, as the length cost) for one shared key of each kind. */
const WEIGHTS = {
  number: 3,
  name: 1.5,
  footnote: 2.5,
  quote: 0.6,
  bracket: 0.8,
  question: 0.8,
  exclamation: 0.5,
  heading: 2,
  word: 1.5,
} as const;

type Kind = keyof typeof WEIGHTS;

/** Most word keys a unit keeps (its rarest). */
const MAX_KEYS = 24;

/** Share of a key's weight that a number or footnote reference without its counterpart costs. */
const MISMATCH = 1;

/** Words rarer than this are kept as anchors (in 2,000 paragraphs: those in fewer than ~100). */
const MIN_RARITY = 0.4;

const NUMBER = /\p{Nd}+(?:[.,\u00a0\u202f ]\p{Nd}{3})*(?:[.,]\p{Nd}+)?/gu;
const WORD = /[\p{L}\p{M}][\p{L}\p{M}'’-]*/gu;
const TITLE_CASE = /^\p{Lu}\p{Ll}/u;
const QUOTES = /[«»„“”"‚‘’]/gu;
const OPENING_BRACKETS = /[([]/g;

/** The texts of both sides turned into bags of interned anchor keys, with a weight per key. */
export class AnchorIndex {
  private readonly ids = new Map<string, number>();
  private readonly kinds: Kind[] = [];
  private weights = new Float64Array(0);
  private strict = new Uint8Array(0);
  private accS = new Float64Array(0);
  private accT = new Float64Array(0);
  private readonly touched: number[] = [];
  private readonly sourceWords: Map<string, number[]>;
  private readonly targetWords: Map<string, number[]>;
  private readonly sameLanguage: boolean;

  constructor(
    private readonly nameKey: NameKey | null,
    private readonly sourceLanguage: string,
    private readonly targetLanguage: string,
    wordList: readonly WordPair[] = [],
  ) {
    this.sameLanguage = sourceLanguage.toLowerCase().split(/[-_]/)[0] === targetLanguage.toLowerCase().split(/[-_]/)[0];
    this.sourceWords = new Map();
    this.targetWords = new Map();
    wordList.forEach((pair, i) => {
      const add = (map: Map<string, number[]>, word: string) => {
        const w = wordStem(word.trim());
        if (w) map.set(w, [...(map.get(w) ?? []), i]);
      };
      add(this.sourceWords, pair.source);
      add(this.targetWords, pair.target);
    });
  }

  private intern(key: string, kind: Kind): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.kinds.length;
      this.ids.set(key, id);
      this.kinds.push(kind);
    }
    return id;
  }

  /** The anchor keys of one unit as a flat list of key ids (a key repeats as often as it occurs). */
  extract(text: string, side: 'source' | 'target', heading = false): Int32Array {
    const keys: number[] = [];
    const add = (key: string, kind: Kind) => keys.push(this.intern(key, kind));
    for (const m of text.matchAll(NUMBER)) add(`#${m[0].replace(/[^\p{Nd}]/gu, '').replace(/^0+(?=\d)/, '')}`, 'number');
    const language = side === 'source' ? this.sourceLanguage : this.targetLanguage;
    const words = side === 'source' ? this.sourceWords : this.targetWords;
    let sentenceStart = true; // the first word of a sentence is capitalised whatever it is
    let last = 0;
    for (const m of text.matchAll(WORD)) {
      const between = text.slice(last, m.index);
      if (/[.!?…]/u.test(between)) sentenceStart = true;
      last = m.index + m[0].length;
      const word = m[0];
      if (this.nameKey && !sentenceStart && TITLE_CASE.test(word)) {
        const key = this.nameKey(word, language);
        if (key) add(`n:${key}`, 'name');
      }
      if (words.size) for (const entry of words.get(wordStem(word)) ?? []) add(`w:${entry}`, 'word');
      // The same language on both sides (a revised copy of the edition): every word is its own anchor.
      if (this.sameLanguage && word.length >= 3) add(`s:${wordStem(word)}`, 'word');
      sentenceStart = false;
    }
    let footnotes = 0;
    for (const ch of text) if (ch === FOOTNOTE_MARK) footnotes++;
    for (let i = 0; i < footnotes; i++) add('fn', 'footnote');
    const quotes = Math.round((text.match(QUOTES)?.length ?? 0) / 2);
    for (let i = 0; i < quotes; i++) add('q', 'quote');
    for (const _ of text.matchAll(OPENING_BRACKETS)) add('(', 'bracket');
    for (const _ of text.matchAll(/\?/g)) add('?', 'question');
    for (const _ of text.matchAll(/!/g)) add('!', 'exclamation');
    if (heading) add('h', 'heading');
    return Int32Array.from(keys);
  }

  /**
   * Fixes the weights once every unit of both sides is extracted: a key's weight is its kind's
   * weight times how rare it is, log((N + 1) / df) / log(N + 1) over the units of the two sides (df per side: 1 for
   * a key once on each side). Returns the
   * units' keys without the commonest words ("the", "und"),
   * which tell next to nothing and would make every bead's bonus slow to count.
   */
  finish(sourceUnits: readonly Int32Array[], targetUnits: readonly Int32Array[]): { source: Int32Array[]; target: Int32Array[] } {
    const n = this.kinds.length;
    const df = new Float64Array(n);
    const seen = new Int32Array(n).fill(-1);
    const count = (units: readonly Int32Array[], offset: number) =>
      units.forEach((keys, u) => {
        for (const k of keys) {
          if (seen[k] !== u + offset) {
            seen[k] = u + offset;
            df[k]! += 1;
          }
        }
      });
    count(sourceUnits, 0);
    count(targetUnits, sourceUnits.length);
    const units = Math.max(2, (sourceUnits.length + targetUnits.length) / 2);
    this.weights = new Float64Array(n);
    const rarityOf = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const rarity = Math.log((units + 1) / Math.max(1, df[k]! / 2)) / Math.log(units + 1);
      rarityOf[k] = rarity;
      this.weights[k] = WEIGHTS[this.kinds[k]!] * Math.min(1, Math.max(0.15, rarity));
    }
    this.accS = new Float64Array(n);
    this.accT = new Float64Array(n);
    this.strict = Uint8Array.from(this.kinds, (kind) => (kind === 'number' || kind === 'footnote' ? 1 : 0));
    const telling = (keys: Int32Array): Int32Array => {
      const kept = keys.filter((k) => rarityOf[k]! >= MIN_RARITY || this.kinds[k] !== 'word');
      if (kept.length <= MAX_KEYS) return kept;
      // A long paragraph: its rarest words say enough, and counting all of them is what costs time.
      const words = Array.from(kept.filter((k) => this.kinds[k] === 'word')).sort((a, b) => rarityOf[b]! - rarityOf[a]! || a - b);
      const others = kept.filter((k) => this.kinds[k] !== 'word');
      return Int32Array.from([...others, ...words.slice(0, Math.max(0, MAX_KEYS - others.length))]);
    };
    return { source: sourceUnits.map(telling), target: targetUnits.map(telling) };
  }

  /** The most a unit can earn: the weights of all its keys (an upper bound of its share of any bonus). */
  reach(keys: Int32Array): number {
    let sum = 0;
    for (const k of keys) sum += this.weights[k]!;
    return sum;
  }

  /**
   * The bonus of a bead: Σ over keys of min(count in source units, count in target units) · weight,
   * less a penalty for numbers and footnote references on one side only: a translator who leaves a
   * sentence out leaves its number out with it, but one who joins two sentences keeps both numbers.
   */
  shared(source: readonly Int32Array[], target: readonly Int32Array[], i0 = 0, i1 = source.length, j0 = 0, j1 = target.length): number {
    if (i1 <= i0 || j1 <= j0) return 0;
    const { accS, accT, touched, weights } = this;
    for (let u = i0; u < i1; u++) {
      for (const k of source[u]!) {
        if (accS[k] === 0 && accT[k] === 0) touched.push(k);
        accS[k]! += 1;
      }
    }
    for (let u = j0; u < j1; u++) {
      for (const k of target[u]!) {
        if (accS[k] === 0 && accT[k] === 0) touched.push(k);
        accT[k]! += 1;
      }
    }
    let bonus = 0;
    for (const k of touched) {
      bonus += Math.min(accS[k]!, accT[k]!) * weights[k]!;
      if (this.strict[k]) bonus -= Math.abs(accS[k]! - accT[k]!) * MISMATCH * weights[k]!;
      accS[k] = 0;
      accT[k] = 0;
    }
    touched.length = 0;
    return bonus;
  }
}
