import type { DroppedLine } from './rendering.js';

/**
 * Lines of a web reader's user interface that a page saved as text carries along: buttons and links
 * (`Show Less`, `Open access`, `Download PDF`, `Cite`, `Share`), empty labels (`Series:`, `Keywords:`),
 * breadcrumbs and the like, in English, Russian and German. They are dropped from the text and listed
 * in the report. Only whole lines are dropped, and only lines that are nothing but interface words.
 */
const INTERFACE = new Set(
  [
    // English
    'show less', 'show more', 'show summary details', 'hide summary details', 'show all', 'hide', 'open access',
    'free access', 'restricted access', 'download', 'download pdf', 'download chapter', 'pdf', 'epub', 'cite', 'cite this',
    'share', 'print', 'save', 'email', 'e-mail', 'export citation', 'permissions', 'metrics', 'previous', 'next',
    'previous chapter', 'next chapter', 'back to top', 'sign in', 'log in', 'login',
    'register', 'menu', 'search', 'close', 'expand', 'collapse', 'read more', 'view larger', 'view full size',
    'get access', 'buy this book', 'add to cart', 'related content', 'recommended', 'advertisement', 'skip to content',
    'skip to main content', 'skip to navigation', 'cookie settings', 'accept cookies', 'accept all cookies',
    // Russian
    'показать меньше', 'показать больше', 'показать полностью', 'скрыть', 'открытый доступ', 'скачать', 'скачать pdf',
    'цитировать', 'поделиться', 'печать', 'сохранить', 'назад', 'далее', 'предыдущая глава', 'следующая глава',
    'наверх', 'перейти к содержанию', 'перейти к навигации', 'войти', 'вход', 'меню', 'поиск', 'закрыть', 'читать далее', 'реклама',
    // German
    'weniger anzeigen', 'mehr anzeigen', 'zusammenfassung anzeigen', 'ausblenden', 'open access', 'freier zugang',
    'herunterladen', 'pdf herunterladen', 'zitieren', 'teilen', 'drucken', 'speichern', 'zurück', 'weiter',
    'vorheriges kapitel', 'nächstes kapitel', 'nach oben', 'zum inhalt springen', 'zur navigation springen', 'anmelden', 'suche', 'schließen',
    'weiterlesen', 'anzeige',
  ],
);

/** `Series:`, `Keywords:`, `Серия:`, `Schlagwörter:`: a label with nothing after it. */
const EMPTY_LABEL = /^[\p{L}][\p{L} -]{0,30}:$/u;
/** `Access provided by …`, `Published online: …`, `Zugriff über …`, `Доступ предоставлен …`. */
const ACCESS_LINE = /^(?:access provided by|published online:|print publication date:|online publication date:|doi:|isbn:|zugriff (?:über|bereitgestellt)|online veröffentlicht:|доступ предоставлен|опубликовано онлайн:)/iu;

export function isInterfaceLine(line: string): boolean {
  const s = line.trim().replace(/\s+/g, ' ');
  if (s === '' || s.length > 80) return false;
  const key = s.toLowerCase().replace(/[›»>|·•]+\s*$/u, '').trim();
  return INTERFACE.has(key) || EMPTY_LABEL.test(s) || ACCESS_LINE.test(s);
}

/**
 * Drops interface lines, and a title printed again right after itself (a page header above the text):
 * the second of two equal short lines within three lines of each other. Returns the lines kept (null
 * where dropped) and the dropped ones.
 */
export function dropInterfaceLines(lines: string[]): { kept: (string | null)[]; dropped: DroppedLine[] } {
  const dropped: DroppedLine[] = [];
  const kept: (string | null)[] = lines.map((line, i) => {
    if (!isInterfaceLine(line)) return line;
    dropped.push({ line: i + 1, text: line.trim(), reason: 'interface' });
    return null;
  });
  const recent: { key: string; at: number }[] = [];
  kept.forEach((line, i) => {
    if (line === null || line.trim() === '') return;
    const key = line.trim().replace(/\s+/g, ' ').toLowerCase();
    const twin = key.length <= 120 && recent.find((r) => r.key === key && i - r.at <= 4);
    if (twin) {
      dropped.push({ line: i + 1, text: line.trim(), reason: 'repeatedTitle' });
      kept[i] = null;
      return;
    }
    recent.push({ key, at: i });
    if (recent.length > 4) recent.shift();
  });
  dropped.sort((a, b) => a.line - b.line);
  return { kept, dropped };
}

/** How many lines of the text are interface lines (for detection). */
export const countInterfaceLines = (lines: string[]): number => lines.filter(isInterfaceLine).length;
