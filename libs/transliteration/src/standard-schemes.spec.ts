import { readFileSync } from 'node:fs';
import { translate } from 'iuliia';
import { itWithShared, sharedPath } from '../../../test/support/shared-data.js';
import { STANDARD_SCHEMES } from './standard-schemes.js';
import { transliterate } from './registry.js';

// iuliia's tables write ё as the Cyrillic letter; the published schemes have Latin ë (see standard-schemes.ts).
const latinYo = (s: string): string => s.replace(/ё/g, 'ë').replace(/Ё/g, 'Ë');

describe('standard schemes', () => {
  for (const scheme of STANDARD_SCHEMES) {
    describe(scheme.id, () => {
      it('has published samples to check', () => {
        expect(scheme.schema.samples.length).toBeGreaterThan(0);
      });
      it.each(scheme.schema.samples.map(([source, expected]) => [source!, expected!]))('%s', (source, expected) => {
        expect(transliterate(source, scheme.id)).toBe(latinYo(expected));
      });
    });
  }

  itWithShared()('agrees with iuliia on every Cyrillic word of the corpus book that iuliia renders correctly', () => {
    const text = readFileSync(sharedPath('corpus', '003_f78e96aa30fdf1a9.txt'), 'utf8');
    // iuliia capitalises only the first letter of an all-capitals word; those are compared below.
    const words = [...new Set(text.match(/[\p{Script=Cyrillic}]+/gu) ?? [])].filter((w) => !/^\p{Lu}{2,}$/u.test(w));
    expect(words.length).toBeGreaterThan(500);
    for (const scheme of STANDARD_SCHEMES) {
      const differing = words.filter((w) => transliterate(w, scheme.id) !== latinYo(translate(w, scheme.schema)));
      expect({ scheme: scheme.id, differing }).toEqual({ scheme: scheme.id, differing: [] });
    }
  });

  it('writes all-capital words in capitals', () => {
    expect(transliterate('ЦК ВКП(б)', 'ala-lc')).toBe('T͡SK VKP(b)');
    expect(transliterate('ЮЛИЯ', 'bgn-pcgn')).toBe('YULIYA');
    expect(transliterate('Щ', 'iso9')).toBe('Ŝ');
  });

  it('keeps what is not Cyrillic and drops stress marks', () => {
    expect(transliterate('Stalin (Сталин), 1929: «Год великого перелома»', 'ala-lc-plain')).toBe(
      'Stalin (Stalin), 1929: «God velikogo pereloma»',
    );
    expect(transliterate('Бу\u0301харин', 'ala-lc-plain')).toBe('Bukharin');
  });

  it('writes ё as Latin ë where the table says so', () => {
    expect(transliterate('Хрущёв', 'ala-lc')).toBe('Khrushchëv');
    expect(transliterate('Ёлкин', 'iso9')).toBe('Ëlkin');
  });
});
