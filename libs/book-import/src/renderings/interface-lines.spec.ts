import { dropInterfaceLines, isInterfaceLine } from './interface-lines.js';
import { sourceAddress } from './source-address.js';

describe('interface lines of web pages', () => {
  it('knows buttons and empty labels in three languages', () => {
    for (const s of ['Show Less', 'Open access', 'Series:', 'Show Summary Details', 'Показать меньше', 'Серия:', 'Weniger anzeigen', 'Reihe:', 'Download PDF']) {
      expect([s, isInterfaceLine(s)]).toEqual([s, true]);
    }
    for (const s of ['Show less concern for the harvest, the committee said.', 'The Series of Reforms', 'Series: Rural History', '']) {
      expect([s, isInterfaceLine(s)]).toEqual([s, false]);
    }
  });

  it('drops the second of a title printed twice, and lists what it dropped by line', () => {
    const { kept, dropped } = dropInterfaceLines(['Open access', '3 The Year', '3 The Year', 'Text of it.']);
    expect(kept).toEqual([null, '3 The Year', null, 'Text of it.']);
    expect(dropped).toEqual([
      { line: 1, text: 'Open access', reason: 'interface' },
      { line: 3, text: '3 The Year', reason: 'repeatedTitle' },
    ]);
  });

  it('reads the source address on the last line only', () => {
    expect(sourceAddress(['Text.', 'Source: https://example.org/a', ''])).toEqual({ index: 1, address: 'https://example.org/a' });
    expect(sourceAddress(['See https://example.org/a for more.', 'Text.'])).toBeNull();
  });
});
