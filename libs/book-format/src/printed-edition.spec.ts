import { fixtureEdition } from '../test/fixture-edition.js';
import { BookFormatError } from './errors.js';
import { printEdition } from './printed-edition.js';

describe('printEdition', () => {
  it('renumbers footnotes per language and chapter in order of first reference, unreferenced bodies last', () => {
    const printed = printEdition(fixtureEdition(), { languages: ['en', 'ru'], mode: 'draft' });
    const [one, two] = printed.documents;
    expect(one!.notes.en!.map((n) => [n.label, n.referenced])).toEqual([['1', true], ['2', true], ['3', true], ['4', false]]);
    expect(one!.notes.en![0]!.paragraphs[0]).toEqual([{ type: 'text', text: 'Regional archive, fond 7, file 31.' }]);
    expect(two!.notes.ru!.map((n) => n.label)).toEqual(['1']);
    expect(printed.unreferencedNotes).toEqual([
      { documentId: one!.id, footnoteId: 'f0000000-0000-4000-8000-000000000004', language: 'en', label: '4' },
      { documentId: one!.id, footnoteId: 'f0000000-0000-4000-8000-000000000004', language: 'ru', label: '4' },
    ]);
  });

  it('a draft keeps every text and lists only what has no text', () => {
    const printed = printEdition(fixtureEdition(), { languages: ['en', 'de'], mode: 'draft' });
    expect(printed.documents[0]!.segments[2]!.text.de).not.toEqual([]);
    expect(printed.missing.map((m) => [m.language, m.status])).toEqual([
      ['de', 'untranslated'], // the list item
      ['de', 'untranslated'], // the note body without German
      ['de', 'untranslated'], // chapter 2, last paragraph
    ]);
  });

  it('a final edition prints approved text only and lists the rest with its status', () => {
    const printed = printEdition(fixtureEdition(), { languages: ['en', 'ru'], mode: 'final' });
    const segments = printed.documents[0]!.segments;
    expect(segments[2]!.text.ru).toEqual([]); // translated, not approved
    expect(segments[5]!.text.ru).toEqual([]); // rejected
    expect(segments[2]!.text.en).not.toEqual([]); // the source is printed as it stands
    expect(printed.missing.map((m) => [m.segmentId.slice(-2), m.language, m.status])).toEqual([
      ['03', 'ru', 'translated'],
      ['06', 'ru', 'rejected'],
      ['14', 'ru', 'untranslated'],
    ]);
    // Notes referenced only from the left-out Russian quote and paragraph are no longer referenced in Russian.
    expect(printed.documents[0]!.notes.ru!.filter((n) => !n.referenced).map((n) => n.id.slice(-1))).toEqual(['2', '3', '4']);
  });

  it('refuses an incomplete final edition when asked to, with the list', () => {
    try {
      printEdition(fixtureEdition(), { languages: ['en', 'ru'], mode: 'final', refuseIncomplete: true });
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(BookFormatError);
      expect((e as BookFormatError).code).toBe('EDITION_INCOMPLETE');
      expect((e as BookFormatError).details).toHaveLength(3);
    }
    expect(() => printEdition(fixtureEdition(), { languages: ['en', 'fr'], mode: 'draft' })).toThrow(/"fr" is not a language/);
  });
});
