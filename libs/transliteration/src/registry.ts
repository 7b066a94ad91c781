import { conventionRenderer, renderText, ruleRenderer, type WordRenderer } from './engine.js';
import { DE_DUDEN_EXCEPTIONS, DE_DUDEN_INFO, DE_DUDEN_LETTERS, DE_DUDEN_RULES } from './de-duden.js';
import { HRL_MODIFIED } from './conventions/hrl-modified.js';
import { iuliiaRenderer, STANDARD_SCHEMES } from './standard-schemes.js';
import { TransliterationError } from './errors.js';
import { TEXT_CONTEXTS, type ConventionDefinition, type ProposedForms, type SchemeInfo, type TextContext, type TransliterateOptions } from './types.js';

const CYRILLIC_ONLY = /^[\p{Script=Cyrillic}]+$/u;

/** A scheme ready to use: what it is, and how it renders. */
export interface CompiledScheme {
  info: SchemeInfo;
  renderer: WordRenderer;
  /** Present for conventions: the data it was built from. */
  convention?: ConventionDefinition;
}

const BUILT_IN: ReadonlyMap<string, CompiledScheme> = (() => {
  const map = new Map<string, CompiledScheme>();
  for (const { schema, ...info } of STANDARD_SCHEMES) map.set(info.id, { info, renderer: iuliiaRenderer(schema) });
  map.set(DE_DUDEN_INFO.id, { info: DE_DUDEN_INFO, renderer: ruleRenderer(DE_DUDEN_LETTERS, DE_DUDEN_RULES, DE_DUDEN_EXCEPTIONS) });
  for (const def of [HRL_MODIFIED]) map.set(def.id, compileWith(def, map));
  return map;
})();

/** The conventions shipped with Interlinea, as data (an edition may copy one and change it). */
export const BUILT_IN_CONVENTIONS: readonly ConventionDefinition[] = [HRL_MODIFIED];

/** What is wrong with a convention's data, as one line per problem; empty when it can be used. */
export function conventionProblems(def: ConventionDefinition, known: ReadonlyMap<string, CompiledScheme> = BUILT_IN): string[] {
  const problems: string[] = [];
  if (typeof def !== 'object' || def === null) return ['a convention must be an object'];
  for (const list of ['rules', 'exceptions', 'allowances'] as const) if (!Array.isArray(def[list])) problems.push(`${list} must be a list`);
  if (problems.length) return problems;
  if (typeof def.id !== 'string' || !def.id.trim()) problems.push('id is empty');
  if (!known.has(def.base) || known.get(def.base)!.info.kind === 'convention') problems.push(`base "${def.base}" is not a scheme`);
  const contexts = new Set<string>(TEXT_CONTEXTS);
  def.rules.forEach((r, i) => {
    if (!r.match || !CYRILLIC_ONLY.test(r.match) || r.match !== r.match.toLowerCase()) problems.push(`rules[${i}].match must be lower-case Cyrillic letters`);
    if (r.at !== undefined && r.at !== 'start' && r.at !== 'end') problems.push(`rules[${i}].at must be "start" or "end"`);
    for (const c of r.contexts ?? []) if (!contexts.has(c)) problems.push(`rules[${i}].contexts: unknown context "${c}"`);
  });
  def.exceptions.forEach((e, i) => {
    if (!CYRILLIC_ONLY.test(e.source ?? '')) problems.push(`exceptions[${i}].source must be one Cyrillic word`);
    if (!e.output?.trim()) problems.push(`exceptions[${i}].output is empty`);
    for (const c of e.contexts ?? []) if (!contexts.has(c)) problems.push(`exceptions[${i}].contexts: unknown context "${c}"`);
  });
  def.allowances.forEach((a, i) => {
    if (!known.has(a.scheme)) problems.push(`allowances[${i}].scheme "${a.scheme}" is not a scheme`);
    for (const c of a.contexts) if (!contexts.has(c)) problems.push(`allowances[${i}].contexts: unknown context "${c}"`);
  });
  return problems;
}

function compileWith(def: ConventionDefinition, known: ReadonlyMap<string, CompiledScheme>): CompiledScheme {
  const problems = conventionProblems(def, known);
  if (problems.length) throw new TransliterationError('INVALID_CONVENTION', `Convention "${def.id}": ${problems.join('; ')}`, { problems });
  const base = known.get(def.base)!;
  return {
    info: { id: def.id, label: def.label, kind: 'convention', language: def.language, description: def.description, base: def.base },
    renderer: conventionRenderer(base.renderer, def.rules, def.exceptions),
    convention: def,
  };
}

/** Builds an edition's own convention from its data (refused with INVALID_CONVENTION when malformed). */
export function compileConvention(def: ConventionDefinition): CompiledScheme {
  return compileWith(def, BUILT_IN);
}

export function listSchemes(): SchemeInfo[] {
  return [...BUILT_IN.values()].map((s) => s.info);
}

export function getScheme(id: string): CompiledScheme {
  const found = BUILT_IN.get(id);
  if (!found) throw new TransliterationError('UNKNOWN_SCHEME', `Unknown transliteration scheme "${id}"`, { scheme: id, known: [...BUILT_IN.keys()] });
  return found;
}

export const isSchemeId = (id: string): boolean => BUILT_IN.has(id);

const resolve = (scheme: string | CompiledScheme): CompiledScheme => (typeof scheme === 'string' ? getScheme(scheme) : scheme);

/**
 * Russian → Latin under a scheme or convention. Cyrillic words are rendered, everything else is kept;
 * `context` (default `main`) selects a convention's per-context rules.
 */
export function transliterate(text: string, scheme: string | CompiledScheme, options: TransliterateOptions = {}): string {
  return renderText(text, resolve(scheme).renderer, options.context ?? 'main');
}

const OTHER_STANDARD_PLAIN = ['ala-lc-plain', 'bgn-pcgn'];

/**
 * The forms a new glossary entry gets under a scheme or convention: the main-text rendering as
 * preferred; other contexts' renderings and the convention's allowances as allowed in those contexts;
 * the other plain standards' renderings, allowed nowhere, as forbidden in the main text.
 */
export function proposeForms(lemma: string, scheme: string | CompiledScheme): ProposedForms {
  const compiled = resolve(scheme);
  const preferred = transliterate(lemma, compiled, { context: 'main' });
  // Forms that differ only in the apostrophe of a sign (Raskol’nikov, Raskol'nikov) are one form: matching folds them.
  const same = (a: string, b: string): boolean => a.replace(/['ʹ]/g, '’') === b.replace(/['ʹ]/g, '’');
  const allowed = new Map<string, { contexts: Set<TextContext>; note: string }>();
  const allow = (form: string, context: TextContext, note: string): void => {
    if (same(form, preferred)) return;
    const seen = [...allowed].find(([f]) => same(f, form))?.[1];
    if (seen) seen.contexts.add(context);
    else allowed.set(form, { contexts: new Set([context]), note });
  };
  for (const context of TEXT_CONTEXTS) {
    if (context === 'main') continue;
    allow(transliterate(lemma, compiled, { context }), context, `${compiled.info.label}, ${context}`);
  }
  for (const a of compiled.convention?.allowances ?? []) {
    const form = transliterate(lemma, a.scheme);
    for (const context of a.contexts) allow(form, context, a.note);
  }
  const forbidden: ProposedForms['forbidden'] = [];
  if (compiled.info.kind === 'convention') {
    for (const id of OTHER_STANDARD_PLAIN) {
      const form = transliterate(lemma, id);
      if (!same(form, preferred) && ![...allowed.keys()].some((f) => same(f, form)) && !forbidden.some((f) => same(f.form, form))) {
        forbidden.push({ form, note: `${getScheme(id).info.label}: not this edition's convention` });
      }
    }
  }
  return {
    preferred,
    allowed: [...allowed].map(([form, { contexts, note }]) => ({ form, contexts: [...contexts], note })),
    forbidden,
  };
}
