import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES } from '#libs/contracts';
import { changeLanguage, currentLanguage, isUiLanguage, LANGUAGE_NAMES } from './i18n.js';

export function LanguageSwitcher() {
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
          if (isUiLanguage(language)) void changeLanguage(language);
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
