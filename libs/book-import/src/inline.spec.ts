import { parseInline, piecesText, type Piece } from './inline.js';

const compact = (pieces: Piece[]): unknown[] =>
  pieces.map((p) => (p.type === 'text' ? (p.marks.length ? [p.text, p.marks.join('+')] : p.text) : { marker: p.label, form: p.form }));

describe('parseInline', () => {
  it('reads italic (* and _), bold and both', () => {
    expect(compact(parseInline('a *b* _c_ **d** ***e*** f'))).toEqual([
      'a ',
      ['b', 'italic'],
      ' ',
      ['c', 'italic'],
      ' ',
      ['d', 'bold'],
      ' ',
      ['e', 'bold+italic'],
      ' f',
    ]);
  });

  it('nests emphasis and keeps unbalanced asterisks as text', () => {
    expect(compact(parseInline('*see **this** too*'))).toEqual([['see ', 'italic'], ['this', 'bold+italic'], [' too', 'italic']]);
    // An opening asterisk lost in conversion: the closing one is kept (printed literally unless a `*` note exists).
    expect(piecesText(parseInline('Die Flussfahrt und ihr Ende*. Hrsg. von A. Muster'), true)).toBe(
      'Die Flussfahrt und ihr Ende*. Hrsg. von A. Muster',
    );
    expect(piecesText(parseInline('2 * 3 * 4'))).toBe('2 * 3 * 4');
  });

  it('does not take intraword underscores for emphasis', () => {
    expect(compact(parseInline('snake_case_name'))).toEqual(['snake_case_name']);
  });

  it('turns backslash escapes into literal text', () => {
    expect(compact(parseInline('\\*not italic\\* and \\_\\_\\_ blanks, a \\[bracket\\]'))).toEqual([
      '*not italic* and ___ blanks, a [bracket]',
    ]);
  });

  it('keeps link text; the address only when it says more than the text', () => {
    expect(piecesText(parseInline('see [the archive](https://example.org/a) and [www.example.org](http://www.example.org/)'))).toBe(
      'see the archive (https://example.org/a) and www.example.org',
    );
    expect(piecesText(parseInline('an [anchor](#) and a [relative](notes.html) link'))).toBe('an anchor and a relative link');
    expect(compact(parseInline('[*Pravda*](https://example.org)'))).toEqual([['Pravda', 'italic'], ' (https://example.org)']);
  });

  it('keeps autolinks as their address', () => {
    expect(piecesText(parseInline('at <https://example.org/x?y=1> or <mail@example.org>'))).toBe(
      'at https://example.org/x?y=1 or mail@example.org',
    );
  });

  it('never interprets other HTML: it stays literal text', () => {
    expect(piecesText(parseInline('a <b>bold</b> <script>alert(1)</script> <p>cell</p>'))).toBe(
      'a <b>bold</b> <script>alert(1)</script> <p>cell</p>',
    );
    expect(piecesText(parseInline('Tom &amp; Jerry &mdash; &#8470; 5, &bogus;'))).toBe('Tom & Jerry — № 5, &bogus;');
  });

  it('reads the superscript marker forms, and leaves ordinal superscripts alone', () => {
    expect(compact(parseInline('a<sup>1</sup> b<sup>[12](#)</sup> c<sup>7, 8</sup> d<sup>*</sup>'))).toEqual([
      'a',
      { marker: '1', form: 'sup' },
      ' b',
      { marker: '12', form: 'sup' },
      ' c',
      { marker: '7', form: 'sup' },
      { marker: '8', form: 'sup' },
      ' d',
      { marker: '*', form: 'symbol' },
    ]);
    expect(compact(parseInline('the 16<sup>th</sup> and 2<sup>nd</sup> century'))).toEqual(['the 16<sup>th</sup> and 2<sup>nd</sup> century']);
  });

  it('reads Markdown footnote references', () => {
    expect(compact(parseInline('text[^1] and[^long-name].'))).toEqual([
      'text',
      { marker: '1', form: 'footnote' },
      ' and',
      { marker: 'long-name', form: 'footnote' },
      '.',
    ]);
  });

  it('offers a lone asterisk after a word as a possible note marker', () => {
    const pieces = parseInline('A remark on the dam.* The rest.');
    expect(pieces[1]).toMatchObject({ type: 'marker', label: '*', form: 'symbol', tentative: true });
    expect(compact(parseInline('*a* b*'))).toEqual([['a', 'italic'], ' b', { marker: '*', form: 'symbol' }]);
  });

  it('keeps hard line breaks', () => {
    expect(compact(parseInline('*Name*\n(1890–1950)'))).toEqual([['Name', 'italic'], '\n(1890–1950)']);
  });
});
