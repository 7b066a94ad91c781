import { IMPORT_WARNING_CODES, UI_LANGUAGES } from '#libs/contracts';
import { ERROR_STATUS } from '../errors/error-codes.js';
import { hasTranslation, negotiateLanguage, translate } from './i18n.js';
import { de } from './locales/de.js';
import { en } from './locales/en.js';
import { ru } from './locales/ru.js';

const keysOf = (messages: object, prefix = ''): string[] =>
  Object.entries(messages).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

describe('API messages', () => {
  it('say the same things in every language', () => {
    expect(keysOf(ru).sort()).toEqual(keysOf(en).sort());
    expect(keysOf(de).sort()).toEqual(keysOf(en).sort());
  });

  it('have a message for every error code in every language', () => {
    for (const language of UI_LANGUAGES) {
      for (const code of Object.keys(ERROR_STATUS)) expect([language, code, hasTranslation(language, `errors.${code}`)]).toEqual([language, code, true]);
    }
  });

  it('have a message for every warning of the importer in every language, naming what it names', () => {
    const english = new Map<string, string>(Object.entries(en.importWarnings));
    for (const language of UI_LANGUAGES) {
      for (const code of IMPORT_WARNING_CODES) expect([language, code, hasTranslation(language, `importWarnings.${code}`)]).toEqual([language, code, true]);
    }
    for (const messages of [ru, de]) {
      for (const [code, message] of Object.entries(messages.importWarnings)) {
        const placeholders = (text: string): string[] => (text.match(/\{\{\w+\}\}/g) ?? []).sort();
        expect([code, placeholders(message)]).toEqual([code, placeholders(english.get(code)!)]);
      }
    }
    expect(Object.keys(en.importWarnings).sort()).toEqual([...IMPORT_WARNING_CODES].sort());
  });

  it('keep the command line’s option names when they word a usage line', () => {
    const options = (usage: string): string[] => usage.match(/--[a-z]+/g) ?? [];
    for (const command of Object.keys(en.cli.commands) as (keyof typeof en.cli.commands)[]) {
      for (const messages of [ru, de]) expect([command, options(messages.cli.commands[command].usage)]).toEqual([command, options(en.cli.commands[command].usage)]);
    }
  });

  it('pick a variant by context and word nested terms in the same language', () => {
    expect(translate('ru', 'errors.BINARY_FILE', { format: 'PNG' })).toMatch(/^Это файл PNG, а не текстовый/);
    expect(translate('de', 'errors.BINARY_FILE', { context: 'offset', offset: 7 })).toMatch(/Steuerbytes, das erste an Byte 7/);
    expect(translate('de', 'errors.CONTENT_TOO_LARGE', { limit: 10, measure: 'characters' })).toBe(
      'Der Text ist zu lang: höchstens 10 Zeichen je Segment und Sprache.',
    );
  });

  it('interpolate values', () => {
    expect(translate('de', 'errors.SLUG_TAKEN', { slug: 'demo' })).toBe('Eine Edition mit dem Kurznamen „demo“ existiert bereits.');
  });
});

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['de', 'de'],
    ['de-AT,de;q=0.9,en;q=0.5', 'de'],
    ['fr-FR,fr;q=0.9,ru;q=0.8,en;q=0.7', 'ru'],
    ['en;q=0.2, ru;q=0.9', 'ru'],
    ['ru;q=0, de', 'de'],
    ['*', 'en'],
    ['fr', 'en'],
  ])('%j → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});
