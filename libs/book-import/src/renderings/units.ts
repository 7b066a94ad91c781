import { MARK_TOKEN, PAGE_TOKEN, withoutTokens } from './rendering.js';

/**
 * The logical blocks of a book that arrived without markup, as the rendering rules see them: one per
 * paragraph, heading, quotation, list item or note line, each with the source line it starts on. Text
 * is plain (no Markdown yet) and may hold page and marker tokens (see rendering.ts).
 */
export type UnitKind = 'paragraph' | 'heading' | 'quote' | 'listItem' | 'note';

export interface Unit {
  kind: UnitKind;
  text: string;
  /** 1-based source line. */
  line: number;
  /** Headings: 1 (chapter) – 3. */
  level?: number;
  /** Notes: the label number. */
  number?: number;
}

/** The visible text of a unit: tokens dropped, whitespace collapsed. */
export const visible = (u: Unit | string): string =>
  withoutTokens(typeof u === 'string' ? u : u.text)
    .replace(/\s+/g, ' ')
    .trim();

export const wordCount = (s: string): number => (visible(s).match(/\S+/g) ?? []).length;

/** Sentence-final punctuation (a closing quote or bracket after it counts). */
export const ENDS_SENTENCE = /[.?!…:;][”"’'»)\]]*$/;
export const endsSentence = (s: string): boolean => ENDS_SENTENCE.test(visible(s));

/** Page tokens at the end of a unit move to the start of the next one: a page that begins after it. */
export function moveTrailingPageTokens(units: Unit[]): void {
  const trailing = new RegExp(`(?:\\s*${PAGE_TOKEN.source})+\\s*$`);
  for (let i = 0; i < units.length - 1; i++) {
    const u = units[i]!;
    const moveFromHeading = u.kind === 'heading';
    const m = moveFromHeading ? null : trailing.exec(u.text);
    if (moveFromHeading) {
      const tokens = u.text.match(PAGE_TOKEN) ?? [];
      if (!tokens.length) continue;
      u.text = u.text.replace(PAGE_TOKEN, '').replace(/\s+/g, ' ').trim();
      units[i + 1]!.text = `${tokens.join('')} ${units[i + 1]!.text}`;
    } else if (m) {
      u.text = u.text.slice(0, m.index);
      units[i + 1]!.text = `${m[0].trim()} ${units[i + 1]!.text}`;
    }
  }
}

/** Whether the unit holds marker tokens. */
export const hasMarks = (u: Unit): boolean => new RegExp(MARK_TOKEN.source).test(u.text);
