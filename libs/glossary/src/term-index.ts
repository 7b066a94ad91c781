import { transliterate, type CompiledScheme, type TextContext } from '#libs/transliteration';
import { latinSuffixes, russianForms } from './inflection.js';
import { formKey, isCyrillic, tokenize, type Token } from './text.js';
import type { FormStatus, GlossaryTerm, TermMatch } from './types.js';

/** One way an entry may be written, split into the keys of its words. */
interface Pattern {
  entryId: string;
  words: string[];
  form: string;
  status: FormStatus | 'lemma';
  contexts?: TextContext[];
  /** Russian patterns list every inflected form of the last word as its own pattern. */
  suffix: string;
}

/** Initials and first names of a person, as they are written in one language, to tell homonyms apart. */
interface PersonMarks {
  initials: string[];
  firstNames: Set<string>;
}

export interface IndexOptions {
  /** The scheme or convention per target language, used to write a person's initials and first name. */
  schemes?: Readonly<Record<string, string | CompiledScheme>>;
  /** The language of the lemmas (the edition's source language). */
  sourceLanguage?: string;
}

const INITIALS_BEFORE = /((?<!\p{L})(?:\p{Lu}\p{Ll}{0,2}\.\s?){1,3})\s*$/u;
const INITIALS_AFTER = /^,?\s((?:\p{Lu}\p{Ll}{0,2}\.\s?){1,3})/u;

const initialOf = (word: string, language: string, schemes: IndexOptions['schemes']): string => {
  const first = [...word][0] ?? '';
  if (language === 'ru' || !schemes?.[language]) return first.toUpperCase();
  // The first letter rendered at the start of a word: Я → "Ya", Ю → "Yu", Ж → "Zh".
  return transliterate(first.toUpperCase(), schemes[language]!, { context: 'main' });
};

/**
 * The glossary compiled for matching: every form of every entry, in every language, indexed by the key
 * of its first word; matching a text is one look-up per word.
 */
export class TermIndex {
  private readonly byFirstWord = new Map<string, Map<string, Pattern[]>>();
  private readonly marks = new Map<string, Map<string, PersonMarks>>();
  private readonly terms = new Map<string, GlossaryTerm>();

  constructor(
    entries: readonly GlossaryTerm[],
    private readonly options: IndexOptions = {},
  ) {
    const source = options.sourceLanguage ?? 'ru';
    for (const entry of entries) {
      this.terms.set(entry.id, entry);
      if (entry.lemma) this.addForm(source, entry.id, entry.lemma, 'lemma');
      for (const [language, forms] of Object.entries(entry.forms)) {
        for (const f of forms) this.addForm(language, entry.id, f.form, f.status, f.contexts);
      }
    }
  }

  term(id: string): GlossaryTerm | undefined {
    return this.terms.get(id);
  }

  get size(): number {
    return this.terms.size;
  }

  private patternsOf(language: string): Map<string, Pattern[]> {
    let map = this.byFirstWord.get(language);
    if (!map) this.byFirstWord.set(language, (map = new Map()));
    return map;
  }

  private addForm(language: string, entryId: string, form: string, status: Pattern['status'], contexts?: TextContext[]): void {
    const words = tokenize(form).map((t) => formKey(t.text));
    if (words.length === 0) return;
    const map = this.patternsOf(language);
    const last = words[words.length - 1]!;
    const variants: [string, string][] = isCyrillic(last)
      ? russianForms(last).map((f) => [f, f.slice(russianStemLength(last, f))])
      : [[last, '']];
    for (const [lastForm, suffix] of variants) {
      const all = [...words.slice(0, -1), lastForm];
      const pattern: Pattern = { entryId, words: all, form, status, suffix };
      if (contexts?.length) pattern.contexts = contexts;
      const key = all[0]!;
      const list = map.get(key);
      if (!list) map.set(key, [pattern]);
      else if (!list.some((p) => p.entryId === entryId && p.words.join(' ') === all.join(' ') && p.status === status)) list.push(pattern);
    }
  }

  private personMarks(entryId: string, language: string): PersonMarks {
    let perLanguage = this.marks.get(entryId);
    if (!perLanguage) this.marks.set(entryId, (perLanguage = new Map()));
    let marks = perLanguage.get(language);
    if (marks) return marks;
    const term = this.terms.get(entryId)!;
    const names = [term.firstName, term.patronymic].filter((n): n is string => !!n?.trim());
    const cyrillic = language === 'ru' || language === (this.options.sourceLanguage ?? 'ru');
    const initials = names.map((n) => `${initialOf(n, cyrillic ? 'ru' : language, this.options.schemes)}.`);
    const firstNames = new Set<string>();
    if (term.firstName) {
      if (cyrillic) for (const f of russianForms(term.firstName)) firstNames.add(formKey(f));
      else if (this.options.schemes?.[language]) firstNames.add(formKey(transliterate(term.firstName, this.options.schemes[language]!)));
    }
    marks = { initials, firstNames };
    perLanguage.set(language, marks);
    return marks;
  }

  /**
   * Every glossary term written in `text` (in `language`): forms, lemmas with their Russian cases, names
   * with a genitive or possessive ending. Longest match wins; a surname shared by several entries is
   * told apart by the initials or first name before (or initials after) it, and otherwise kept with
   * every candidate, never merged into one.
   */
  find(text: string, language: string): TermMatch[] {
    const map = this.byFirstWord.get(language);
    if (!map) return [];
    const tokens = tokenize(text);
    const keys = tokens.map((t) => formKey(t.text));
    const suffixes = latinSuffixes(language);
    const out: TermMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.candidatesAt(map, keys, i, suffixes);
      if (candidates.length === 0) continue;
      const longest = Math.max(...candidates.map((c) => c.pattern.words.length));
      const best = candidates.filter((c) => c.pattern.words.length === longest);
      const startToken = tokens[i]!;
      const endToken = tokens[i + longest - 1]!;
      const entryIds = this.tellApart([...new Set(best.map((c) => c.pattern.entryId))], text, tokens, keys, i, i + longest - 1, language);
      if (entryIds.length === 0) {
        i += longest - 1;
        continue;
      }
      const chosen = best.find((c) => entryIds.includes(c.pattern.entryId))!;
      const match: TermMatch = {
        entryIds,
        start: startToken.start,
        end: endToken.end,
        form: chosen.pattern.form,
        suffix: chosen.pattern.suffix || chosen.suffix,
        status: chosen.pattern.status,
      };
      if (chosen.pattern.contexts) match.contexts = chosen.pattern.contexts;
      out.push(match);
      i += longest - 1;
    }
    return out;
  }

  private candidatesAt(map: Map<string, Pattern[]>, keys: string[], i: number, suffixes: readonly string[]): { pattern: Pattern; suffix: string }[] {
    const found: { pattern: Pattern; suffix: string }[] = [];
    const tryKey = (first: string, suffixOfFirst: string): void => {
      for (const pattern of map.get(first) ?? []) {
        const n = pattern.words.length;
        if (n === 1) {
          found.push({ pattern, suffix: suffixOfFirst });
          continue;
        }
        if (suffixOfFirst) continue;
        let ok = true;
        for (let k = 1; k < n - 1 && ok; k++) ok = keys[i + k] === pattern.words[k];
        if (!ok) continue;
        const lastKey = keys[i + n - 1];
        if (lastKey === undefined) continue;
        if (lastKey === pattern.words[n - 1]) found.push({ pattern, suffix: '' });
        else {
          const s = suffixes.find((suf) => lastKey === pattern.words[n - 1] + suf);
          if (s) found.push({ pattern, suffix: s });
        }
      }
    };
    const key = keys[i]!;
    tryKey(key, '');
    for (const suffix of suffixes) if (key.length > suffix.length + 1 && key.endsWith(suffix)) tryKey(key.slice(0, -suffix.length), suffix);
    return found;
  }

  private tellApart(ids: string[], text: string, tokens: Token[], keys: string[], first: number, last: number, language: string): string[] {
    const people = ids.filter((id) => this.terms.get(id)?.kind === 'person' && (this.terms.get(id)!.firstName || this.terms.get(id)!.patronymic));
    const before = INITIALS_BEFORE.exec(text.slice(Math.max(0, tokens[first]!.start - 16), tokens[first]!.start))?.[1];
    const after = INITIALS_AFTER.exec(text.slice(tokens[last]!.end, tokens[last]!.end + 16))?.[1];
    const written = (before ?? after)?.replace(/\s+/g, '').split(/(?<=\.)/).filter(Boolean);
    if (written?.length && people.length) {
      const agree = people.filter((id) => {
        const marks = this.personMarks(id, language).initials;
        return written.every((w, k) => marks[k] === undefined || formKey(marks[k]!) === formKey(w));
      });
      // Initials that fit no entry name another person with this surname: not a glossary term.
      return agree.length ? agree : ids.length === people.length ? [] : ids.filter((id) => !people.includes(id));
    }
    const previous = keys[first - 1];
    if (ids.length > 1 && previous !== undefined) {
      const named = people.filter((id) => this.personMarks(id, language).firstNames.has(previous));
      if (named.length) return named;
    }
    return ids;
  }
}

/** Length of the stem shared by a Russian nominative and one of its inflected forms. */
function russianStemLength(nominative: string, form: string): number {
  let n = 0;
  while (n < nominative.length && n < form.length && nominative[n] === form[n]) n++;
  return n;
}
