import iconv from 'iconv-lite';
import { decodeBookFile } from './decode.js';
import { plausibility } from './encoding-score.js';

const RUSSIAN =
  '# Глава 1. Первый снег\n\nПервый снег выпал в уезде в середине октября, раньше, чем помнили старые жители, и комитет собрался снова. ' +
  'Амбары стояли полупустыми, а мельницы остановились из-за нехватки топлива. Председатель просил потерпеть — «до весны».\n';
/** KOI8-R and CP866 have no typographic quotes or dashes. */
const RUSSIAN_PLAIN = RUSSIAN.replace('—', '-').replace('«', '"').replace('»', '"');
const GERMAN =
  '# Kapitel 1. Der erste Schnee\n\nDer erste Schnee fiel Mitte Oktober, früher als je zuvor, und das Komitee trat erneut zusammen. ' +
  'Die Speicher waren halb leer, die Mühlen standen still, weil der Brennstoff fehlte. „Geduld“, sagte der Vorsitzende – bis zum Frühjahr.\n';
const ENGLISH = '# 1. The First Snow\n\nThe committee met again — “in good faith”, they said — and the café on the square stayed open… It was 1931.\n';

describe('legacy encodings, chosen by the language of the result', () => {
  it.each([
    ['windows-1251', RUSSIAN],
    ['koi8-r', RUSSIAN_PLAIN],
    ['cp866', RUSSIAN_PLAIN],
    ['windows-1252', GERMAN],
    ['windows-1252', ENGLISH],
  ] as const)('reads %s', (encoding, text) => {
    const result = decodeBookFile(iconv.encode(text, encoding));
    expect(result.encoding).toBe(encoding);
    expect(result.text).toBe(text);
    expect(result.report.chosenBy).toBe('detection');
    expect(result.report.confidence).toBeGreaterThan(0.6);
    expect(result.report.candidates).toHaveLength(3);
    expect(result.warnings[0]!.code).toBe(encoding === 'windows-1251' ? 'DECODED_WINDOWS_1251' : 'DECODED_LEGACY');
  });

  it('reads the encoding the user names, even against the detection, and says so', () => {
    const bytes = iconv.encode(RUSSIAN_PLAIN, 'koi8-r');
    const forced = decodeBookFile(bytes, { encoding: 'windows-1251' });
    expect(forced.report).toMatchObject({ name: 'windows-1251', chosenBy: 'user' });
    expect(forced.text).not.toBe(RUSSIAN_PLAIN);
    // The wrong reading scores low, which the report shows next to the choice.
    expect(forced.report.confidence).toBeLessThan(0.5);
    expect(decodeBookFile(bytes, { encoding: 'koi8-r' }).text).toBe(RUSSIAN_PLAIN);
  });

  it('scores a misread text low: mixed scripts, impossible case, letters Russian does not use', () => {
    expect(plausibility(RUSSIAN).score).toBeGreaterThan(0.9);
    expect(plausibility(iconv.decode(iconv.encode(RUSSIAN_PLAIN, 'koi8-r'), 'windows-1251')).score).toBeLessThan(0.3);
    expect(plausibility(iconv.decode(iconv.encode(RUSSIAN_PLAIN, 'cp866'), 'windows-1251')).score).toBeLessThan(0.3);
    expect(plausibility(iconv.decode(iconv.encode(RUSSIAN, 'windows-1251'), 'windows-1252')).score).toBeLessThan(0.3);
    expect(plausibility(iconv.decode(iconv.encode(GERMAN, 'windows-1252'), 'windows-1251')).score).toBeLessThan(0.5);
  });
});
