import { NAMES } from '../test/names.fixture.js';
import { compileConvention, conventionProblems, listSchemes, proposeForms, transliterate } from './registry.js';
import { HRL_MODIFIED } from './conventions/hrl-modified.js';
import { TransliterationError } from './errors.js';

describe('compiled list of names', () => {
  it('has at least 80 names, each with its source', () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(80);
    for (const n of NAMES) expect(n.enSource.length * n.deSource.length).toBeGreaterThan(0);
    expect(new Set(NAMES.map((n) => n.ru)).size).toBe(NAMES.length);
  });

  it.each(NAMES.map((n) => [n.ru, n.en, n.enSource]))('hrl-modified: %s → %s (%s)', (ru, en) => {
    expect(transliterate(ru, 'hrl-modified')).toBe(en);
  });

  it.each(NAMES.map((n) => [n.ru, n.de, n.deSource]))('de-duden: %s → %s (%s)', (ru, de) => {
    expect(transliterate(ru, 'de-duden')).toBe(de);
  });
});

describe('hrl-modified per context', () => {
  it('keeps soft and hard signs in footnotes and bibliography, drops them in the main text', () => {
    expect(transliterate('Раскольников', 'hrl-modified', { context: 'footnote' })).toBe('Raskol’nikov');
    expect(transliterate('Верхнеуральск', 'hrl-modified', { context: 'bibliography' })).toBe('Verkhneural’sk');
    expect(transliterate('объезд', 'hrl-modified', { context: 'footnote' })).toBe('ob”ezd');
    expect(transliterate('объезд', 'hrl-modified')).toBe('obezd');
  });

  it('lets popular forms win in every context', () => {
    expect(transliterate('Зиновьев', 'hrl-modified', { context: 'footnote' })).toBe('Zinoviev');
  });

  it('renders running text word by word, case by case', () => {
    expect(transliterate('Н. И. Бухарин и Г. Е. Зиновьев, ЦК ВКП(б)', 'hrl-modified')).toBe('N. I. Bukharin i G. Ye. Zinoviev, TSK VKP(b)');
  });

  it('proposes the strict form as allowed in footnotes only, and other standards as forbidden', () => {
    const forms = proposeForms('Троцкий', 'hrl-modified');
    expect(forms.preferred).toBe('Trotsky');
    expect(forms.allowed).toEqual([expect.objectContaining({ form: 'Trotskii', contexts: ['footnote', 'bibliography'] })]);
    expect(forms.forbidden.map((f) => f.form)).toEqual(['Trotskiy']);
  });

  it('proposes the footnote rendering with signs where it differs from the main text', () => {
    const forms = proposeForms('Раскольников', 'hrl-modified');
    expect(forms.preferred).toBe('Raskolnikov');
    // ALA-LC's Raskol'nikov is the same form with another apostrophe: proposed once.
    expect(forms.allowed.map((a) => [a.form, a.contexts])).toEqual([['Raskol’nikov', ['footnote', 'bibliography']]]);
  });
});

describe('conventions as data', () => {
  it('builds an edition’s own convention on any scheme, its rules first', () => {
    const own = compileConvention({
      id: 'press-de',
      label: 'Hausregel',
      language: 'de',
      description: 'Duden, aber Leo Trotzki',
      base: 'de-duden',
      rules: [{ id: 'ks', match: 'кс', output: 'ks', note: 'kein x' }],
      exceptions: [{ source: 'Лев', output: 'Leo', note: 'eingeführt' }],
      allowances: [],
    });
    expect(transliterate('Лев Троцкий, Алексей', own)).toBe('Leo Trotzki, Aleksei');
  });

  it('refuses malformed data with every problem named', () => {
    const bad = { ...HRL_MODIFIED, base: 'nope', rules: [{ id: 'x', match: 'SKII', output: 'sky', note: '' }] };
    expect(conventionProblems(bad)).toEqual(['base "nope" is not a scheme', 'rules[0].match must be lower-case Cyrillic letters']);
    expect(() => compileConvention(bad)).toThrow(TransliterationError);
  });

  it('refuses an unknown scheme with a code', () => {
    expect(() => transliterate('Бухарин', 'klingon')).toThrow(expect.objectContaining({ code: 'UNKNOWN_SCHEME' }));
  });

  it('lists every scheme once', () => {
    expect(listSchemes().map((s) => s.id)).toEqual(['ala-lc', 'ala-lc-plain', 'bgn-pcgn', 'iso9', 'scholarly', 'de-duden', 'hrl-modified']);
  });
});
