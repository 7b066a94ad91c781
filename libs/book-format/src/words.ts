/**
 * The few words an edition prints besides its text (the draft notice, "Notes", "Contents"), in the
 * edition's language; languages without their own words get the English ones.
 */
interface Words {
  draft: string;
  draftNotice: string;
  notes: string;
  unreferencedNotes: string;
  contents: string;
  page: string;
}

const WORDS: Record<string, Words> = {
  en: {
    draft: 'Draft',
    draftNotice: 'Draft — contains text not yet approved',
    notes: 'Notes',
    unreferencedNotes: 'Notes without a reference in the text',
    contents: 'Contents',
    page: 'Page',
  },
  ru: {
    draft: 'Черновик',
    draftNotice: 'Черновик — содержит неутверждённый текст',
    notes: 'Примечания',
    unreferencedNotes: 'Примечания без ссылки в тексте',
    contents: 'Содержание',
    page: 'Страница',
  },
  de: {
    draft: 'Entwurf',
    draftNotice: 'Entwurf — enthält noch nicht freigegebenen Text',
    notes: 'Anmerkungen',
    unreferencedNotes: 'Anmerkungen ohne Verweis im Text',
    contents: 'Inhalt',
    page: 'Seite',
  },
};

export const wordsFor = (language: string): Words => WORDS[language.split('-')[0]!.toLowerCase()] ?? WORDS.en!;
