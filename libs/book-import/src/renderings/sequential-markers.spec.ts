import { decodeNumber, MARK_TOKEN } from './rendering.js';
import { findSequentialMarkers } from './sequential-markers.js';
import type { Unit } from './units.js';

const para = (text: string): Unit => ({ kind: 'paragraph', text, line: 1 });
const marks = (units: Unit[]): string[] => units.flatMap((u) => [...u.text.matchAll(MARK_TOKEN)].map((m) => decodeNumber(m[1]!)));

describe('bare-number markers by the sequential rule', () => {
  it('takes the next expected number glued to a word or closing punctuation', () => {
    const units = [para('Loyal to the party.1 The second met in 1937.2 Then came “the thaw”3 and more.')];
    expect(findSequentialMarkers(units).markers).toBe(3);
    expect(marks(units)).toEqual(['1', '2', '3']);
  });

  it('never takes a range, a percentage, a year or a number that breaks the sequence', () => {
    const units = [para('It fell by 36–37% in 1921 after 12 months.5 Lost 3.5 percent, or 40°, in 1930–31.')];
    expect(findSequentialMarkers(units).markers).toBe(0);
  });

  it('starts where the chapter’s endnotes start', () => {
    const units: Unit[] = [
      { kind: 'heading', level: 1, text: '3 The Harvest Year', line: 1 },
      para('the party.36 The plan of 1929.37'),
      { kind: 'note', number: 36, text: 'A note.', line: 3 },
      { kind: 'note', number: 37, text: 'Another.', line: 4 },
    ];
    findSequentialMarkers(units);
    expect(marks(units)).toEqual(['36', '37']);
  });

  it('without notes, starts at the first glued number its successor follows, and goes on through the chapters', () => {
    const units: Unit[] = [
      para('Page 12 of the report.58 The next.59 Later.60'),
      { kind: 'heading', level: 1, text: '4 Next', line: 2 },
      para('More text.61 And again.62'),
    ];
    findSequentialMarkers(units);
    expect(marks(units)).toEqual(['58', '59', '60', '61', '62']);
  });

  it('restarts at 1 in a chapter that numbers its notes afresh', () => {
    const units: Unit[] = [para('One.1 Two.2'), { kind: 'heading', level: 1, text: '2 Next', line: 2 }, para('Again.1 And.2 Once more.3')];
    findSequentialMarkers(units);
    expect(marks(units)).toEqual(['1', '2', '1', '2', '3']);
  });
});
