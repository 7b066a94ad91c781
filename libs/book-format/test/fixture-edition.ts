import { footnoteRef, text, type InlineContent } from '#libs/content';
import type { Edition, EditionSegment, EditionVariant, VariantState } from '../src/edition.js';

/**
 * A small edition written for these tests (English source, Russian and German translations): two
 * chapters with headings, a block quote, a list item, a table, italics and bold, footnotes referenced
 * once, twice and never, and variants in every status.
 */
const v = (content: InlineContent, status: VariantState = 'approved', revision = 1): EditionVariant => ({
  content,
  status,
  revision,
  contentHash: `h-${JSON.stringify(content).length}-${revision}`,
});

let counter = 0;
const seg = (kind: EditionSegment['kind'], variants: EditionSegment['variants'], extra: Partial<EditionSegment> = {}): EditionSegment => ({
  id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
  kind,
  pages: [],
  variants,
  ...extra,
});

export function fixtureEdition(): Edition {
  counter = 0;
  const n1 = 'f0000000-0000-4000-8000-000000000001';
  const n2 = 'f0000000-0000-4000-8000-000000000002';
  const n3 = 'f0000000-0000-4000-8000-000000000003';
  const n4 = 'f0000000-0000-4000-8000-000000000004';
  return {
    id: 'e0000000-0000-4000-8000-000000000001',
    slug: 'river-towns',
    title: 'River Towns of the North',
    sourceLanguage: 'en',
    languages: ['en', 'ru', 'de'],
    documents: [
      {
        id: 'd0000000-0000-4000-8000-000000000001',
        kind: 'chapter',
        titles: { en: '1. The Ferry at Dawn', ru: '1. Паром на рассвете', de: '1. Die Fähre im Morgengrauen' },
        segments: [
          seg('heading', { en: v([text('1. The Ferry at Dawn')]), ru: v([text('1. Паром на рассвете')]), de: v([text('1. Die Fähre im Morgengrauen')]) }, { level: 1 }),
          seg('paragraph', {
            en: v([text('The ferryman of '), text('Ust-Kulom', ['italic']), text(' kept a ledger of every crossing.'), footnoteRef(n1), text(' Nobody asked him to.')]),
            ru: v([text('Паромщик из '), text('Усть-Кулома', ['italic']), text(' вёл журнал каждой переправы.'), footnoteRef(n1), text(' Никто его об этом не просил.')]),
            de: v([text('Der Fährmann von '), text('Ust-Kulom', ['italic']), text(' führte über jede Überfahrt Buch.'), footnoteRef(n1), text(' Niemand hatte ihn darum gebeten.')]),
          }, { pages: ['3'] }),
          seg('blockQuote', {
            en: v([text('“Water does not wait for the clerk,” he wrote.'), footnoteRef(n2)]),
            ru: v([text('«Вода не ждёт писаря», — писал он.'), footnoteRef(n2)], 'translated'),
            de: v([text('„Das Wasser wartet nicht auf den Schreiber“, schrieb er.'), footnoteRef(n2)], 'draft', 3),
          }),
          seg('listItem', {
            en: v([text('Spring: ice, then '), text('floods', ['bold']), text('.')]),
            ru: v([text('Весна: лёд, затем '), text('половодье', ['bold']), text('.')]),
          }),
          seg('table', {
            en: v([text('Year\tCrossings\n1928\t412\n1929\t388')]),
            ru: v([text('Год\tПереправы\n1928\t412\n1929\t388')]),
            de: v([text('Jahr\tÜberfahrten\n1928\t412\n1929\t388')]),
          }),
          seg('paragraph', {
            en: v([text('Later entries mention the mill again.'), footnoteRef(n1), text(' And the school.'), footnoteRef(n3)]),
            ru: v([text('Поздние записи снова упоминают мельницу.'), footnoteRef(n1), text(' И школу.'), footnoteRef(n3)], 'rejected', 2),
            de: v([text('Spätere Einträge erwähnen wieder die Mühle.'), footnoteRef(n1), text(' Und die Schule.'), footnoteRef(n3)]),
          }),
        ],
        footnotes: [
          {
            id: n1,
            labels: { en: '12', ru: '12', de: '12' },
            body: [seg('noteBody', { en: v([text('Regional archive, fond 7, file 31.')]), ru: v([text('Областной архив, фонд 7, дело 31.')]), de: v([text('Regionalarchiv, Fonds 7, Akte 31.')]) })],
          },
          {
            id: n2,
            labels: { en: '13', ru: '13', de: '13' },
            body: [
              seg('noteBody', { en: v([text('The page is torn; the last word is a guess.')]), ru: v([text('Страница порвана; последнее слово — догадка.')]), de: v([text('Die Seite ist zerrissen; das letzte Wort ist geraten.')], 'translated') }),
              seg('noteBody', { en: v([text('Compare the '), text('1931 copy', ['italic']), text('.')]), ru: v([text('Ср. '), text('копию 1931 г.', ['italic'])]), de: v([text('Vgl. die '), text('Abschrift von 1931', ['italic']), text('.')]) }),
            ],
          },
          {
            id: n3,
            labels: { en: '14', ru: '14', de: '14' },
            body: [seg('noteBody', { en: v([text('The school opened in 1927.')]), ru: v([text('Школа открылась в 1927 г.')]), de: v([text('Die Schule wurde 1927 eröffnet.')]) })],
          },
          {
            id: n4,
            labels: { en: '15', ru: '15', de: '15' },
            body: [seg('noteBody', { en: v([text('A note the text no longer refers to.')]), ru: v([text('Примечание, на которое текст больше не ссылается.')]) })],
          },
        ],
      },
      {
        id: 'd0000000-0000-4000-8000-000000000002',
        kind: 'chapter',
        titles: { en: '2. Grüße from Saratov', ru: '2. Привет из Саратова', de: '2. Grüße aus Saratow' },
        segments: [
          seg('heading', { en: v([text('2. Grüße from Saratov')]), ru: v([text('2. Привет из Саратова')]), de: v([text('2. Grüße aus Saratow')]) }, { level: 1 }),
          seg('paragraph', {
            en: v([text('The letter was signed by Zinoviev’s secretary.'), footnoteRef('f0000000-0000-4000-8000-000000000005')]),
            ru: v([text('Письмо подписал секретарь Зиновьева.'), footnoteRef('f0000000-0000-4000-8000-000000000005')]),
            de: v([text('Den Brief unterschrieb Sinowjews Sekretär.'), footnoteRef('f0000000-0000-4000-8000-000000000005')]),
          }),
          seg('paragraph', { en: v([text('It reached the ferry a week late.')]) }),
        ],
        footnotes: [
          {
            id: 'f0000000-0000-4000-8000-000000000005',
            labels: { en: '1', ru: '1', de: '1' },
            body: [seg('noteBody', { en: v([text('Its envelope is lost.')]), ru: v([text('Конверт утерян.')]), de: v([text('Der Umschlag ist verloren.')]) })],
          },
        ],
      },
    ],
  };
}

const WORDS: Record<string, string[]> = {
  en: ['river', 'ledger', 'ferry', 'winter', 'crossing', 'village', 'archive', 'letter', 'clerk', 'mill', 'road', 'harvest'],
  ru: ['река', 'журнал', 'паром', 'зима', 'переправа', 'деревня', 'архив', 'письмо', 'писарь', 'мельница', 'дорога', 'урожай'],
  de: ['Fluss', 'Kassenbuch', 'Fähre', 'Winter', 'Überfahrt', 'Dorf', 'Archiv', 'Brief', 'Schreiber', 'Mühle', 'Straße', 'Ernte'],
};
const NUMBERED: Record<string, string> = { en: 'Paragraph', ru: 'Абзац', de: 'Absatz' };

/**
 * A chapter of `count` numbered paragraphs of varying length in English, Russian and German, every
 * third with a footnote: for layout tests that need many pages.
 */
export function longEdition(count: number): Edition {
  counter = 0;
  const footnotes: Edition['documents'][number]['footnotes'] = [];
  const segments: EditionSegment[] = [seg('heading', { en: v([text('3. A Long Chapter')]), ru: v([text('3. Длинная глава')]), de: v([text('3. Ein langes Kapitel')]) }, { level: 1 })];
  for (let i = 1; i <= count; i++) {
    const length = 12 + ((i * 37) % 90);
    const noteId = `f1000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const withNote = i % 3 === 0;
    const variants: EditionSegment['variants'] = {};
    for (const language of ['en', 'ru', 'de']) {
      const words = Array.from({ length }, (_, k) => WORDS[language]![(i * 7 + k * 5) % 12]!).join(' ');
      variants[language] = v([text(`${NUMBERED[language]} ${i}. ${words}.`), ...(withNote ? [footnoteRef(noteId)] : [])]);
    }
    segments.push(seg('paragraph', variants));
    if (withNote) {
      footnotes.push({
        id: noteId,
        labels: { en: String(i), ru: String(i), de: String(i) },
        body: [seg('noteBody', { en: v([text(`Note on paragraph ${i}.`)]), ru: v([text(`Примечание к абзацу ${i}.`)]), de: v([text(`Anmerkung zu Absatz ${i}.`)]) })],
      });
    }
  }
  return {
    id: 'e0000000-0000-4000-8000-000000000002',
    slug: 'long',
    title: 'A Long Chapter',
    sourceLanguage: 'en',
    languages: ['en', 'ru', 'de'],
    documents: [{ id: 'd0000000-0000-4000-8000-000000000009', kind: 'chapter', titles: { en: '3. A Long Chapter', ru: '3. Длинная глава', de: '3. Ein langes Kapitel' }, segments, footnotes }],
  };
}
