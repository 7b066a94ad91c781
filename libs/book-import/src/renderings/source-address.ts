/**
 * The address a saved web page names as its source, printed as its last line (`https://…`,
 * `Source: https://…`, `Quelle: …`, `Источник: …`): metadata of the file, not text of the book.
 */
const SOURCE = /^(?:(?:source|quelle|источник|url|retrieved from|abgerufen von)\s*:?\s*)?<?((?:https?:\/\/|www\.)[^\s<>]+)>?\s*$/iu;

/** The last non-blank line's address and its index, or null. */
export function sourceAddress(lines: string[]): { index: number; address: string } | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const m = SOURCE.exec(line);
    return m ? { index: i, address: m[1]! } : null;
  }
  return null;
}
