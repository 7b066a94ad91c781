import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/i18n.js';
import { useLanguageNames } from '../../lib/language-names.js';

/** Checkboxes for the reader's columns; the last one left cannot be unticked. */
export function ColumnPicker({
  languages,
  sourceLanguage,
  visible,
  onChange,
}: {
  languages: string[];
  sourceLanguage: string;
  visible: string[];
  onChange(next: string[]): void;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  return (
    <fieldset className="column-picker" data-testid="column-picker">
      <legend>{t('reader.columns')}</legend>
      {languages.map((language) => {
        const checked = visible.includes(language);
        const last = checked && visible.length === 1;
        return (
          <label key={language} className="column-picker__option">
            <input
              type="checkbox"
              checked={checked}
              disabled={last}
              onChange={(event) =>
                onChange(event.target.checked ? [...visible, language] : visible.filter((item) => item !== language))
              }
            />
            {languageName(language)}
            {language === sourceLanguage && <span className="muted"> ({t('reader.source')})</span>}
          </label>
        );
      })}
    </fieldset>
  );
}
