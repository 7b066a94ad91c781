import type { InlineContent, InlineNode, Mark } from '#libs/content';
import {
  canonicalContent,
  EMPHASIS_SEPARATOR,
  encodeDirective,
  EXPORT_HEADER,
  type Book,
  type BookDocument,
  type BookFootnote,
  type BookSegment,
  type SegmentDirective,
} from '#libs/book-import';
import { maxOf, pushAll } from './arrays.js';

/**
 * One language of an edition as Markdown that `parseBook` reads back to the same structure: documents
 * with their kinds and titles, segments with their kinds, levels, languages and pages, footnotes with
 * their labels and links. Footnote keys are the labels where these are unique in the document; a repeated
 * label gets a suffixed key and keeps its printed label in a directive.
 */
export function renderMarkdown(book: Book, language: string): string {
  const out: string[] = [encodeDirective({ language, title: book.title }, `${EXPORT_HEADER} `)];
  for (const doc of book.documents) {
    out.push('', encodeDirective({ document: doc.kind, title: doc.title }));
    const keys = footnoteKeys(doc);
    for (const segment of doc.segments) {
      out.push('');
      pushAll(out, renderSegment(segment, language, keys));
    }
    for (const footnote of doc.footnotes) {
      out.push('');
      pushAll(out, renderFootnote(footnote, language, keys));
    }
  }
  return `${out.join('\n')}\n`;
}

function footnoteKeys(doc: BookDocument): Map<string, string> {
  const keys = new Map<string, string>();
  const used = new Set<string>();
  for (const f of doc.footnotes) {
    const base = /^[^\s\]\\[^]+$/.test(f.label) && !f.label.includes('~') ? f.label : 'note';
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}~${n}`;
    used.add(key);
    keys.set(f.id, key);
  }
  return keys;
}

function directiveFor(segment: BookSegment, language: string, defaultKind: string, extra: SegmentDirective = {}): string[] {
  const d: SegmentDirective = { ...extra };
  const empty = isEmpty(segment);
  if (segment.kind !== defaultKind || empty) d.kind = segment.kind;
  if (empty && segment.level !== undefined) d.level = segment.level;
  if (segment.language !== language) d.lang = segment.language;
  if (segment.pages.length) d.pages = segment.pages;
  if (empty) d.empty = true;
  return Object.keys(d).length ? [encodeDirective(d)] : [];
}

/** No text and no reference: such a segment is written as its directive alone. */
const isEmpty = (segment: BookSegment): boolean => canonicalContent(segment.content).length === 0;

/** The Markdown form a kind has without a directive. */
const SYNTAX_KIND: Record<string, string> = {
  heading: 'heading',
  listItem: 'listItem',
  blockQuote: 'blockQuote',
  table: 'table',
};

function renderSegment(segment: BookSegment, language: string, keys: Map<string, string>): string[] {
  const syntax = SYNTAX_KIND[segment.kind] ?? 'paragraph';
  const lines = directiveFor(segment, language, syntax);
  const content = canonicalContent(segment.content);
  if (content.length === 0) return lines;
  switch (segment.kind) {
    case 'heading': {
      const text = splitNodes(content, '\n')
        .map((line) => renderInline(line, keys))
        .join(' ')
        .replace(/#$/, '\\#');
      lines.push(`${'#'.repeat(Math.min(6, Math.max(1, segment.level ?? 1)))} ${text}`);
      break;
    }
    case 'listItem':
      pushAll(lines, hardBreaks(renderLines(content, keys)).map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)));
      break;
    case 'blockQuote':
      pushAll(lines, hardBreaks(renderLines(content, keys)).map((l) => `> ${l}`));
      break;
    case 'table':
      pushAll(lines, renderTable(content, keys));
      break;
    default:
      pushAll(lines, hardBreaks(renderLines(content, keys)));
  }
  return lines;
}

function renderFootnote(footnote: BookFootnote, language: string, keys: Map<string, string>): string[] {
  const key = keys.get(footnote.id)!;
  const extra: SegmentDirective = key !== footnote.label ? { label: footnote.label } : {};
  const [first, ...rest] = footnote.body;
  if (!first) return [...(Object.keys(extra).length ? [encodeDirective(extra)] : []), `[^${key}]:`];
  const lines = directiveFor(first, language, 'noteBody', extra);
  const body = isEmpty(first) ? [] : hardBreaks(renderLines(canonicalContent(first.content), keys));
  lines.push(body.length ? `[^${key}]: ${body[0]}` : `[^${key}]:`);
  pushAll(lines, body.slice(1).map((l) => `    ${l}`));
  for (const segment of rest) {
    lines.push('');
    pushAll(lines, directiveFor(segment, language, 'noteBody').map((l) => `    ${l}`));
    if (!isEmpty(segment)) pushAll(lines, hardBreaks(renderLines(canonicalContent(segment.content), keys)).map((l) => `    ${l}`));
  }
  return lines;
}

/** A hard line break is a trailing backslash. */
const hardBreaks = (lines: string[]): string[] => lines.map((l, i) => (i < lines.length - 1 ? `${l}\\` : l));

function renderTable(content: InlineContent, keys: Map<string, string>): string[] {
  const rows = splitNodes(content, '\n').map((row) => splitNodes(row, '\t').map((cell) => renderInline(cell, keys).replace(/\|/g, '\\|')));
  const width = maxOf(rows.map((r) => r.length), 0);
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(rows[0] ?? []), line(new Array<string>(width).fill('---')), ...rows.slice(1).map(line)];
}

/** Splits content at a separator character occurring in its text. */
function splitNodes(content: InlineContent, sep: string): InlineContent[] {
  const parts: InlineContent[] = [[]];
  for (const node of content) {
    if (node.type !== 'text' || !node.text.includes(sep)) {
      parts[parts.length - 1]!.push(node);
      continue;
    }
    node.text.split(sep).forEach((piece, i) => {
      if (i > 0) parts.push([]);
      if (piece) parts[parts.length - 1]!.push({ ...node, text: piece });
    });
  }
  return parts;
}

/** Inline Markdown of content, as lines (split at hard breaks). */
function renderLines(content: InlineContent, keys: Map<string, string>): string[] {
  return splitNodes(content, '\n').map((line) => escapeLineStart(renderInline(line, keys)));
}

const DELIMITER: Record<Mark, string> = { italic: '*', bold: '**' };

/**
 * Emphasis as properly nested delimiter runs: the mark that lasts longer opens first; an opening run that
 * could also be read as closing (after a closing run, or inside open emphasis after a letter) gets an
 * invisible separator before it.
 */
function renderInline(nodes: InlineContent, keys: Map<string, string>): string {
  let out = '';
  const open: Mark[] = [];
  let lastWasCloser = false;
  const marksAt = (i: number): Mark[] | null => {
    for (let k = i; k < nodes.length; k++) {
      const n = nodes[k]!;
      if (n.type === 'text') return n.marks ?? [];
    }
    return null;
  };
  const lastsUntil = (mark: Mark, from: number): number => {
    let k = from;
    for (; k < nodes.length; k++) {
      const n = nodes[k]!;
      if (n.type === 'text' && !(n.marks ?? []).includes(mark)) break;
    }
    return k;
  };
  nodes.forEach((node: InlineNode, i) => {
    if (node.type === 'footnoteRef') {
      out += `[^${keys.get(node.footnoteId) ?? node.footnoteId}]`;
      lastWasCloser = false;
      return;
    }
    const marks = node.marks ?? [];
    // Close what this run does not have, innermost first.
    while (open.some((m) => !marks.includes(m))) {
      out += DELIMITER[open.pop()!];
      lastWasCloser = true;
    }
    const toOpen = marks.filter((m) => !open.includes(m)).sort((a, b) => lastsUntil(b, i) - lastsUntil(a, i));
    // An opening run right after a closing one, or after text while emphasis is open, could be read as
    // closing: the separator makes it an opener.
    if (toOpen.length && (lastWasCloser || (open.length > 0 && out !== '' && !/\s$/.test(out)))) out += EMPHASIS_SEPARATOR;
    for (const m of toOpen) {
      out += DELIMITER[m];
      open.push(m);
    }
    out += escapeText(node.text);
    lastWasCloser = false;
    // Close everything at the end, or before text without marks.
    if (marksAt(i + 1) === null) {
      while (open.length) out += DELIMITER[open.pop()!];
    }
  });
  while (open.length) out += DELIMITER[open.pop()!];
  return out;
}

/**
 * Backslash escapes where a character could start markup: always for `\ * _` and backticks; brackets
 * only where they could make a link or a footnote reference; `<` only before what could be a tag.
 */
function escapeText(text: string): string {
  return text
    .replace(/[\\*_`]/g, '\\$&')
    .replace(/\[(?=\^)/g, '\\[')
    .replace(/\](?=[([:])/g, '\\]')
    .replace(/\]$/, '\\]')
    .replace(/<(?=[a-zA-Z/!?])/g, '\\<')
    .replace(/&(?=#?[a-zA-Z0-9]+;)/g, '\\&');
}

/** What would start a block, a heading or a list at the start of a line is escaped; edge TABs become entities. */
function escapeLineStart(line: string): string {
  return line
    .replace(/^>/, '\\>')
    .replace(/^(#{1,6})(?=\s|$)/, '\\$1')
    .replace(/^([-+])(?=\s|$)/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^\|/, '\\|')
    .replace(/^([=-])(?=\1*\s*$)/, '\\$1')
    .replace(/^(\[\^[^\]]+\]):/, `$1${EMPHASIS_SEPARATOR}:`)
    .replace(/^\t/, '&#9;')
    .replace(/\t$/, '&#9;');
}
