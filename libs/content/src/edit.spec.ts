import { footnoteRef, plainText, text } from './inline.js';
import { joinContent, splitContent } from './edit.js';

describe('splitContent', () => {
  const content = [text('The congress met in '), text('Moscow', ['italic']), text('.'), footnoteRef('f1'), text(' Then it ended.')];

  it('splits inside a run, keeping marks on both sides and trimming the cut', () => {
    const [left, right] = splitContent(content, 23);
    expect(left).toEqual([text('The congress met in '), text('Mos', ['italic'])]);
    expect(right).toEqual([text('cow', ['italic']), text('.'), footnoteRef('f1'), text(' Then it ended.')]);
  });

  it('keeps a reference at the cut with the sentence it marks', () => {
    const offset = plainText(content).indexOf(' Then');
    const [left, right] = splitContent(content, offset);
    expect(left).toEqual([text('The congress met in '), text('Moscow', ['italic']), text('.'), footnoteRef('f1')]);
    expect(right).toEqual([text('Then it ended.')]);
  });

  it('allows the ends and refuses offsets outside the text', () => {
    expect(splitContent(content, 0)[0]).toEqual([]);
    expect(splitContent(content, plainText(content).length)[1]).toEqual([]);
    expect(() => splitContent(content, -1)).toThrow(RangeError);
    expect(() => splitContent(content, 1000)).toThrow(RangeError);
    expect(() => splitContent(content, 1.5)).toThrow(RangeError);
  });
});

describe('joinContent', () => {
  it('joins with one space and merges equal runs', () => {
    expect(joinContent([text('First half')], [text('second half.')])).toEqual([text('First half second half.')]);
    expect(joinContent([text('Ends with space ')], [text('next')])).toEqual([text('Ends with space next')]);
    expect(joinContent([text('A'), footnoteRef('n')], [text('B', ['italic'])])).toEqual([
      text('A'),
      footnoteRef('n'),
      text(' '),
      text('B', ['italic']),
    ]);
    expect(joinContent([], [text('only')])).toEqual([text('only')]);
  });
});
