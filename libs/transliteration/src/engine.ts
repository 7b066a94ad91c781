import type { NameException, Rule, TextContext } from './types.js';

/** What one position of a word becomes: Latin text, and how many Cyrillic letters it consumed. */
export interface Step {
  text: string;
  length: number;
}

/**
 * A compiled scheme: renders the letters of one lower-case Cyrillic word, position by position, so that
 * a convention can put its own rules in front of any base scheme.
 */
export interface WordRenderer {
  step(word: string, index: number, context: TextContext): Step;
  /** Whole-word decisions, looked up before any rule (lower-case, ё folded to е). */
  exception(word: string, context: TextContext): string | undefined;
}

export const RUSSIAN_VOWELS = 'аеёиоуыэюя';
export const CYRILLIC_WORD = /[\p{Script=Cyrillic}\u0300\u0301]+/gu;
const STRESS_MARKS = /[\u0300\u0301]/g;

export const foldYo = (word: string): string => word.replace(/ё/g, 'е');

export function ruleMatches(rule: Rule, word: string, index: number, context: TextContext): boolean {
  if (rule.contexts && !rule.contexts.includes(context)) return false;
  if (!word.startsWith(rule.match, index)) return false;
  const end = index + rule.match.length;
  if (rule.at === 'start' && index !== 0) return false;
  if (rule.at === 'end' && end !== word.length) return false;
  if (rule.after !== undefined) {
    const prev = index === 0 ? '^' : word[index - 1]!;
    if (!rule.after.includes(prev)) return false;
  }
  if (rule.before !== undefined) {
    const next = end === word.length ? '$' : word[end]!;
    if (!rule.before.includes(next)) return false;
  }
  return true;
}

export function firstRule(rules: readonly Rule[], word: string, index: number, context: TextContext): Rule | undefined {
  for (const rule of rules) if (ruleMatches(rule, word, index, context)) return rule;
  return undefined;
}

/** Exceptions keyed by folded lower-case source, each with the contexts it holds in. */
export function exceptionTable(exceptions: readonly NameException[]): (word: string, context: TextContext) => string | undefined {
  const table = new Map<string, NameException[]>();
  for (const e of exceptions) {
    const key = foldYo(e.source.toLowerCase());
    table.set(key, [...(table.get(key) ?? []), e]);
  }
  return (word, context) => {
    const found = table.get(foldYo(word));
    return found?.find((e) => !e.contexts || e.contexts.includes(context))?.output;
  };
}

const upperFirst = (s: string): string => (s === '' ? s : s[0]!.toUpperCase() + s.slice(1));
const isUpper = (ch: string): boolean => ch !== ch.toLowerCase() && ch === ch.toUpperCase();

/**
 * Renders one Cyrillic word (no spaces, no hyphens) and gives it the source's case: an all-capitals word
 * (two letters or more) comes out in capitals, otherwise each capital starts a capitalised piece
 * ("Щ" → "Shch", "ЦК" → "TSK", "МакДональд" → "MakDonal'd").
 */
export function renderWord(source: string, renderer: WordRenderer, context: TextContext): string {
  const original = source.replace(STRESS_MARKS, '');
  const word = original.toLowerCase();
  const letters = [...original].filter((ch) => ch.toLowerCase() !== ch.toUpperCase());
  const allCaps = letters.length > 1 && letters.every(isUpper);
  const decided = renderer.exception(word, context);
  if (decided !== undefined) {
    if (allCaps) return decided.toUpperCase();
    return isUpper(original[0]!) ? decided : decided.toLowerCase();
  }
  let out = '';
  for (let i = 0; i < word.length; ) {
    const { text, length } = renderer.step(word, i, context);
    const capital = isUpper(original[i]!);
    out += allCaps ? text.toUpperCase() : capital ? upperFirst(text) : text;
    i += Math.max(1, length);
  }
  return out;
}

/** Renders every Cyrillic word of a text; everything else (Latin, digits, punctuation, spaces) stays. */
export function renderText(text: string, renderer: WordRenderer, context: TextContext): string {
  return text.replace(CYRILLIC_WORD, (word) => renderWord(word, renderer, context));
}

/** A scheme made of ordered rules over a letter table (German transcription, own schemes). */
export function ruleRenderer(
  letters: Readonly<Record<string, string>>,
  rules: readonly Rule[],
  exceptions: readonly NameException[],
): WordRenderer {
  const exception = exceptionTable(exceptions);
  return {
    exception,
    step(word, index, context) {
      const rule = firstRule(rules, word, index, context);
      if (rule) return { text: rule.output, length: rule.match.length };
      const ch = word[index]!;
      return { text: letters[ch] ?? ch, length: 1 };
    },
  };
}

/** A convention: its rules and exceptions in front of a base scheme. */
export function conventionRenderer(base: WordRenderer, rules: readonly Rule[], exceptions: readonly NameException[]): WordRenderer {
  const own = exceptionTable(exceptions);
  return {
    exception: (word, context) => own(word, context) ?? base.exception(word, context),
    step(word, index, context) {
      const rule = firstRule(rules, word, index, context);
      if (rule) return { text: rule.output, length: rule.match.length };
      return base.step(word, index, context);
    },
  };
}
