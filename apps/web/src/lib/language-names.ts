import { useMemo } from 'react';

/** Language tags shown as names in the UI language ("ru" → "Russian", "русский", "Russisch"). */
export function useLanguageNames(uiLanguage: string): (tag: string) => string {
  return useMemo(() => {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([uiLanguage], { type: 'language' });
    } catch {
      names = null;
    }
    return (tag: string) => {
      try {
        return names?.of(tag) ?? tag;
      } catch {
        return tag; // not a well-formed tag: show it as it is
      }
    };
  }, [uiLanguage]);
}
