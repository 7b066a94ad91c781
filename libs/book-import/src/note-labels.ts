import type { Block } from './blocks.js';
import { isForeignScript } from './script.js';

/**
 * The label a note body starts with, in the forms converted books use: `12 text` (number, space),
 * `12. text`, `[12.](#) text`, `[12](#). text`, `<sup>12</sup>. text`, `<sup>12.</sup> text`,
 * `<sup>[12](#)</sup>. text`, `<sup>12</sup> text`, each optionally after `- ` and indentation (the list
 * marker is already gone from a list item's text), Markdown's `[^12]: text`, and symbols `* text`.
 * Whether a labelled paragraph really is a note is decided by the caller from the expected sequence.
 */
export interface NoteLabel {
  /** As printed: "12", "*", or a Markdown footnote's name. */
  label: string;
  /** For numeric labels. */
  number?: number;
  /** The note text after the label (inline source). */
  rest: string;
  form: 'plain' | 'dotted' | 'link' | 'sup' | 'markdown' | 'symbol';
}

const FORMS: { re: RegExp; form: NoteLabel['form'] }[] = [
  { re: /^\[\^([^\]\s]+)\]:[ \t]*([\s\S]*)$/, form: 'markdown' },
  { re: /^<sup>\s*(\d{1,4})\.?\s*<\/sup>\.?[ \t]*([\s\S]+)$/i, form: 'sup' },
  { re: /^<sup>\s*\[(\d{1,4})\.?\]\(#?[^)\s]*\)\s*<\/sup>\.?[ \t]*([\s\S]+)$/i, form: 'sup' },
  { re: /^\[(\d{1,4})\.?\]\(#?[^)\s]*\)\.?[ \t]+([\s\S]+)$/, form: 'link' },
  { re: /^(\d{1,4})\.[ \t]+([\s\S]+)$/, form: 'dotted' },
  { re: /^(\d{1,4})[ \t]+([\s\S]+)$/, form: 'plain' },
  { re: /^(?:<sup>\s*)?(\\?\*{1,3}|†{1,2}|‡|§)(?:\s*<\/sup>)?[ \t]+([\s\S]+)$/i, form: 'symbol' },
];

/** The note label at the start of a paragraph or list item, or null (never for text in a foreign script). */
export function noteLabelOf(block: Block, bookLanguage: string): NoteLabel | null {
  if (block.type !== 'paragraph' && block.type !== 'listItem') return null;
  if (block.separator) return null;
  let text = block.text.trim();
  // `* note text` is a list item with marker `*` to a Markdown parser.
  if (block.type === 'listItem' && block.listMarker === '*') text = `* ${text}`;
  for (const { re, form } of FORMS) {
    const m = re.exec(text);
    if (!m) continue;
    const rest = (m[2] ?? '').trim();
    if (rest !== '' && isForeignScript(rest, bookLanguage)) return null;
    if (form === 'symbol') return { label: m[1]!.replace(/^\\/, ''), rest, form };
    if (form === 'markdown') return { label: m[1]!, rest, form };
    const number = Number(m[1]);
    if (!Number.isSafeInteger(number) || number === 0) return null;
    return { label: String(number), number, rest, form };
  }
  return null;
}
