import { wordCount } from './units.js';

/**
 * Bullet lists flattened into running text by a web page saved as text: items separated by ` * `
 * (most inline, some at the start of a line, one glued to the word before: `Catastrophe* In`). The
 * text before the first `*` stays a paragraph; each item is a list item. The last item of a run ends at
 * its first sentence end when a longer text follows it in the same paragraph (the essay goes on).
 * A `*` between two words with no space on one side (`5*3`, `word*`) is not a separator.
 */
export interface ListPart {
  kind: 'paragraph' | 'listItem';
  text: string;
}

const SEPARATOR = /(?:^|\s|(?<=[\p{L})\]]))\*\s+/gu;

export const countInlineBullets = (text: string): number => (text.match(/\S\s+\*\s+\S/g) ?? []).length;

export function splitFlattenedList(text: string): ListPart[] {
  const pieces = text.split(SEPARATOR);
  if (pieces.length < 2) return [{ kind: 'paragraph', text }];
  const parts: ListPart[] = [];
  const lead = pieces[0]!.trim();
  if (lead) parts.push({ kind: 'paragraph', text: lead });
  const items = pieces.slice(1).map((p) => p.trim()).filter(Boolean);
  items.forEach((item, i) => {
    if (i === items.length - 1) {
      const m = /^(.+?[.!?…]["”’»)]*)\s+(\p{Lu}.*)$/su.exec(item);
      if (m && wordCount(m[2]!) >= 12 && wordCount(m[2]!) > wordCount(m[1]!)) {
        parts.push({ kind: 'listItem', text: m[1]!.trim() }, { kind: 'paragraph', text: m[2]!.trim() });
        return;
      }
    }
    parts.push({ kind: 'listItem', text: item });
  });
  return parts;
}
