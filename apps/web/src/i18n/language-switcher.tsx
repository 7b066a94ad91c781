import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES, type UiLanguage } from '#libs/contracts';
import { changeLanguage, currentLanguage, isUiLanguage, LANGUAGE_NAMES } from './i18n.js';

/** `onChosen`: the person picked a language (the app keeps it with their account). */
export function LanguageSwitcher({ onChosen }: { onChosen?(language: UiLanguage): void } = {}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={currentLanguage()}
        onChange={(event) => {
          const language = event.target.value;
          if (!isUiLanguage(language)) return;
          void changeLanguage(language);
          onChosen?.(language);
        }}
      >
        {UI_LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
