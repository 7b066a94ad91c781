import { checkJsonShape } from './json-shape.js';

describe('checkJsonShape', () => {
  it('passes ordinary bodies, text in any script included', () => {
    expect(checkJsonShape({ title: 'Введение — Einführung', variants: { ru: [{ type: 'text', text: 'Москва 😀' }] } })).toBeNull();
    expect(checkJsonShape(null)).toBeNull();
    expect(checkJsonShape([1, 'two', true, { three: [] }])).toBeNull();
  });

  it('names the field with a NUL or a lone surrogate, in values and keys', () => {
    expect(checkJsonShape({ variants: { ru: [{ type: 'text', text: 'a\u0000b' }] } })).toEqual({
      kind: 'unstorable',
      field: 'variants.ru[0].text',
      character: 'U+0000',
    });
    expect(checkJsonShape({ name: 'half \uD800' })).toEqual({ kind: 'unstorable', field: 'name', character: 'U+D800' });
    expect(checkJsonShape({ labels: { 'r\u0000u': '1' } })).toEqual({ kind: 'unstorable', field: 'labels', character: 'U+0000' });
    expect(checkJsonShape('\u0000')).toEqual({ kind: 'unstorable', field: 'body', character: 'U+0000' });
  });

  it('refuses arrays longer than any body needs, before anything walks them', () => {
    expect(checkJsonShape({ content: new Array(20_000).fill(1) })).toBeNull();
    expect(checkJsonShape({ content: new Array(20_001).fill(1) })).toEqual({ kind: 'tooLong', field: 'content', limit: 20_000 });
  });

  it('refuses __proto__, constructor and prototype keys at any depth', () => {
    expect(checkJsonShape(JSON.parse('{"a":{"__proto__":{"admin":true}}}'))).toEqual({
      kind: 'forbiddenKey',
      field: 'a.__proto__',
      key: '__proto__',
    });
    expect(checkJsonShape({ titles: [{ constructor: 1 }] })?.kind).toBe('forbiddenKey');
  });

  it('bounds the nesting without recursing (a 200,000-deep array does not overflow the stack)', () => {
    expect(checkJsonShape(JSON.parse('['.repeat(32) + ']'.repeat(32)))).toBeNull();
    expect(checkJsonShape(JSON.parse('['.repeat(33) + ']'.repeat(33)))).toEqual({ kind: 'tooDeep', limit: 32 });
    const deep = JSON.parse('['.repeat(200_000) + ']'.repeat(200_000));
    expect(checkJsonShape(deep)).toEqual({ kind: 'tooDeep', limit: 32 });
    expect(checkJsonShape(JSON.parse('{"a":'.repeat(100) + '1' + '}'.repeat(100)))?.kind).toBe('tooDeep');
  });
});
