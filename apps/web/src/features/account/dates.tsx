import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/i18n.js';

/** Largest first; a month and a year are approximate, which "3 months ago" is too. */
const UNITS: readonly (readonly [Intl.RelativeTimeFormatUnit, number])[] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

export interface DateFormat {
  /** "12 Mar 2025, 14:05" in the UI language. */
  dateTime(iso: string): string;
  /** "12 Mar 2025". */
  date(iso: string): string;
  /** "5 minutes ago", "just now": the past, in the UI language, as of the last minute's tick. */
  ago(iso: string): string;
  /** Whether the moment has passed. */
  past(iso: string): boolean;
}

/**
 * Date formatters in the UI language. The relative ones are refreshed every minute, so a page left
 * open does not keep saying "just now".
 */
export function useDateFormat(): DateFormat {
  const { t } = useTranslation();
  const language = currentLanguage();
  const now = useNow(60_000);
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    // 'always', not 'auto': "1 day ago" is true of 25 hours, "yesterday" may not be.
    const relative = new Intl.RelativeTimeFormat(language, { numeric: 'always' });
    return {
      dateTime: (iso) => dateTime.format(new Date(iso)),
      date: (iso) => date.format(new Date(iso)),
      ago: (iso) => {
        // A clock a little ahead of the server's must not make "last active" lie in the future.
        const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
        const unit = UNITS.find(([, size]) => seconds >= size);
        return unit ? relative.format(-Math.trunc(seconds / unit[1]), unit[0]) : t('account.justNow');
      },
      past: (iso) => Date.parse(iso) <= now,
    };
  }, [language, now, t]);
}

/** A `<time>` showing `text`, with the exact moment as its machine value and tooltip. */
export function Time({ iso, text, format }: { iso: string; text: string; format: DateFormat }) {
  return (
    <time dateTime={iso} title={format.dateTime(iso)}>
      {text}
    </time>
  );
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
