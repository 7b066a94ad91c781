import { type InlineContent, type InlineNode, normalizeContent, plainText } from './inline.js';

/**
 * Splits content at an offset into its plain text (footnote references have no width). A reference
 * standing exactly at the offset stays with the left part, after the word it marks.
 */
export function splitContent(content: InlineContent, offset: number): [InlineContent, InlineContent] {
  const length = plainText(content).length;
  if (!Number.isInteger(offset) || offset < 0 || offset > length) {
    throw new RangeError(`offset ${offset} is outside the text (0–${length})`);
  }
  const left: InlineNode[] = [];
  const right: InlineNode[] = [];
  let seen = 0;
  for (const node of content) {
    if (node.type === 'footnoteRef') {
      (seen <= offset && right.length === 0 ? left : right).push(node);
      continue;
    }
    const end = seen + node.text.length;
    if (end <= offset) left.push(node);
    else if (seen >= offset) right.push(node);
    else {
      left.push({ ...node, text: node.text.slice(0, offset - seen) });
      right.push({ ...node, text: node.text.slice(offset - seen) });
    }
    seen = end;
  }
  return [normalizeContent(trimEnd(left)), normalizeContent(trimStart(right))];
}

/** Joins two contents as one paragraph, with a space between them unless one is already there. */
export function joinContent(first: InlineContent, second: InlineContent): InlineContent {
  const a = plainText(first);
  const b = plainText(second);
  if (!a) return normalizeContent(second);
  if (!b) return normalizeContent(first);
  const needsSpace = !/\s$/.test(a) && !/^\s/.test(b);
  return normalizeContent([...first, ...(needsSpace ? [{ type: 'text' as const, text: ' ' }] : []), ...second]);
}

function trimEnd(nodes: InlineNode[]): InlineNode[] {
  const out = [...nodes];
  for (let i = out.length - 1; i >= 0; i--) {
    const n = out[i]!;
    if (n.type !== 'text') break;
    const t = n.text.replace(/\s+$/, '');
    out[i] = { ...n, text: t };
    if (t) break;
  }
  return out;
}

function trimStart(nodes: InlineNode[]): InlineNode[] {
  const out = [...nodes];
  for (let i = 0; i < out.length; i++) {
    const n = out[i]!;
    if (n.type !== 'text') break;
    const t = n.text.replace(/^\s+/, '');
    out[i] = { ...n, text: t };
    if (t) break;
  }
  return out;
}
