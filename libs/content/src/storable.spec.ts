import { codePointName, firstUnstorable, storableText } from './storable.js';
import { CONTENT_LIMITS, ContentTooLargeError, normalizeContent, parseContent, text } from './inline.js';

describe('text the store can hold', () => {
  it('finds NUL and lone surrogates, and accepts pairs, controls and everything else', () => {
    expect(firstUnstorable('plain Ünïcødé, Кириллица, 😀')).toBe(-1);
    expect(firstUnstorable('tab\tand\u0001control')).toBe(-1);
    expect(firstUnstorable('ab\u0000c')).toBe(2);
    expect(firstUnstorable('high \uD83D alone')).toBe(5);
    expect(firstUnstorable('\uDE00 low first')).toBe(0);
    expect(firstUnstorable('pair at the end \uD83D\uDE00')).toBe(-1);
    expect(codePointName('a\u0000', 1)).toBe('U+0000');
    expect(codePointName('\uD800', 0)).toBe('U+D800');
  });

  it('strips NUL and replaces lone surrogates, keeping clean text as it is', () => {
    const clean = 'Zinoviev’s “Bukharin” — ok';
    expect(storableText(clean)).toBe(clean);
    expect(storableText('a\u0000b\u0000')).toBe('ab');
    expect(storableText('x\uD800y\uDC00z\uD83D\uDE00')).toBe('x\uFFFDy\uFFFDz\uD83D\uDE00');
  });

  it('normalised content never carries what the store refuses, and a run of NUL alone vanishes', () => {
    expect(normalizeContent([text('Mos\u0000cow'), text('\u0000', ['italic']), text(' met')])).toEqual([text('Moscow met')]);
    expect(normalizeContent([{ type: 'footnoteRef', footnoteId: 'f\u00001' }])).toEqual([{ type: 'footnoteRef', footnoteId: 'f1' }]);
  });
});

describe('content limits', () => {
  it('refuses more nodes or characters than a variant may have, before doing any work on them', () => {
    const nodes = Array.from({ length: CONTENT_LIMITS.nodes + 1 }, (_, i) => text(`w${i} `, i % 2 ? ['italic'] : []));
    expect(() => parseContent(nodes)).toThrow(ContentTooLargeError);
    expect(() => parseContent(nodes.slice(0, CONTENT_LIMITS.nodes))).not.toThrow();
    const long = [text('a'.repeat(CONTENT_LIMITS.characters)), text('b', ['bold'])];
    expect(() => parseContent(long)).toThrow(expect.objectContaining({ measure: 'characters', limit: CONTENT_LIMITS.characters }));
  });
});
