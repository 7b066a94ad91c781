/**
 * Line classification: the book's lines become blocks (headings, rules, paragraphs, list items, quotes,
 * tables). Deliberately not a full Markdown parser: converted books use Markdown loosely, so ordered-list
 * syntax (`1946. …`, TOC lines `1. …`) stays paragraph text, `*` separators stay text, and every line
 * that starts like a list item, a note label or a table row starts a block of its own, because these
 * files put one paragraph or one note per line.
 */
export type BlockType = 'heading' | 'rule' | 'paragraph' | 'listItem' | 'quote' | 'table';

export interface Block {
  type: BlockType;
  /** 1-based source line of the first line. */
  line: number;
  /** The raw source lines (contents and index documents re-split them). */
  lines: string[];
  /** Inline source: lines joined, a hard break as "\n", a soft one as a space. Tables: "" (see rows). */
  text: string;
  /** Headings: 1–6. */
  level?: number;
  /** List items: the marker character. */
  listMarker?: string;
  /** Leading spaces of the first line. */
  indent: number;
  /** Blank (or whitespace-only) lines between this block and the previous one. */
  blankBefore: number;
  /** A form feed (a page break in text converted from PDF) stands between this block and the previous one. */
  pageBreakBefore?: boolean;
  /** Paragraphs that start like an ordered-list item (`1. `, `2) `), kept as text. */
  ordered?: boolean;
  /** A line of only `*` characters (a scene separator), kept as text. */
  separator?: boolean;
  /** Tables: cells as inline source, row by row. */
  rows?: string[][];
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const STARS = /^ {0,3}\*(?:[ \t]*\*)*[ \t]*$/;
const LIST_ITEM = /^([ \t]*)([-+*])(?:[ \t]+(.*))?$/;
const QUOTE = /^ {0,3}>[ ]?(.*)$/;
const ORDERED = /^[ \t]*\d{1,9}[.)](?:[ \t]|$)/;
/** Lines that begin a note body in one of the label forms (`<sup>1</sup>.`, `[1.](#)`, `[1](#).`, `[^1]:`). */
const LABEL_START = /^[ \t]*(?:<sup>|\[\d{1,4}\.?\]\(|\[\^[^\]]+\]:)/;
const PIPE_DELIMITER = /^[ \t]*\|?[ \t]*:?-{1,}:?[ \t]*(?:\|[ \t]*:?-{1,}:?[ \t]*)+\|?[ \t]*$/;
const HTML_TABLE = /^[ \t]*<\/?(?:table|tr|td|th|thead|tbody)\b/i;

const isBlank = (line: string): boolean => line.trim() === '';
const hasInnerTab = (line: string): boolean => /\S\t+\S/.test(line);
/** An odd number of trailing backslashes: the last one is a hard break, not an escaped backslash. */
export const endsWithBackslashBreak = (line: string): boolean => (/\\+$/.exec(line.trimEnd())?.[0].length ?? 0) % 2 === 1;
const endsWithHardBreak = (line: string): boolean => / {2,}$/.test(line) || endsWithBackslashBreak(line);

/** Joins physical lines of one block: a hard break becomes "\n", a soft break a space (or "\n" too, with `keepBreaks`). */
export function joinLines(lines: string[], keepBreaks = false): string {
  let out = '';
  lines.forEach((line, i) => {
    let part = line.trim();
    if (i < lines.length - 1 && endsWithBackslashBreak(part)) part = part.slice(0, -1).trimEnd();
    out += part;
    if (i < lines.length - 1) out += keepBreaks || endsWithHardBreak(line) ? '\n' : ' ';
  });
  return out;
}

/** A paragraph's or list item's inline source with every line break kept (the list marker left out). */
export function lineBrokenText(block: Block): string {
  const [first = '', ...rest] = block.lines;
  return joinLines([block.type === 'listItem' ? (LIST_ITEM.exec(first)?.[3] ?? '') : first, ...rest], true);
}

export function splitPipeRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && s[i + 1] === '|') {
      cur += '\\|';
      i++;
    } else if (ch === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}

/** Cells of a TAB grid row; `<p>…</p>` wrappers of converted table cells are unwrapped, other HTML stays text. */
function splitTabRow(line: string): string[] {
  return line
    .trim()
    .split(/\t+/)
    .map((cell) =>
      cell
        .replace(/<\/p>\s*<p>/gi, ' ')
        .replace(/^\s*<p>|<\/p>\s*$/gi, '')
        .trim(),
    );
}

function htmlTableRows(lines: string[]): string[][] {
  const html = lines.join('\n');
  const rows: string[][] = [];
  for (const tr of html.split(/<tr\b[^>]*>/i).slice(1)) {
    const cells = [...tr.matchAll(/<t[dh]\b[^>]*>([\s\S]*?)(?=<t[dh]\b|<\/tr>|<\/table>|$)/gi)].map((m) =>
      (m[1] ?? '')
        .replace(/<\/t[dh]>/gi, '')
        .replace(/<\/?p>/gi, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    if (cells.length) rows.push(cells);
  }
  return rows;
}

interface Line {
  text: string;
  no: number;
}

/** Splits the text into blocks. Line numbers are 1-based physical lines. */
export function splitBlocks(text: string): Block[] {
  const all = text.split('\n');
  const blocks: Block[] = [];
  let blank = 0;
  let group: Line[] = [];
  let formFeed = false;
  const flush = (): void => {
    if (group.length) {
      const first = blocks.length;
      splitGroup(group, blank, blocks);
      if (formFeed && blocks[first]) blocks[first].pageBreakBefore = true;
      formFeed = false;
    }
    group = [];
    blank = 0;
  };
  all.forEach((line, i) => {
    let raw = line;
    if (raw.includes('\f')) {
      // A page ends here: what follows is a new block on the next page (the page join may reunite it).
      flush();
      formFeed = true;
      raw = raw.replace(/\f/g, '');
    }
    if (isBlank(raw)) {
      if (group.length) flush();
      blank++;
    } else {
      group.push({ text: raw, no: i + 1 });
    }
  });
  flush();
  return blocks;
}

function splitGroup(group: Line[], blankBefore: number, out: Block[]): void {
  let current: Block | null = null;
  let firstInGroup = true;
  const push = (block: Block): Block => {
    block.blankBefore = firstInGroup ? blankBefore : 0;
    firstInGroup = false;
    out.push(block);
    return block;
  };
  const base = (type: BlockType, lines: Line[], text: string): Block => ({
    type,
    line: lines[0]!.no,
    lines: lines.map((l) => l.text),
    text,
    indent: /^[ \t]*/.exec(lines[0]!.text)![0].length,
    blankBefore: 0,
  });
  const append = (block: Block, line: Line, content: string): void => {
    const prev = block.lines[block.lines.length - 1]!;
    let text = block.text;
    if (endsWithBackslashBreak(prev)) text = text.slice(0, -1).trimEnd();
    block.text = text + (endsWithHardBreak(prev) ? '\n' : ' ') + content.trim();
    block.lines.push(line.text);
  };

  for (let i = 0; i < group.length; i++) {
    const line = group[i]!;
    const raw = line.text;
    let m: RegExpExecArray | null;

    if ((m = HEADING.exec(raw))) {
      current = null;
      push({ ...base('heading', [line], (m[2] ?? '').trim()), level: m[1]!.length });
      continue;
    }
    if (RULE.test(raw)) {
      current = null;
      push(base('rule', [line], ''));
      continue;
    }
    if (STARS.test(raw)) {
      current = null;
      push({ ...base('paragraph', [line], raw.trim()), separator: true });
      continue;
    }
    // Pipe table: a row followed by a delimiter row.
    const next = group[i + 1];
    if (raw.includes('|') && next && PIPE_DELIMITER.test(next.text)) {
      current = null;
      const rows = [splitPipeRow(raw)];
      const lines = [line, next];
      let j = i + 2;
      while (j < group.length && group[j]!.text.includes('|')) {
        rows.push(splitPipeRow(group[j]!.text));
        lines.push(group[j]!);
        j++;
      }
      push({ ...base('table', lines, ''), rows });
      i = j - 1;
      continue;
    }
    if (HTML_TABLE.test(raw)) {
      current = null;
      const lines = [line];
      let j = i + 1;
      while (j < group.length && !/<\/table>/i.test(lines[lines.length - 1]!.text)) lines.push(group[j++]!);
      push({ ...base('table', lines, ''), rows: htmlTableRows(lines.map((l) => l.text)) });
      i = j - 1;
      continue;
    }
    // TAB grid: two or more consecutive lines with cells separated by TABs.
    if (hasInnerTab(raw) && next && hasInnerTab(next.text)) {
      current = null;
      const lines = [line];
      let j = i + 1;
      while (j < group.length && hasInnerTab(group[j]!.text)) lines.push(group[j++]!);
      push({ ...base('table', lines, ''), rows: lines.map((l) => splitTabRow(l.text)) });
      i = j - 1;
      continue;
    }
    if ((m = QUOTE.exec(raw))) {
      const content = m[1] ?? '';
      // An empty `>` line separates two paragraphs of one quotation.
      if (content.trim() === '') current = null;
      else if (current?.type === 'quote' && current.text !== '') append(current, line, content);
      else current = push(base('quote', [line], content.trim()));
      continue;
    }
    if ((m = LIST_ITEM.exec(raw))) {
      current = push({ ...base('listItem', [line], (m[3] ?? '').trim()), listMarker: m[2]! });
      continue;
    }
    if (ORDERED.test(raw) || LABEL_START.test(raw)) {
      current = push({ ...base('paragraph', [line], raw.trim()), ordered: ORDERED.test(raw) });
      continue;
    }
    if (current && (current.type === 'paragraph' || current.type === 'listItem' || current.type === 'quote')) {
      append(current, line, raw);
      continue;
    }
    current = push(base('paragraph', [line], raw.trim()));
  }
}
