import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { UI_LANGUAGES, type UiLanguage } from '#libs/contracts';
import { de } from './locales/de.js';
import { en, type Messages } from './locales/en.js';
import { ru } from './locales/ru.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

const STORAGE_KEY = 'interlinea.language';

/** Each language is offered under its own name, so a reader can find theirs whatever the UI shows. */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = {
  en: 'English',
  ru: 'Русский',
  de: 'Deutsch',
};

export const isUiLanguage = (value: unknown): value is UiLanguage =>
  typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);

/** The remembered choice, else the first of the browser's languages we speak, else English. */
export function detectLanguage(): UiLanguage {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isUiLanguage(base)) return base;
  }
  return 'en';
}

function readStoredLanguage(): UiLanguage | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isUiLanguage(value) ? value : null;
  } catch {
    return null; // storage can be disabled; the browser's language still applies
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ru: { translation: ru }, de: { translation: de } },
  lng: detectLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...UI_LANGUAGES],
  // Resources are bundled, so initialisation is synchronous and the first render is translated.
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

const syncDocumentLanguage = (language: string) => {
  document.documentElement.lang = language;
};
syncDocumentLanguage(i18n.language);
i18n.on('languageChanged', syncDocumentLanguage);

/** The UI language now, as the API's `Accept-Language` and `Intl` formatters want it. */
export function currentLanguage(): UiLanguage {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isUiLanguage(language) ? language : 'en';
}

export async function changeLanguage(language: UiLanguage): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered across visits, but the switch itself still works.
  }
  await i18n.changeLanguage(language);
}
