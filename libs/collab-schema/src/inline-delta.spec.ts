import * as Y from 'yjs';
import { type InlineContent, footnoteRef, text } from '#libs/content';
import { contentToDelta, deltaToContent } from './inline-delta.js';

const FN = '6f1c2a9e-0000-4000-8000-000000000001';

describe('contentToDelta / deltaToContent', () => {
  const samples: Record<string, InlineContent> = {
    empty: [],
    plain: [text('Zinoviev and Kamenev')],
    'adjacent runs with different marks': [
      text('plain '),
      text('italic', ['italic']),
      text('both', ['bold', 'italic']),
      text('bold', ['bold']),
      text(' tail'),
    ],
    'footnote references between and at the edges': [
      footnoteRef(FN),
      text('see', ['italic']),
      footnoteRef(FN),
      footnoteRef('other'),
      text(' p. 76'),
      footnoteRef(FN),
    ],
    'Cyrillic and astral characters': [text('Зиновьев 𝔄 😀', ['italic']), text('ё')],
  };

  it.each(Object.entries(samples))('round-trips %s', (_name, content) => {
    expect(deltaToContent(contentToDelta(content))).toEqual(content);
  });

  it('writes the attribute and embed shapes of the schema', () => {
    expect(contentToDelta([text('a', ['italic', 'bold']), footnoteRef(FN), text('b')])).toEqual([
      { insert: 'a', attributes: { bold: true, italic: true } },
      { insert: { footnoteRef: FN } },
      { insert: 'b' },
    ]);
  });

  it('normalises on the way in and out (empty runs dropped, equal neighbours merged)', () => {
    expect(contentToDelta([text('a'), text(''), text('b')])).toEqual([{ insert: 'ab' }]);
    expect(deltaToContent([{ insert: 'a' }, { insert: 'b', attributes: {} }])).toEqual([text('ab')]);
  });

  it('ignores unknown attributes, marks on references, and keeps truthy mark values', () => {
    expect(
      deltaToContent([
        { insert: 'x', attributes: { color: '#f00', italic: true } },
        { insert: { footnoteRef: FN }, attributes: { bold: true } },
        { insert: 'y', attributes: { bold: {}, italic: null, underline: true } },
      ]),
    ).toEqual([text('x', ['italic']), footnoteRef(FN), text('y', ['bold'])]);
  });

  it('drops whatever is not an insert of text or of a footnote reference, without throwing', () => {
    const garbage: unknown[] = [
      null,
      42,
      'insert',
      [],
      { retain: 3 },
      { delete: 2 },
      { insert: 7 },
      { insert: null },
      { insert: { footnoteRef: 12 } },
      { insert: { footnoteRef: '' } },
      { insert: { image: 'x.png' } },
      { insert: [FN] },
      { insert: new Y.Map() },
      { insert: 'kept', attributes: 'bold' },
      { insert: 'too', attributes: [true] },
    ];
    expect(deltaToContent(garbage)).toEqual([text('kepttoo')]);
    for (const value of [undefined, null, 'x', 3, {}, { ops: [] }]) expect(deltaToContent(value)).toEqual([]);
  });
});
