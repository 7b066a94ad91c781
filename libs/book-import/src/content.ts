import { normalizeContent, type InlineContent, type InlineNode } from '#libs/content';
import type { Piece } from './inline.js';

/**
 * Pieces → stored inline content, in the canonical form that both the importer and the export reader
 * produce (so that export → import gives the same content): runs of spaces collapsed; no spaces around
 * hard line breaks and TABs (table cells) or at the ends; whitespace at the edges of an italic or bold
 * run, line breaks and TABs unmarked; adjacent runs with the same marks merged.
 */
export function toContent(pieces: Piece[], refId: (piece: Extract<Piece, { type: 'marker' }>) => string | null): InlineContent {
  const nodes: InlineNode[] = [];
  for (const p of pieces) {
    if (p.type === 'marker') {
      const id = refId(p);
      if (id) nodes.push({ type: 'footnoteRef', footnoteId: id });
      else nodes.push(textNode(p.literal, p.marks));
    } else {
      nodes.push(textNode(p.text, p.marks));
    }
  }
  return canonicalContent(nodes);
}

const textNode = (text: string, marks: Piece['marks']): InlineNode =>
  marks.length ? { type: 'text', text, marks: [...marks] } : { type: 'text', text };

export function canonicalContent(input: InlineContent): InlineContent {
  // Marks first: whitespace at the edges of a marked run, line breaks and TABs (table cells) never carry
  // marks, since each line and cell is rendered on its own.
  const split: InlineContent = [];
  for (const n of normalizeContent(input)) {
    if (n.type !== 'text' || !n.marks?.length) {
      split.push(n);
      continue;
    }
    for (const part of n.text.split(/([\n\t])/)) {
      if (part === '\n' || part === '\t') {
        split.push({ type: 'text', text: part });
        continue;
      }
      const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(part)!;
      if (m[1]) split.push({ type: 'text', text: m[1] });
      if (m[2]) split.push({ type: 'text', text: m[2], marks: n.marks });
      if (m[3]) split.push({ type: 'text', text: m[3] });
    }
  }
  const nodes = normalizeContent(split).map((n) => (n.type === 'text' ? { ...n } : n));

  // Then whitespace, over the whole text so that runs across node boundaries collapse too.
  let prevSpace = true; // at the start, leading spaces go
  for (const n of nodes) {
    if (n.type !== 'text') {
      prevSpace = false;
      continue;
    }
    let text = n.text.replace(/ *([\n\t]) */g, '$1').replace(/ {2,}/g, ' ');
    if (prevSpace && text.startsWith(' ')) text = text.slice(1);
    n.text = text;
    if (text) prevSpace = /[ \n\t]$/.test(text);
  }
  for (const n of nodes) {
    if (n.type !== 'text') break;
    n.text = n.text.replace(/^[ \n]+/, '');
    if (n.text !== '') break;
  }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (n.type !== 'text') break;
    n.text = n.text.replace(/[ \n]+$/, '');
    if (n.text !== '') break;
  }
  // A space left before a line break or TAB in the next node.
  for (let i = 0; i < nodes.length - 1; i++) {
    const n = nodes[i]!;
    const next = nodes[i + 1]!;
    if (n.type === 'text' && next.type === 'text' && /^[\n\t]/.test(next.text)) n.text = n.text.replace(/ +$/, '');
  }
  return normalizeContent(nodes);
}
