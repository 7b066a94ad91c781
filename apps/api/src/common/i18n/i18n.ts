import i18next, { type i18n as I18n } from 'i18next';
import { UI_LANGUAGES, type UiLanguage } from '#libs/contracts';
import { de } from './locales/de.js';
import { en } from './locales/en.js';
import { ru } from './locales/ru.js';

/** The API's messages (errors, validation, CLI output) in English, Russian and German. */
const instance: I18n = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: { en: { translation: en }, ru: { translation: ru }, de: { translation: de } },
  supportedLngs: [...UI_LANGUAGES],
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Values a message interpolates; `context` selects a variant (`KEY_<context>`), i18next's rule. */
export type TranslateParams = Record<string, string | number>;

export function translate(language: UiLanguage, key: string, params: TranslateParams = {}): string {
  return instance.t(key, { ...params, lng: language });
}

export function hasTranslation(language: UiLanguage, key: string): boolean {
  return instance.exists(key, { lng: language, fallbackLng: false });
}

/**
 * Picks the caller's language from an Accept-Language header (`de-AT,de;q=0.9,en;q=0.5`): the
 * supported language with the highest weight, English when none is supported.
 */
export function negotiateLanguage(header: string | string[] | undefined): UiLanguage {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { lang: UiLanguage; q: number } | null = null;
  for (const part of value.split(',')) {
    const [tag, ...params] = part.trim().split(';');
    const base = tag?.trim().toLowerCase().split('-')[0];
    if (!base) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang = (UI_LANGUAGES as readonly string[]).includes(base) ? (base as UiLanguage) : null;
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'en';
}
