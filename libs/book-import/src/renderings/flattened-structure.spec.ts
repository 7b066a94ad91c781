import { rejoinFalseBreaks } from './false-line-breaks.js';
import { splitFlattenedList } from './flattened-lists.js';
import { splitRunInHeadings } from './run-in-headings.js';

describe('flattened lists', () => {
  it('splits ` * ` items out of running text, the lead-in staying a paragraph', () => {
    expect(splitFlattenedList('Three duties: * the quota * the levy * the road duty')).toEqual([
      { kind: 'paragraph', text: 'Three duties:' },
      { kind: 'listItem', text: 'the quota' },
      { kind: 'listItem', text: 'the levy' },
      { kind: 'listItem', text: 'the road duty' },
    ]);
  });

  it('ends the last item at its sentence when the essay goes on', () => {
    const parts = splitFlattenedList('* bread * salt. Then the essay goes on for a long while about other matters that have nothing to do with lists.');
    expect(parts.map((p) => p.kind)).toEqual(['listItem', 'listItem', 'paragraph']);
  });

  it('keeps a star that separates nothing', () => {
    expect(splitFlattenedList('five*three is fifteen')).toEqual([{ kind: 'paragraph', text: 'five*three is fifteen' }]);
  });
});

describe('run-in headings', () => {
  it('splits a title glued to the next word and one glued to a list, one level apart', () => {
    const { parts, guesses } = splitRunInHeadings('We had no choice. The Harvest of 1931 (Grain and Quotas)A Rural Catastrophe* In the spring', 4);
    expect(parts).toEqual([
      { kind: 'paragraph', text: 'We had no choice.' },
      { kind: 'heading', text: 'The Harvest of 1931 (Grain and Quotas)', level: 2 },
      { kind: 'heading', text: 'A Rural Catastrophe', level: 3 },
      { kind: 'paragraph', text: '* In the spring' },
    ]);
    expect(guesses.map((g) => [g.text, g.line])).toEqual([
      ['The Harvest of 1931 (Grain and Quotas)', 4],
      ['A Rural Catastrophe', 4],
    ]);
  });

  it('splits a sub-head in capitals ending in a dash', () => {
    expect(splitRunInHeadings('DIE ANTWORT DES KREISES – Im Sommer kamen sie.', 1).parts).toEqual([
      { kind: 'heading', text: 'DIE ANTWORT DES KREISES', level: 3 },
      { kind: 'paragraph', text: 'Im Sommer kamen sie.' },
    ]);
  });

  it('leaves names and ordinary sentences alone', () => {
    for (const s of ['He met McDonald and DeWitt in town.', 'It was the USSR – not Russia – that paid.', 'A plain sentence. Another one.']) {
      expect(splitRunInHeadings(s, 1).parts).toEqual([{ kind: 'paragraph', text: s }]);
    }
  });
});

describe('false line breaks', () => {
  it('re-joins lines inside a blank-separated paragraph, never across a heading-like line or a list item', () => {
    const groups = rejoinFalseBreaks(['First line ends.', 'Second line.', '', 'THE NEXT PART', 'Text under it.', '* an item', '', 'Last.']);
    expect(groups.map((g) => [g.text, g.line, g.joined])).toEqual([
      ['First line ends. Second line.', 1, 1],
      ['THE NEXT PART', 4, 0],
      ['Text under it.', 5, 0],
      ['* an item', 6, 0],
      ['Last.', 8, 0],
    ]);
  });

  it('without blank lines, joins only what does not end a sentence or goes on in lower case', () => {
    const groups = rejoinFalseBreaks(['One sentence ends.', 'Another starts and', 'goes on here.', 'New one.']);
    expect(groups.map((g) => g.text)).toEqual(['One sentence ends.', 'Another starts and goes on here.', 'New one.']);
  });
});
