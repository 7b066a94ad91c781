import type { TextContext } from '#libs/transliteration';

export type EntryKind = 'person' | 'place' | 'organisation' | 'term' | 'abbreviation';
export const ENTRY_KINDS: readonly EntryKind[] = ['person', 'place', 'organisation', 'term', 'abbreviation'];

export type FormStatus = 'preferred' | 'allowed' | 'forbidden';

/** One rendering of an entry in one language. `contexts` says where an allowed form is allowed. */
export interface EntryForm {
  form: string;
  status: FormStatus;
  contexts?: TextContext[];
}

/** What the checks need to know about a glossary entry (the API's entity carries more). */
export interface GlossaryTerm {
  id: string;
  /** The Cyrillic source form in the nominative (null for an entry found in a translation only). */
  lemma: string | null;
  kind: EntryKind;
  /** A person's first name and patronymic (Cyrillic), which tell homonyms apart. */
  firstName?: string | null;
  patronymic?: string | null;
  /** Forms per language (BCP-47). */
  forms: Readonly<Record<string, readonly EntryForm[]>>;
}

export type FindingKind = 'forbidden-form' | 'context-only-form' | 'variant-form' | 'missing-term';
export type Severity = 'error' | 'warning';
export type SeverityPolicy = Readonly<Record<FindingKind, Severity>>;

export const DEFAULT_SEVERITIES: SeverityPolicy = {
  'forbidden-form': 'error',
  'variant-form': 'error',
  'context-only-form': 'warning',
  'missing-term': 'warning',
};

/** A replacement that makes the text follow the glossary, in UTF-16 offsets of the checked text. */
export interface Fix {
  start: number;
  end: number;
  replacement: string;
}

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  entryId: string;
  /** The form the glossary expects here. */
  expected: string;
  /** The text found (absent for a missing term). */
  found?: string;
  /** Where in the target text (absent for a missing term). */
  start?: number;
  end?: number;
  /** Where the term is in the source text. */
  sourceStart?: number;
  sourceEnd?: number;
  fix?: Fix;
  /** For an allowed form used in the wrong context: where it would be allowed. */
  allowedIn?: TextContext[];
}

/** One place a glossary term is written. */
export interface TermMatch {
  /** The entry, or, for a surname shared by homonyms that the text does not tell apart, every candidate. */
  entryIds: string[];
  start: number;
  end: number;
  /** The matched text without inflection (the form as the glossary has it). */
  form: string;
  /** The ending the text adds (Russian case, German genitive, English possessive). */
  suffix: string;
  status: FormStatus | 'lemma';
  contexts?: TextContext[];
}
