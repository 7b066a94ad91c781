import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';

/** What went wrong, for the user: the server's message (in the UI language) or a generic one of ours. */
export function failureOf(caught: unknown): ApiError {
  if (caught instanceof ApiError) return caught;
  console.error(caught); // a bug of ours: say so plainly, in the console and as a generic message
  return new ApiError(0, 'CLIENT_ERROR', i18n.t('errors.unexpected', { status: 0 }));
}

/**
 * Calls `clear` when the UI language changes: the server's messages came in the language of their
 * request, and would stay behind in the old one. Our own messages are kept as data and re-translate.
 */
export function useOnLanguageChange(clear: () => void): void {
  const { i18n: instance } = useTranslation();
  useEffect(() => {
    instance.on('languageChanged', clear);
    return () => instance.off('languageChanged', clear);
  }, [instance, clear]);
}

/**
 * A form's messages: one per field, and one for the form as a whole. Both may be the server's, so
 * both are cleared when the UI language changes.
 */
export function useFormErrors<Field extends string>() {
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  useOnLanguageChange(
    useCallback(() => {
      setErrors({});
      setFailure(null);
    }, []),
  );
  return { errors, setErrors, failure, setFailure };
}
