/**
 * The demo edition's chapter, written for Interlinea: an English source with footnotes and partial
 * Russian and German translations in every state a translator meets (approved, translated, draft,
 * untranslated). Translations use the same small notation as the source: *italic* and [^n] for a
 * reference to the chapter's n-th footnote.
 */
export const DEMO_SOURCE_MARKDOWN = `# 1. The Archive and the Street

In the autumn of 1927 the reading room of the regional party archive in Kazan was open four hours a day, and the queue of petitioners began on the staircase.[^1] Most of them did not come for history: they needed a paper proving where they had been in 1918.

The archivists kept a ledger of every request. Its entries, written in a careful violet ink, record the names of the visitors, the files they asked for and, in a separate column, the files that were refused.[^2] Read today, the refusals say more about the year than the grants.

> “Issued to the former secretary of comrade Zinoviev: nothing. Reason: file under review.”

The ledger also shows how quickly names left the catalogue. Between October and December the cards for Zinoviev and Kamenev were moved from the main drawers to a box marked *temporarily withdrawn*.[^3] Bukharin’s cards stayed where they were for another year.

[^1]: Visitor numbers come from the archive’s own monthly reports, which survive for 1926–1929 only.

[^2]: The colour of the ink matters: entries in black were added later, most of them in 1937.

[^3]: The box itself is lost; its label is known from an inventory of 1930.
`;

export type DemoStatus = 'approved' | 'translated' | 'draft';

/** Per language: the main-flow segments (in order) and footnote bodies (by footnote number) that have a translation. */
export interface DemoTranslation {
  segments: { index: number; text: string; status: DemoStatus }[];
  footnotes: { number: number; text: string; status: DemoStatus }[];
}

export const DEMO_TRANSLATIONS: Record<'ru' | 'de', DemoTranslation> = {
  ru: {
    segments: [
      { index: 0, text: '1. Архив и улица', status: 'approved' },
      {
        index: 1,
        text: 'Осенью 1927 года читальный зал областного партийного архива в Казани был открыт четыре часа в день, и очередь просителей начиналась ещё на лестнице.[^1] Большинство приходило не за историей: им нужна была справка о том, где они находились в 1918 году.',
        status: 'approved',
      },
      {
        index: 2,
        text: 'Архивисты вели журнал всех запросов. Его записи, сделанные аккуратными фиолетовыми чернилами, сохранили имена посетителей, запрошенные ими дела и — в отдельной графе — дела, в выдаче которых было отказано.[^2] Сегодня отказы говорят о том годе больше, чем выдачи.',
        status: 'translated',
      },
      { index: 3, text: '«Выдано бывшему секретарю тов. Зиновьева: ничего. Причина: дело на проверке».', status: 'draft' },
    ],
    footnotes: [
      { number: 1, text: 'Число посетителей взято из ежемесячных отчётов самого архива, сохранившихся только за 1926–1929 годы.', status: 'approved' },
      { number: 2, text: 'Цвет чернил важен: записи чёрными чернилами внесены позже, большей частью в 1937 году.', status: 'translated' },
    ],
  },
  de: {
    segments: [
      { index: 0, text: '1. Das Archiv und die Straße', status: 'translated' },
      {
        index: 1,
        text: 'Im Herbst 1927 war der Lesesaal des regionalen Parteiarchivs in Kasan vier Stunden am Tag geöffnet, und die Schlange der Bittsteller begann schon im Treppenhaus.[^1] Die meisten kamen nicht der Geschichte wegen: Sie brauchten eine Bescheinigung darüber, wo sie 1918 gewesen waren.',
        status: 'translated',
      },
      {
        index: 2,
        text: 'Die Archivare führten ein Buch über jede Anfrage. Seine Einträge, in sorgfältiger violetter Tinte geschrieben, verzeichnen die Namen der Besucher, die verlangten Akten und – in einer eigenen Spalte – die *verweigerten* Akten.[^2]',
        status: 'draft',
      },
    ],
    footnotes: [
      { number: 1, text: 'Die Besucherzahlen stammen aus den Monatsberichten des Archivs, die nur für 1926–1929 erhalten sind.', status: 'translated' },
    ],
  },
};
