import { getScheme } from '#libs/transliteration';
import { GLOSSARY } from '../test/fixture-glossary.js';
import { russianForms } from './inflection.js';
import { TermIndex } from './term-index.js';

const index = new TermIndex(GLOSSARY, { schemes: { en: getScheme('hrl-modified'), de: getScheme('de-duden') } });
const ids = (text: string, language: string) => index.find(text, language).map((m) => [text.slice(m.start, m.end), m.entryIds.join('|')]);

describe('inflection-aware matching', () => {
  it.each(['Бухарин', 'Бухарина', 'Бухарину', 'Бухариным', 'Бухарине', 'Бухариной', 'Бухарины'])('finds the Russian case %s', (form) => {
    expect(ids(`Об этом писал ${form} в 1929 году.`, 'ru')).toEqual([[form, 'bukharin']]);
  });

  it('finds adjectival surnames and feminine nouns in their cases', () => {
    expect(ids('Томского, Томскому, Томским', 'ru').map(([, id]) => id)).toEqual(['tomsky', 'tomsky', 'tomsky']);
    // "о Томском" (of Tomsky) and "Томском" (by Tomsk) are one word: both candidates are kept.
    expect(ids('о Томском', 'ru')).toEqual([['Томском', 'tomsky|tomsk']]);
    expect(ids('у Ягоды, с Ягодой, к Ягоде', 'ru').map(([, id]) => id)).toEqual(['yagoda', 'yagoda', 'yagoda']);
  });

  it('tells Томский from Томск and finds Томск in its own cases', () => {
    expect(ids('Из Томска Томский уехал.', 'ru')).toEqual([
      ['Томска', 'tomsk'],
      ['Томский', 'tomsky'],
    ]);
  });

  it('does not match look-alikes', () => {
    expect(ids('бухаринцы и бухаринский уклон; Ленинград, ленинцы', 'ru')).toEqual([]);
    expect(ids('Leningrad and the Leninists; Tomskaya oblast; Bukharinists', 'en')).toEqual([]);
    expect(ids('der Bucharinismus', 'de')).toEqual([]);
  });

  it('finds the German genitive and the English possessive', () => {
    expect(ids('Bucharins Brief an Trotzkis Sohn', 'de')).toEqual([
      ['Bucharins', 'bukharin'],
      ['Trotzkis', 'trotsky'],
    ]);
    expect(ids("Bukharin's letter and Tomsky’s reply", 'en')).toEqual([
      ["Bukharin's", 'bukharin'],
      ['Tomsky’s', 'tomsky'],
    ]);
    expect(index.find("Bukharin's", 'en')[0]).toMatchObject({ form: 'Bukharin', suffix: '’s' });
  });

  it('finds names with initials, and multi-word terms in any case', () => {
    expect(ids('Н. И. Бухарин и N. I. Bukharin', 'ru')).toEqual([['Бухарин', 'bukharin']]);
    expect(ids('N. I. Bukharin', 'en')).toEqual([['Bukharin', 'bukharin']]);
    expect(ids('the Central Committee and the kolkhoz', 'en')).toEqual([
      ['Central Committee', 'cc'],
      ['kolkhoz', 'kolkhoz'],
    ]);
  });

  it('tells homonyms apart by initials or first name, and keeps them apart otherwise', () => {
    expect(ids('С. В. Косиор', 'ru')).toEqual([['Косиор', 'kosior-s']]);
    expect(ids('В. В. Косиору', 'ru')).toEqual([['Косиору', 'kosior-v']]);
    expect(ids('A. P. Smirnov and I. N. Smirnov', 'en')).toEqual([
      ['Smirnov', 'smirnov-ap'],
      ['Smirnov', 'smirnov-in'],
    ]);
    expect(ids('Ivan Smirnov', 'en')).toEqual([['Smirnov', 'smirnov-in']]);
    expect(ids('Smirnov said', 'en')).toEqual([['Smirnov', 'smirnov-ap|smirnov-in']]);
    // Initials that fit no entry: another Smirnov, not one of the glossary's.
    expect(ids('B. K. Smirnov', 'en')).toEqual([]);
    // Я renders as "Ya" in initials under the edition's convention.
    expect(ids('Ya. A. Yakovlev', 'en')).toEqual([['Yakovlev', 'yakovlev']]);
  });

  it('does not take the end of a sentence for an initial', () => {
    expect(ids('in the USSR. Smirnov said', 'en')).toEqual([['Smirnov', 'smirnov-ap|smirnov-in']]);
  });

  it('lists the Russian paradigm by the nominative', () => {
    expect(russianForms('Троцкий')).toEqual(expect.arrayContaining(['троцкий', 'троцкого', 'троцкому', 'троцким', 'троцком']));
    expect(russianForms('Георгий')).toEqual(expect.arrayContaining(['георгий', 'георгия', 'георгием']));
    expect(russianForms('Каганович')).toEqual(expect.arrayContaining(['кагановича', 'кагановичем']));
    expect(russianForms('Орджоникидзе')).toEqual(['орджоникидзе']);
  });
});
