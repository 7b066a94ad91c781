import { GLOSSARY } from '../test/fixture-glossary.js';
import { checkVariant } from './checks.js';
import { TermIndex } from './term-index.js';
import { DEFAULT_SEVERITIES } from './types.js';

const index = new TermIndex(GLOSSARY);
const check = (sourceText: string, targetText: string, context: 'main' | 'footnote' = 'main', targetLanguage = 'en') =>
  checkVariant(index, { sourceText, sourceLanguage: 'ru', targetText, targetLanguage, context });
const apply = (text: string, fix: { start: number; end: number; replacement: string }) => text.slice(0, fix.start) + fix.replacement + text.slice(fix.end);

describe('checks of a variant against the glossary', () => {
  it('finds nothing when the target uses the expected forms, in any inflection', () => {
    expect(check('Бухариным и Зиновьевым', "Bukharin's and Zinoviev's")).toEqual([]);
    expect(check('Письмо Бухарина', 'Bucharins Brief', 'main', 'de')).toEqual([]);
  });

  it('flags a form allowed only in footnotes as a soft sign in the main text, with a fix keeping the ending', () => {
    const target = 'Zinov’ev’s speech';
    const [finding, ...rest] = check('Речь Зиновьева', target);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ kind: 'context-only-form', severity: 'warning', entryId: 'zinoviev', expected: 'Zinoviev', found: 'Zinov’ev’s', start: 0, end: 10, allowedIn: ['footnote', 'bibliography'] });
    expect(apply(target, finding!.fix!)).toBe('Zinoviev’s speech');
    expect(check('Речь Зиновьева', target, 'footnote')).toEqual([]);
  });

  it('flags a forbidden form wherever it is, as an error', () => {
    const findings = check('', 'Zinovyev and Bukharin', 'main', 'en');
    expect(findings).toEqual([expect.objectContaining({ kind: 'forbidden-form', severity: 'error', found: 'Zinovyev', start: 0, end: 8 })]);
    const german = check('Бухарин', 'Bukharin schrieb', 'main', 'de');
    expect(german.map((f) => [f.kind, f.found, f.fix?.replacement])).toEqual([['forbidden-form', 'Bukharin', 'Bucharin']]);
  });

  it('finds a misspelling of an expected form and offers the fix', () => {
    const target = 'I, Rykov and Tomsy see it alike.';
    const findings = check('Я, Рыков и Томский видим это одинаково.', target);
    expect(findings).toEqual([expect.objectContaining({ kind: 'variant-form', entryId: 'tomsky', found: 'Tomsy', expected: 'Tomsky', sourceStart: 11, sourceEnd: 18 })]);
    expect(apply(target, findings[0]!.fix!)).toBe('I, Rykov and Tomsky see it alike.');
  });

  it('does not take another word for a misspelling (Tomsk is not Tomsky)', () => {
    expect(check('Томский', 'He left Tomsk.').map((f) => f.kind)).toEqual(['missing-term']);
  });

  it('reports a source term with no rendering in the target, with its place in the source', () => {
    expect(check('Ягода и Ленин', 'Lenin')).toEqual([
      { kind: 'missing-term', severity: 'warning', entryId: 'yagoda', expected: 'Yagoda', sourceStart: 0, sourceEnd: 5 },
    ]);
  });

  it('takes severities from the edition', () => {
    const strict = { ...DEFAULT_SEVERITIES, 'context-only-form': 'error' as const };
    const [finding] = checkVariant(index, { sourceText: 'Зиновьев', sourceLanguage: 'ru', targetText: 'Zinov’ev', targetLanguage: 'en', context: 'main' }, strict);
    expect(finding!.severity).toBe('error');
  });

  it('does not check an ambiguous surname against one homonym', () => {
    expect(check('Смирнов', 'Smirnov')).toEqual([]);
  });
});
