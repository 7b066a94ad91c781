import { decodeNumber, MARK_TOKEN } from './rendering.js';
import type { Unit } from './units.js';

/**
 * Units → the Markdown the book pipeline reads: one block per unit, blank lines between, text escaped
 * so that nothing in it reads as markup, marker tokens as `[^n]` references, notes as `[^n]:`
 * definitions. Page tokens stay (private-use characters) until the book is built.
 */
const INLINE_SPECIAL = /[\\*_<>[\]&`]/g;

export function escapeInline(text: string): string {
  let s = text.replace(INLINE_SPECIAL, (c) => `\\${c}`);
  // What would start a block of another kind at the start of a line.
  s = s.replace(/^(\s*)([#>+\-|=~]|\d{1,9}[.)](?=\s|$))/, (_m, sp: string, c: string) => `${sp}${c.replace(/^(.)/, '\\$1')}`);
  return s;
}

const withRefs = (text: string): string => text.replace(MARK_TOKEN, (_m, n: string) => `[^${decodeNumber(n)}]`);

function block(u: Unit, text: string): string {
  switch (u.kind) {
    case 'heading':
      return `${'#'.repeat(u.level ?? 2)} ${text}`;
    case 'quote':
      return `> ${text}`;
    case 'listItem':
      return `- ${text}`;
    case 'note':
      return `[^${u.number}]: ${text}`;
    default:
      return text;
  }
}

export function unitsToMarkdown(units: Unit[]): string {
  const out: string[] = [];
  let previous: Unit | null = null;
  for (const u of units) {
    const text = withRefs(escapeInline(u.text.replace(/\s+/g, ' ').trim()));
    if (text === '' && u.kind !== 'note') continue;
    // Items of one list stand on consecutive lines (loose `- ` lines one after another read as dialogue).
    if (u.kind === 'listItem' && previous?.kind === 'listItem') out[out.length - 1] += `\n${block(u, text)}`;
    else out.push(block(u, text));
    previous = u;
  }
  return `${out.join('\n\n')}\n`;
}
