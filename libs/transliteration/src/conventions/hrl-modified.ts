import type { ConventionDefinition } from '../types.js';

const SIGNS_KEPT = ['footnote', 'bibliography'] as const;

/**
 * The modified *Handbook of Russian Literature* (Terras, 1985) convention of an English translated
 * monograph, as its translator describes it and as the book writes its names: ALA-LC without
 * diacritics, "-skii" → "-sky", soft and hard signs dropped in the main text and kept in footnotes,
 * initial Е/Ё/Ю/Я → Ye/Yo/Yu/Ya, names of German origin kept in their Russian form (Goltsman, never
 * Holtzmann: nothing restores an original spelling), and popular forms as exceptions. Where the book
 * is itself inconsistent (Georgy 4 × / Georgii 3 ×), the rule follows its majority.
 */
export const HRL_MODIFIED: ConventionDefinition = {
  id: 'hrl-modified',
  label: 'Modified Handbook of Russian Literature (English)',
  language: 'en',
  description:
    'ALA-LC without diacritics; -skii → -sky; soft and hard signs dropped in the main text, kept in footnotes; initial Е/Ю/Я → Ye/Yu/Ya; popular forms win (Zinoviev, Barmine, Nicolaevsky).',
  base: 'ala-lc-plain',
  rules: [
    { id: 'ii-final', match: 'ий', at: 'end', output: 'y', note: '-ий is -y: "-skii" becomes "-sky" (Trotsky, Tomsky), and first names follow (Georgy, Dmitry).' },
    { id: 'aya-final', match: 'ая', at: 'end', output: 'aya', note: 'The feminine ending -ая is -aya (Krupskaya, Ostrovskaya).' },
    { id: 'ye-initial', match: 'е', at: 'start', output: 'ye', note: 'Initial Е is Ye (Yezhov).' },
    { id: 'yo-initial', match: 'ё', at: 'start', output: 'yo', note: 'Initial Ё is Yo.' },
    { id: 'yu-initial', match: 'ю', at: 'start', output: 'yu', note: 'Initial Ю is Yu (Yudin).' },
    { id: 'y-initial', match: 'й', at: 'start', output: 'y', note: 'Initial Й is Y (Yoshkar-Ola).' },
    { id: 'ya-initial', match: 'я', at: 'start', output: 'ya', note: 'Initial Я is Ya (Yaroslavsky).' },
    { id: 'yo-sibilant', match: 'ё', after: 'жчшщ', output: 'e', note: 'ё after ж, ч, ш, щ is e (Khrushchev).' },
    { id: 'yo', match: 'ё', output: 'yo', note: 'ё is yo elsewhere (Fyodor, Pyotr, Semyonovich).' },
    { id: 'soft-ie', match: 'ье', output: 'ie', contexts: ['main'], note: 'In the main text ье is ie (Zinoviev, Grigorievich, Kondratiev).' },
    { id: 'soft-yi', match: 'ьи', output: 'yi', contexts: ['main'], note: 'In the main text ьи is yi (Ilyich).' },
    { id: 'soft-ya', match: 'ья', output: 'ya', contexts: ['main'], note: 'In the main text ья is ya (Ulyanov, Ilya).' },
    { id: 'soft-yu', match: 'ью', output: 'yu', contexts: ['main'], note: 'In the main text ью is yu.' },
    { id: 'soft-yo', match: 'ьё', output: 'yo', contexts: ['main'], note: 'In the main text ьё is yo (Solovyov).' },
    { id: 'soft-dropped', match: 'ь', output: '', contexts: ['main'], note: 'The soft sign is dropped in the main text (Raskolnikov, Goltsman).' },
    { id: 'hard-dropped', match: 'ъ', output: '', contexts: ['main'], note: 'The hard sign is dropped in the main text.' },
    { id: 'soft-kept', match: 'ь', output: '’', contexts: SIGNS_KEPT, note: 'Footnotes and bibliography keep the soft sign (Raskol’nikov).' },
    { id: 'hard-kept', match: 'ъ', output: '”', contexts: SIGNS_KEPT, note: 'Footnotes and bibliography keep the hard sign.' },
  ],
  exceptions: [
    { source: 'Зиновьев', output: 'Zinoviev', note: 'Popular form named in the translator’s note (not Zinov’ev).' },
    { source: 'Бармин', output: 'Barmine', note: 'Popular form named in the translator’s note (not Barmin).' },
    { source: 'Николаевский', output: 'Nicolaevsky', note: 'Popular form named in the translator’s note (not Nikolaevsky).' },
    { source: 'Юрий', output: 'Yuri', note: 'Popular form; the book writes Yuri 4 × (and Yurii 3 ×).' },
    { source: 'Пятаков', output: 'Pyatakov', note: 'Popular form; the book writes Pyatakov 17 × (rule: Piatakov).' },
    { source: 'Блюмкин', output: 'Blumkin', note: 'Popular form; the book writes Blumkin 6 × (and Bliumkin 1 ×).' },
    { source: 'Микоян', output: 'Mikoyan', note: 'Popular form; the book writes Mikoyan 10 × (rule: Mikoian).' },
    { source: 'Чаянов', output: 'Chayanov', note: 'Popular form; the book writes Chayanov 7 × (rule: Chaianov).' },
    { source: 'Лубянка', output: 'Lubyanka', note: 'Popular form of the place (rule: Lubianka); the book has both once.' },
    { source: 'Тольятти', output: 'Togliatti', note: 'An Italian name: its own spelling (the book: Togliatti 9 ×, Toliatti 1 ×).' },
  ],
  allowances: [
    {
      scheme: 'ala-lc-plain',
      contexts: SIGNS_KEPT,
      note: 'Strict transliteration (Trotskii, Zinov’ev) is allowed in footnotes and bibliography, where Russian titles are cited; never in the main text.',
    },
  ],
};
