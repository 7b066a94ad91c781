/**
 * Text PostgreSQL cannot keep. A `text` column refuses U+0000 ("invalid byte sequence"), `jsonb`
 * refuses the escape `\u0000` ("unsupported Unicode escape sequence") and lone UTF-16 surrogates
 * (a JavaScript string may hold half a pair; UTF-8 cannot). Everything else is storable.
 *
 * The policy (docs/security.md): what a caller sends on purpose (a REST body, a query) is refused
 * with a coded error naming the field; what arrives as a stream the caller cannot fix piecemeal
 * (live typing through the collaboration socket, an imported file) is cleaned with `storableText`
 * on its way to the rows, so one bad keystroke never stops a chapter from being stored.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** Index of the first character the store cannot hold, or -1. */
export function firstUnstorable(value: string): number {
  const match = UNSTORABLE.exec(value);
  return match ? match.index : -1;
}

/** The text with NUL removed and lone surrogates replaced by U+FFFD; the same string when clean. */
export function storableText(value: string): string {
  if (!UNSTORABLE.test(value)) return value;
  return value.replace(UNSTORABLE_ALL, (c) => (c === '\u0000' ? '' : '\uFFFD'));
}

/** `U+0000`, `U+D800`: how a refused character is named in an error message. */
export const codePointName = (value: string, index: number): string =>
  `U+${value.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0')}`;
