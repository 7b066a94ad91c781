import type { GlossaryTerm } from '../src/types.js';

/** A small glossary of an English and German edition, written for these tests. */
export const GLOSSARY: GlossaryTerm[] = [
  {
    id: 'bukharin',
    lemma: 'Бухарин',
    kind: 'person',
    firstName: 'Николай',
    patronymic: 'Иванович',
    forms: {
      en: [{ form: 'Bukharin', status: 'preferred' }],
      de: [{ form: 'Bucharin', status: 'preferred' }, { form: 'Bukharin', status: 'forbidden' }],
    },
  },
  {
    id: 'zinoviev',
    lemma: 'Зиновьев',
    kind: 'person',
    firstName: 'Григорий',
    patronymic: 'Евсеевич',
    forms: {
      en: [
        { form: 'Zinoviev', status: 'preferred' },
        { form: 'Zinov’ev', status: 'allowed', contexts: ['footnote', 'bibliography'] },
        { form: 'Zinovyev', status: 'forbidden' },
      ],
      de: [{ form: 'Sinowjew', status: 'preferred' }],
    },
  },
  { id: 'tomsky', lemma: 'Томский', kind: 'person', firstName: 'Михаил', patronymic: 'Павлович', forms: { en: [{ form: 'Tomsky', status: 'preferred' }], de: [{ form: 'Tomski', status: 'preferred' }] } },
  { id: 'tomsk', lemma: 'Томск', kind: 'place', forms: { en: [{ form: 'Tomsk', status: 'preferred' }], de: [{ form: 'Tomsk', status: 'preferred' }] } },
  { id: 'lenin', lemma: 'Ленин', kind: 'person', forms: { en: [{ form: 'Lenin', status: 'preferred' }] } },
  { id: 'trotsky', lemma: 'Троцкий', kind: 'person', firstName: 'Лев', patronymic: 'Давидович', forms: { en: [{ form: 'Trotsky', status: 'preferred' }, { form: 'Trotskii', status: 'allowed', contexts: ['bibliography'] }], de: [{ form: 'Trotzki', status: 'preferred' }] } },
  { id: 'kosior-s', lemma: 'Косиор', kind: 'person', firstName: 'Станислав', patronymic: 'Викентьевич', forms: { en: [{ form: 'Kosior', status: 'preferred' }] } },
  { id: 'kosior-v', lemma: 'Косиор', kind: 'person', firstName: 'Владислав', patronymic: 'Викентьевич', forms: { en: [{ form: 'Kosior', status: 'preferred' }] } },
  { id: 'smirnov-ap', lemma: 'Смирнов', kind: 'person', firstName: 'Александр', patronymic: 'Петрович', forms: { en: [{ form: 'Smirnov', status: 'preferred' }] } },
  { id: 'smirnov-in', lemma: 'Смирнов', kind: 'person', firstName: 'Иван', patronymic: 'Никитич', forms: { en: [{ form: 'Smirnov', status: 'preferred' }] } },
  { id: 'yakovlev', lemma: 'Яковлев', kind: 'person', firstName: 'Яков', patronymic: 'Аркадьевич', forms: { en: [{ form: 'Yakovlev', status: 'preferred' }] } },
  { id: 'yagoda', lemma: 'Ягода', kind: 'person', forms: { en: [{ form: 'Yagoda', status: 'preferred' }] } },
  { id: 'kolkhoz', lemma: 'колхоз', kind: 'term', forms: { en: [{ form: 'kolkhoz', status: 'preferred' }, { form: 'collective farm', status: 'allowed' }] } },
  { id: 'cc', lemma: 'Центральный комитет', kind: 'organisation', forms: { en: [{ form: 'Central Committee', status: 'preferred' }] } },
];
