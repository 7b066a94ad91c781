import { UI_LANGUAGES, type UiLanguage } from '#libs/contracts';
import { translate, type TranslateParams } from '../common/i18n/i18n.js';
import type { en } from '../common/i18n/locales/en.js';

type Paths<T> = { [Key in keyof T & string]: T[Key] extends string ? Key : `${Key}.${Paths<T[Key]>}` }[keyof T & string];

/** A CLI message, named by its path under `cli` in the locale files (`errors.missing`). */
export type CliMessage = Paths<(typeof en)['cli']>;

/** A command's messages: `commands.<key>` in the locale files. */
export type CliCommandMessages = keyof (typeof en)['cli']['commands'];

export type CliTranslate = (message: CliMessage, params?: TranslateParams) => string;

/** The CLI's language, from LC_ALL / LC_MESSAGES / LANG (`de_DE.UTF-8` → de). */
export function cliLanguage(env: NodeJS.ProcessEnv): UiLanguage {
  const tag = (env.LC_ALL || env.LC_MESSAGES || env.LANG || 'en').slice(0, 2).toLowerCase();
  return (UI_LANGUAGES as readonly string[]).includes(tag) ? (tag as UiLanguage) : 'en';
}

export const cliTranslator =
  (language: UiLanguage): CliTranslate =>
  (message, params) =>
    translate(language, `cli.${message}`, params);
