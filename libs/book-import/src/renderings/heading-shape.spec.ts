import { applyHeadingShapes, chapterShape, isAllCaps } from './heading-shape.js';
import type { Unit } from './units.js';

const long = 'This is a paragraph of running text that is long enough to read as prose and not as a heading at all.';
const units = (...texts: string[]): Unit[] => texts.map((text, i) => ({ kind: 'paragraph', text, line: i + 1 }));

describe('headings by shape', () => {
  it('knows a chapter number with a title in three languages', () => {
    for (const s of ['7 THE LONG WINTER', '7. The Long Winter', 'Chapter 7', 'Глава 7. Зима', 'Kapitel 7: Der Winter', 'IV. The Thaw', '3 Год урожая']) {
      expect([s, chapterShape(s)]).toEqual([s, true]);
    }
    for (const s of ['1921 was a hard year.', '12 men came to the meeting and sat down in the hall.', '36–37%', '7', '1 THE FIRST SNOW 7', 'Chapter 2 The Thaw 31']) {
      expect([s, chapterShape(s)]).toEqual([s, false]);
    }
  });

  it('tells capitals in Latin and Cyrillic', () => {
    expect(isAllCaps('THE GRAIN LEVY')).toBe(true);
    expect(isAllCaps('ДОЛГАЯ ЗИМА')).toBe(true);
    expect(isAllCaps('DIE DORFVERSAMMLUNG')).toBe(true);
    expect(isAllCaps('USSR')).toBe(true);
    expect(isAllCaps('The Grain Levy')).toBe(false);
  });

  it('gives levels: chapter 1, capitals 2, a short line between paragraphs 3 when capitals exist', () => {
    const u = units('1 THE FIRST SNOW', long, 'THE MEETING', long, 'A Quiet Evening', long, 'Not a heading, it ends with a comma,', long);
    expect(applyHeadingShapes(u)).toEqual({ '1': 1, '2': 1, '3': 1 });
    expect(u.map((x) => [x.kind, x.level])).toEqual([
      ['heading', 1], ['paragraph', undefined], ['heading', 2], ['paragraph', undefined],
      ['heading', 3], ['paragraph', undefined], ['paragraph', undefined], ['paragraph', undefined],
    ]);
  });

  it('never takes a short line between short lines (a list, a poem) for a heading', () => {
    const u = units(long, 'Bread and salt', 'Milk and honey', long);
    applyHeadingShapes(u);
    expect(u.map((x) => x.kind)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph']);
  });
});
