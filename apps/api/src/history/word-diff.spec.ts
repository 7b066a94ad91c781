import { wordDiff } from './word-diff.js';

const side = (parts: ReturnType<typeof wordDiff>, keep: '+' | '-') =>
  parts
    .filter((p) => p.op !== (keep === '+' ? '-' : '+'))
    .map((p) => p.text)
    .join('');

describe('wordDiff', () => {
  it('marks whole words, in Cyrillic and German too, and gives both texts back', () => {
    const before = 'Совещание в Москве состоялось весной.';
    const after = 'Совещание в Ленинграде состоялось осенью.';
    const parts = wordDiff(before, after);
    expect(parts.filter((p) => p.op === '-').map((p) => p.text.trim())).toEqual(['Москве', 'весной']);
    expect(parts.filter((p) => p.op === '=').map((p) => p.text)).toEqual(['Совещание в ', ' состоялось ', '.']);
    expect(parts.filter((p) => p.op === '+').map((p) => p.text.trim())).toEqual(['Ленинграде', 'осенью']);
    expect(side(parts, '-')).toBe(before);
    expect(side(parts, '+')).toBe(after);
    const german = wordDiff('Die Straße war leer.', 'Die Straße war überfüllt.');
    expect(german.find((p) => p.op === '+')?.text).toContain('überfüllt');
  });

  it('is empty for equal texts and one insertion for a text from nothing', () => {
    expect(wordDiff('Same text.', 'Same text.')).toEqual([]);
    expect(wordDiff('', 'New text')).toEqual([{ op: '+', text: 'New text' }]);
  });
});
