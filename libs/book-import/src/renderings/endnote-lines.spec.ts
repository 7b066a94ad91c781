import { findEndnotes } from './endnote-lines.js';
import type { Unit } from './units.js';

const para = (text: string): Unit => ({ kind: 'paragraph', text, line: 1 });

describe('endnotes as numbered lines', () => {
  it('takes the run of numbered lines at the end of a chapter, from any number', () => {
    const units = [para('Text of the chapter.'), para('36 First note.'), para('37 Second note.'), para('It goes on.'), para('38 Third.')];
    expect(findEndnotes(units)).toEqual({ notes: 3, starts: [36] });
    expect(units.map((u) => [u.kind, u.number, u.text])).toEqual([
      ['paragraph', undefined, 'Text of the chapter.'],
      ['note', 36, 'First note.'],
      ['note', 37, 'Second note. It goes on.'],
      ['note', 38, 'Third.'],
    ]);
  });

  it('after a "Notes" heading takes even one note, and drops the heading', () => {
    const units: Unit[] = [para('Text.'), { kind: 'heading', level: 2, text: 'Примечания', line: 2 }, para('1 Единственное примечание.')];
    expect(findEndnotes(units).notes).toBe(1);
    expect(units.map((u) => u.kind)).toEqual(['paragraph', 'note']);
  });

  it('leaves a numbered line that ends nothing, or a run that breaks the sequence, as text', () => {
    const lone = [para('Text.'), para('1946 was the year of the famine.')];
    expect(findEndnotes(lone).notes).toBe(0);
    const broken = [para('Text.'), para('12 men came.'), para('40 carts left.')];
    expect(findEndnotes(broken).notes).toBe(0);
  });
});
