export * from './types.js';
export * from './errors.js';
export { RUSSIAN_VOWELS, CYRILLIC_WORD, foldYo } from './engine.js';
export {
  transliterate,
  listSchemes,
  getScheme,
  isSchemeId,
  compileConvention,
  conventionProblems,
  proposeForms,
  BUILT_IN_CONVENTIONS,
  type CompiledScheme,
} from './registry.js';
export { HRL_MODIFIED } from './conventions/hrl-modified.js';
