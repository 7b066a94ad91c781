/** Where a rendering appears. A house convention may allow a form in one and forbid it in another. */
export type TextContext = 'main' | 'footnote' | 'bibliography';
export const TEXT_CONTEXTS: readonly TextContext[] = ['main', 'footnote', 'bibliography'];

/**
 * One ordered rule of a scheme or convention. Rules see the lower-case Cyrillic word; the first rule
 * that matches at a position wins and consumes `match`; where none matches, the scheme's letter table
 * (or, for a convention, its base scheme) renders one letter.
 */
export interface Rule {
  /** Short stable name shown in tests and reports ("skii-sky"). */
  id: string;
  /** Lower-case Cyrillic letters the rule consumes. */
  match: string;
  /** Latin output (lower case; the word's case is applied by the engine). */
  output: string;
  /** `start`: only at the start of a word; `end`: the match must end the word. */
  at?: 'start' | 'end';
  /** The letter before must be one of these; `^` stands for the start of the word. */
  after?: string;
  /** The letter after must be one of these; `$` stands for the end of the word. */
  before?: string;
  /** The rule applies only in these contexts (absent: everywhere). */
  contexts?: readonly TextContext[];
  /** Why, in a sentence (English): documentation, and the "rule" column of a proposal. */
  note: string;
}

/** A whole word rendered by decision rather than by rule ("Зиновьев" → "Zinoviev"). */
export interface NameException {
  /** The Cyrillic word as it is written in the nominative (ё and е are treated alike). */
  source: string;
  /** The rendering, capitalised as it is written after a capitalised source. */
  output: string;
  contexts?: readonly TextContext[];
  note: string;
}

/**
 * Forms of another scheme that a convention tolerates in some contexts, such as strict transliteration
 * with soft signs in footnotes and bibliography, where a reader looks up the Russian title.
 */
export interface Allowance {
  scheme: string;
  contexts: readonly TextContext[];
  note: string;
}

/** A house convention as data: a base scheme, ordered rules, exceptions, per-context allowances. */
export interface ConventionDefinition {
  id: string;
  label: string;
  /** Language of the edition it is written for (BCP-47), e.g. `en`, `de`. */
  language: string;
  description: string;
  base: string;
  rules: readonly Rule[];
  exceptions: readonly NameException[];
  allowances: readonly Allowance[];
}

export type SchemeKind = 'standard' | 'transcription' | 'convention';

export interface SchemeInfo {
  id: string;
  label: string;
  kind: SchemeKind;
  /** The edition language the scheme is meant for; `*` for the international standards. */
  language: string;
  description: string;
  base?: string;
}

export interface TransliterateOptions {
  context?: TextContext;
}

/** Forms proposed for a new glossary entry under a scheme or convention. */
export interface ProposedForms {
  preferred: string;
  allowed: { form: string; contexts: TextContext[]; note: string }[];
  forbidden: { form: string; note: string }[];
}
