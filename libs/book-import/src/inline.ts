import type { Mark } from '#libs/content';

/**
 * Inline Markdown of one block → text runs with marks and footnote marker tokens. Recognises `*`/`_`
 * emphasis (`**` bold), backslash escapes, links (their text is kept), autolinks, entities and the
 * marker forms of converted books (`<sup>n</sup>`, `<sup>[n](#)</sup>`, `<sup>n, m</sup>`, `[^label]`).
 * Any other HTML stays literal text: nothing is ever interpreted as markup that could reach a browser.
 */
export type MarkerForm = 'sup' | 'footnote' | 'symbol' | 'bare';

export interface TextPiece {
  type: 'text';
  text: string;
  marks: Mark[];
}

export interface MarkerPiece {
  type: 'marker';
  label: string;
  form: MarkerForm;
  /** How to print it back if it turns out not to be a marker (a lone `*` without a note). */
  literal: string;
  /** Only a `*` that closes nothing and has no escape; kept as text unless the document has a `*` note. */
  tentative?: boolean;
  marks: Mark[];
}

export type Piece = TextPiece | MarkerPiece;

export interface InlineOptions {
  /** Interlinea's own export: `<!---->` separates delimiter runs and is otherwise invisible. */
  exportFormat?: boolean;
}

type Node =
  | { kind: 'text'; text: string; marks: Set<Mark> }
  | {
      kind: 'delim';
      ch: '*' | '_';
      count: number;
      length: number;
      canOpen: boolean;
      canClose: boolean;
      prev: string;
      next: string;
      marks: Set<Mark>;
    }
  | { kind: 'marker'; label: string; form: MarkerForm; literal: string; marks: Set<Mark> }
  | { kind: 'sep'; marks: Set<Mark> };

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const WS = /\s/u;
const ALNUM = /[\p{L}\p{N}]/u;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  shy: '\u00ad',
};

const SUP = /^<sup>([\s\S]*?)<\/sup>/i;
const SUP_NUMBERS = /^\s*(\d{1,4}(?:\s*,\s*\d{1,4})*)\.?\s*$/;
const SUP_LINK = /^\s*\[(\d{1,4})\.?\]\(#?[^)\s]*\)\.?\s*$/;
const SUP_SYMBOL = /^\s*(\*{1,3}|†{1,2}|‡|§)\s*$/;
const FOOTNOTE_REF = /^\[\^([^\]\s]+)\]/;
const AUTOLINK = /^<((?:https?|ftp):\/\/[^\s<>]*|mailto:[^\s<>]+|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>/i;
const ENTITY = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/;
const EXPORT_SEPARATOR = '<!---->';

const ABSOLUTE_URL = /^(?:https?|ftp|mailto):/i;
const bareAddress = (s: string): string =>
  s
    .toLowerCase()
    .replace(/^(?:(?:https?|ftp):\/\/|mailto:)/, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');

/** Whether a link's address says more than its text (`[the report](https://…)` but not `[www.x.org](http://www.x.org)`). */
const addressAddsToText = (label: string, url: string): boolean =>
  ABSOLUTE_URL.test(url) && bareAddress(label) !== bareAddress(url);

/** Link addresses longer than this are not taken for addresses (and the search for `)` stays short). */
const MAX_LINK_DESTINATION = 2000;

/** For every `[`, the index of the `]` that closes it (escapes and nesting honoured), in one pass. */
function bracketPairs(src: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') i++;
    else if (ch === '[') open.push(i);
    else if (ch === ']' && open.length) pairs.set(open.pop()!, i);
  }
  return pairs;
}

/** `(url)` right after a link label: its end index and the url, or null. */
function linkDestination(src: string, open: number): { end: number; url: string } | null {
  if (src[open] !== '(') return null;
  let depth = 0;
  const end = Math.min(src.length, open + MAX_LINK_DESTINATION);
  for (let i = open; i < end; i++) {
    const ch = src[i];
    if (ch === '\n') return null;
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) {
        const inner = src.slice(open + 1, i).trim();
        const url = inner.replace(/\s+"[^"]*"$/, '').replace(/^<|>$/g, '');
        return { end: i + 1, url };
      }
    }
  }
  return null;
}

function tokenize(src: string, opts: InlineOptions, out: Node[]): void {
  let buf = '';
  const flush = (): void => {
    if (buf) out.push({ kind: 'text', text: buf, marks: new Set() });
    buf = '';
  };
  const marker = (label: string, form: MarkerForm, literal: string): void => {
    flush();
    out.push({ kind: 'marker', label, form, literal, marks: new Set() });
  };
  const plain = /[^\\<&[!*_]+/y;
  const brackets = src.includes('[') ? bracketPairs(src) : new Map<number, number>();
  let i = 0;
  while (i < src.length) {
    plain.lastIndex = i;
    const run = plain.exec(src);
    if (run) {
      buf += run[0];
      i += run[0].length;
      if (i >= src.length) break;
    }
    const ch = src[i]!;
    if (ch === '\\' && i + 1 < src.length && ASCII_PUNCT.test(src[i + 1]!)) {
      buf += src[i + 1];
      i += 2;
      continue;
    }
    if (ch === '<') {
      if (opts.exportFormat && src.startsWith(EXPORT_SEPARATOR, i)) {
        flush();
        out.push({ kind: 'sep', marks: new Set() });
        i += EXPORT_SEPARATOR.length;
        continue;
      }
      const sup = SUP.exec(src.slice(i, i + 200));
      if (sup) {
        const inner = sup[1]!;
        let m: RegExpExecArray | null;
        if ((m = SUP_NUMBERS.exec(inner))) {
          for (const n of m[1]!.split(/\s*,\s*/)) marker(String(Number(n)), 'sup', `<sup>${n}</sup>`);
          i += sup[0].length;
          continue;
        }
        if ((m = SUP_LINK.exec(inner))) {
          marker(String(Number(m[1])), 'sup', sup[0]);
          i += sup[0].length;
          continue;
        }
        if ((m = SUP_SYMBOL.exec(inner))) {
          marker(m[1]!, 'symbol', sup[0]);
          i += sup[0].length;
          continue;
        }
        // `<sup>th</sup>` and the like: not a marker, kept as it is.
        buf += sup[0];
        i += sup[0].length;
        continue;
      }
      const auto = AUTOLINK.exec(src.slice(i, i + 2000));
      if (auto) {
        buf += auto[1];
        i += auto[0].length;
        continue;
      }
      buf += ch;
      i++;
      continue;
    }
    if (ch === '&') {
      const m = ENTITY.exec(src.slice(i, i + 12));
      const decoded = m
        ? m[1]
          ? safeCodePoint(Number(m[1]))
          : m[2]
            ? safeCodePoint(parseInt(m[2], 16))
            : ENTITIES[m[3]!.toLowerCase()]
        : undefined;
      if (m && decoded !== undefined) {
        buf += decoded;
        i += m[0].length;
        continue;
      }
      buf += ch;
      i++;
      continue;
    }
    if (ch === '[' || (ch === '!' && src[i + 1] === '[')) {
      const start = ch === '!' ? i + 1 : i;
      const fn = ch === '[' ? FOOTNOTE_REF.exec(src.slice(i, i + 100)) : null;
      if (fn) {
        marker(fn[1]!, 'footnote', fn[0]);
        i += fn[0].length;
        continue;
      }
      const close = brackets.get(start) ?? -1;
      const dest = close > 0 ? linkDestination(src, close + 1) : null;
      if (dest) {
        // A link keeps its text (an image its alt text); the address only when it says more.
        const label = src.slice(start + 1, close);
        const url = dest.url;
        flush();
        if (ch === '[' && label.trim() === '' && ABSOLUTE_URL.test(url)) {
          out.push({ kind: 'text', text: url, marks: new Set() });
        } else {
          tokenize(label, opts, out);
          if (ch === '[' && addressAddsToText(label, url)) out.push({ kind: 'text', text: ` (${url})`, marks: new Set() });
        }
        i = dest.end;
        continue;
      }
      buf += src.slice(i, start + 1);
      i = start + 1;
      continue;
    }
    if (ch === '*' || ch === '_') {
      let j = i;
      while (src[j] === ch) j++;
      // In the export format `<!---->` stands for a boundary: nothing before it closes, nothing after it opens.
      const afterSeparator = opts.exportFormat && src.endsWith(EXPORT_SEPARATOR, i);
      const beforeSeparator = opts.exportFormat && src.startsWith(EXPORT_SEPARATOR, j);
      const prev = i > 0 && !afterSeparator ? src[i - 1]! : ' ';
      const next = j < src.length && !beforeSeparator ? src[j]! : ' ';
      const prevWs = WS.test(prev);
      const nextWs = WS.test(next);
      let canOpen = !nextWs;
      let canClose = !prevWs;
      if (ch === '_') {
        canOpen = canOpen && !ALNUM.test(prev);
        canClose = canClose && !ALNUM.test(next);
      }
      flush();
      out.push({ kind: 'delim', ch, count: j - i, length: j - i, canOpen, canClose, prev, next, marks: new Set() });
      i = j;
      continue;
    }
    buf += ch;
    i++;
  }
  flush();
}

function safeCodePoint(cp: number): string | undefined {
  if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return String.fromCodePoint(cp);
}

/**
 * CommonMark's delimiter matching (with simpler flanking rules), linear: a stack of potential openers
 * that only changes at its top, a floor per closer type below which no opener can match, and marks
 * applied at the end from the matched ranges.
 */
function processEmphasis(nodes: Node[]): void {
  type Delim = Extract<Node, { kind: 'delim' }>;
  const stack: number[] = []; // node indices of potential openers
  const floor = new Map<string, number>();
  const ranges: { from: number; to: number; mark: Mark }[] = [];
  nodes.forEach((node, c) => {
    if (node.kind !== 'delim') return;
    const closer = node;
    if (closer.canClose) {
      const key = `${closer.ch}${closer.length % 3}${closer.canOpen ? 1 : 0}`;
      while (closer.count > 0) {
        const bottom = Math.min(floor.get(key) ?? 0, stack.length);
        let found = -1;
        for (let p = stack.length - 1; p >= bottom; p--) {
          const opener = nodes[stack[p]!] as Delim;
          if (opener.ch !== closer.ch) continue;
          const eitherBoth = (opener.canOpen && opener.canClose) || (closer.canOpen && closer.canClose);
          if (eitherBoth && (opener.length + closer.length) % 3 === 0 && !(opener.length % 3 === 0 && closer.length % 3 === 0)) {
            continue;
          }
          found = p;
          break;
        }
        if (found < 0) {
          floor.set(key, stack.length);
          break;
        }
        const o = stack[found]!;
        const opener = nodes[o] as Delim;
        const use = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
        ranges.push({ from: o + 1, to: c, mark: use === 2 ? 'bold' : 'italic' });
        opener.count -= use;
        closer.count -= use;
        // Delimiters between the two are text now; an exhausted opener leaves the stack too.
        stack.length = opener.count > 0 ? found + 1 : found;
      }
    }
    if (closer.canOpen && closer.count > 0) stack.push(c);
  });
  // Marks from the ranges by difference arrays: a node inside any italic range is italic, etc.
  for (const mark of ['italic', 'bold'] as const) {
    const delta = new Int32Array(nodes.length + 1);
    for (const r of ranges) {
      if (r.mark !== mark) continue;
      delta[r.from]!++;
      delta[r.to]!--;
    }
    let depth = 0;
    nodes.forEach((n, k) => {
      depth += delta[k]!;
      if (depth > 0) n.marks.add(mark);
    });
  }
}

/** Parses one block's inline source. */
export function parseInline(src: string, opts: InlineOptions = {}): Piece[] {
  const nodes: Node[] = [];
  tokenize(src, opts, nodes);
  processEmphasis(nodes);
  const out: Piece[] = [];
  const pushText = (text: string, marks: Set<Mark>): void => {
    if (!text) return;
    const sorted = [...marks].sort();
    const last = out[out.length - 1];
    if (last && last.type === 'text' && last.marks.join() === sorted.join()) last.text += text;
    else out.push({ type: 'text', text, marks: sorted });
  };
  for (const n of nodes) {
    if (n.kind === 'text') pushText(n.text, n.marks);
    else if (n.kind === 'marker') {
      out.push({ type: 'marker', label: n.label, form: n.form, literal: n.literal, marks: [...n.marks].sort() });
    } else if (n.kind === 'delim' && n.count > 0) {
      const literal = n.ch.repeat(n.count);
      // A lone `*` after a word and before a space or the end may be a note marker.
      if (n.ch === '*' && n.count === n.length && n.count <= 3 && !WS.test(n.prev) && (WS.test(n.next) || /[.,;:)\]]/.test(n.next) || n === nodes[nodes.length - 1])) {
        out.push({ type: 'marker', label: literal, form: 'symbol', literal, tentative: true, marks: [...n.marks].sort() });
      } else {
        pushText(literal, n.marks);
      }
    }
  }
  return out;
}

/** The plain text of pieces, markers left out (or printed literally when `withMarkers`). */
export function piecesText(pieces: Piece[], withMarkers = false): string {
  let s = '';
  for (const p of pieces) s += p.type === 'text' ? p.text : withMarkers ? p.literal : '';
  return s;
}

const LETTER = /\p{L}/u;

/** Every letter of the block is italic (a caption), e.g. `*Name*` with a line of dates under it. */
export function isWhollyItalic(src: string): boolean {
  if (!/^\s*(?:\*(?!\*)|_)/.test(src)) return false;
  let letters = false;
  for (const p of parseInline(src)) {
    if (p.type !== 'text' || !LETTER.test(p.text)) continue;
    if (!p.marks.includes('italic')) return false;
    letters = true;
  }
  return letters;
}
