import type { SegmentKind } from '#libs/content';
import { lineBrokenText, type Block } from './blocks.js';
import type { DocumentPlan } from './documents.js';
import { isWhollyItalic, parseInline, piecesText, type Piece } from './inline.js';
import type { NoteDetection } from './note-detection.js';
import { dominantScript, hasLetters, isForeign, languageOf, segmentLanguage, type Script } from './script.js';
import { minOf, pushAll } from './arrays.js';

/**
 * A document's blocks → segments-to-be in reading order, each with its kind and language (before page
 * joins and footnote linking). The rules, for chapters and front/back matter:
 * - text mostly in another script than the document's (OCR of a facsimile, its headings and tables too)
 *   is a `figure` in that language; text without letters next to a figure (`1 9 2 8`) belongs to it; a
 *   figure keeps its line breaks (a letter, a list, a letterhead as printed), prose does not;
 * - a paragraph whose letters are all italic is a `caption`, so is plain text right after a figure when it
 *   is short, and any paragraph that follows a facsimile after a chapter's end notes;
 * - list items on consecutive lines are `listItem`s, so is a lone item between blank lines; two or more
 *   such `- …` lines next to each other are dialogue, each kept as a paragraph with its dash;
 * - `>` quotations are `blockQuote`s, pipe/TAB/HTML tables `table`s (cells TAB-separated, rows on lines).
 * Contents, bibliography, index, glossary and biographies are lists of entries (`listItem`).
 */
export interface FlowItem {
  kind: SegmentKind;
  level?: number;
  language: string;
  pieces: Piece[];
  /** Index of the (first) source block in the document; -1 for the document's own heading. */
  index: number;
  pages: string[];
  /** A scene separator (`*`, `* * *`) or a dialogue line: never part of a page-split paragraph. */
  standalone?: boolean;
  /** Made of two or more page-split fragments (its language is decided again). */
  joined?: boolean;
}

const ENTRY_DOCUMENTS = new Set(['contents', 'bibliography', 'index', 'glossary', 'biographies']);

const tableText = (rows: string[][]): string => rows.map((r) => r.join('\t')).join('\n');

function tablePieces(rows: string[][]): Piece[] {
  const out: Piece[] = [];
  rows.forEach((row, r) => {
    if (r > 0) out.push({ type: 'text', text: '\n', marks: [] });
    row.forEach((cell, c) => {
      if (c > 0) out.push({ type: 'text', text: '\t', marks: [] });
      pushAll(out, parseInline(cell));
    });
  });
  return out;
}

export interface FlowContext {
  bookLanguage: string;
}

/** Section heading levels: the document's own heading is 1, headings under it 2–6. */
function levelMapper(doc: DocumentPlan): (level: number) => number {
  if (doc.heading) {
    const base = doc.heading.level ?? 1;
    return (level) => 1 + Math.min(5, Math.max(1, level - base));
  }
  const levels = doc.blocks.filter((b) => b.type === 'heading').map((b) => b.level ?? 1);
  const min = minOf(levels, 1);
  return (level) => Math.min(6, 1 + level - min);
}

export function buildFlow(doc: DocumentPlan, notes: NoteDetection, ctx: FlowContext): FlowItem[] {
  const items = ENTRY_DOCUMENTS.has(doc.kind) ? entryItems(doc, notes, ctx) : textItems(doc, notes, ctx);
  if (doc.heading) {
    const pieces = parseInline(doc.heading.text);
    items.unshift({
      kind: 'heading',
      level: 1,
      language: segmentLanguage(piecesText(pieces), ctx.bookLanguage, doc.language),
      pieces,
      index: -1,
      pages: [],
    });
  }
  return items.filter((item) => item.pieces.some((p) => p.type === 'marker' || p.text.trim() !== ''));
}

function textItems(doc: DocumentPlan, notes: NoteDetection, ctx: FlowContext): FlowItem[] {
  const level = levelMapper(doc);
  const items: FlowItem[] = [];
  const lang = (text: string): string => segmentLanguage(text, ctx.bookLanguage, doc.language);
  const blocks = doc.blocks;
  const isListLine = (b: Block | undefined): boolean => b?.type === 'listItem' && b.text !== '';
  const isTight = (k: number): boolean =>
    (blocks[k]!.blankBefore === 0 && isListLine(blocks[k - 1])) || (blocks[k + 1]?.blankBefore === 0 && isListLine(blocks[k + 1]));
  /** A `- …` line with blank lines around it (and not a note). */
  const isLoneDash = (k: number): boolean =>
    k >= 0 && k < blocks.length && blocks[k]!.listMarker === '-' && isListLine(blocks[k]) && !notes.consumed.has(k) && !isTight(k);
  const blockText = (b: Block): string => (b.type === 'table' ? tableText(b.rows ?? []) : b.text);
  // Each block's script, counted once (the neighbours' are looked at again).
  const scripts = new Map<Block, Script>();
  const scriptOf = (b: Block): Script => {
    let script = scripts.get(b);
    if (script === undefined) scripts.set(b, (script = dominantScript(blockText(b))));
    return script;
  };
  const foreignBlock = (b: Block): boolean => isForeign(scriptOf(b), doc.language);
  const visible = blocks.map((b, k) => !notes.consumed.has(k) && b.type !== 'rule' && !(b.type === 'listItem' && b.text === ''));
  const neighbour = (k: number, step: number): Block | undefined => {
    for (let j = k + step; j >= 0 && j < blocks.length; j += step) if (visible[j]) return blocks[j];
    return undefined;
  };
  const facsimileLike = (b: Block | undefined): boolean =>
    b !== undefined &&
    !b.separator &&
    (foreignBlock(b) || scriptOf(b) === 'none' || (b.type === 'paragraph' && isWhollyItalic(b.text)));
  /**
   * Foreign-script text is a facsimile (`figure`) when it looks like one: a heading or table, lines kept
   * as printed, after the chapter's notes, or next to other facsimile text or a caption. A lone paragraph
   * in another language between paragraphs of the book's is just a paragraph in that language.
   */
  const isFigure = (b: Block, k: number): boolean =>
    b.type === 'heading' ||
    b.type === 'table' ||
    b.text.includes('\n') ||
    (notes.trailingFrom !== null && k >= notes.trailingFrom) ||
    facsimileLike(neighbour(k, -1)) ||
    facsimileLike(neighbour(k, 1));

  blocks.forEach((b, index) => {
    if (notes.consumed.has(index)) return;
    const add = (kind: SegmentKind, pieces: Piece[], extra: Partial<FlowItem> = {}): void => {
      const language = languageOf(scriptOf(b), b.text, ctx.bookLanguage, doc.language);
      items.push({ kind, language, pieces, index, pages: [], ...extra });
    };
    const foreign = (): boolean => foreignBlock(b);
    switch (b.type) {
      case 'rule':
        return;
      case 'heading': {
        const pieces = parseInline(b.text);
        if (foreign()) add('figure', pieces);
        else add('heading', pieces, { level: level(b.level ?? 1) });
        return;
      }
      case 'table': {
        const rows = b.rows ?? [];
        add(foreign() ? 'figure' : 'table', tablePieces(rows));
        return;
      }
      case 'quote': {
        add('blockQuote', parseInline(b.text));
        return;
      }
      case 'listItem': {
        if (b.text === '') return;
        const pieces = parseInline(b.text);
        if (foreign() && isFigure(b, index)) add('figure', pieces);
        // Loose dash lines one after another are an exchange of dialogue; a lone one is a one-item list.
        else if (isLoneDash(index) && (isLoneDash(index - 1) || isLoneDash(index + 1))) {
          add('paragraph', [{ type: 'text', text: `${b.listMarker} `, marks: [] }, ...pieces], { standalone: true });
        } else add('listItem', pieces);
        return;
      }
      case 'paragraph': {
        const pieces = parseInline(b.text);
        if (b.separator) add('paragraph', [{ type: 'text', text: b.text, marks: [] }], { standalone: true });
        else if (foreign() && isFigure(b, index)) add('figure', pieces);
        else if (isWhollyItalic(b.text)) add('caption', pieces);
        else add('paragraph', pieces);
        return;
      }
    }
  });
  attachToFigures(items, notes.trailingFrom, lang);
  // Only now is it known which items are facsimile text: those keep the lines of the source.
  for (const item of items) {
    const b = blocks[item.index];
    if (item.kind === 'figure' && !item.standalone && b && (b.type === 'paragraph' || b.type === 'listItem') && b.lines.length > 1) {
      item.pieces = parseInline(lineBrokenText(b));
    }
  }
  return items;
}

/** Numbers and stray Latin lines inside a facsimile, and the plain captions under one. */
function attachToFigures(items: FlowItem[], trailingFrom: number | null, lang: (text: string) => string): void {
  const isFigure = (i: number): boolean => items[i]?.kind === 'figure';
  const neutral = (item: FlowItem): boolean =>
    (item.kind === 'paragraph' || item.kind === 'table') && !item.standalone && !hasLetters(piecesText(item.pieces));
  // Forward then backward, so that a run of such lines joins the facsimile on either side.
  const absorb = (i: number, from: number): void => {
    const item = items[i]!;
    if (item.kind !== 'figure' && neutral(item) && isFigure(from)) {
      item.kind = 'figure';
      item.language = items[from]!.language;
    }
  };
  for (let i = 1; i < items.length; i++) absorb(i, i - 1);
  for (let i = items.length - 2; i >= 0; i--) absorb(i, i + 1);
  items.forEach((item, i) => {
    if (item.kind !== 'paragraph' || item.pieces.some((p) => p.type === 'marker')) return;
    const text = piecesText(item.pieces);
    if (isFigure(i - 1) && isFigure(i + 1) && text.length <= 200) {
      item.kind = 'figure';
      item.language = lang(text);
    }
  });
  let sawFigure = false;
  items.forEach((item, i) => {
    if (item.kind === 'figure') sawFigure = sawFigure || (trailingFrom !== null && item.index >= trailingFrom);
    if (item.kind !== 'paragraph' || item.standalone || item.pieces.some((p) => p.type === 'marker')) return;
    const text = piecesText(item.pieces);
    // Right under a facsimile of two or more parts, a short line is its caption.
    const afterFigure = isFigure(i - 1) && isFigure(i - 2) && text.length <= 160 && !/:\s*$/.test(text);
    const trailing = trailingFrom !== null && item.index >= trailingFrom && sawFigure;
    if (afterFigure || trailing) item.kind = 'caption';
  });
}

const TERMINAL = /[.?!:”"’'…»)\]]$/;
const SURNAME_ENTRY = /^(?:[-*+]\s+)?[A-ZА-ЯЁ][A-ZА-ЯЁ'’\-]+(?:[ -][A-ZА-ЯЁ'’\-]+)*\s*[,(\[]/;

/** Entries of a contents, bibliography, index, glossary or biographies document. */
function entryItems(doc: DocumentPlan, notes: NoteDetection, ctx: FlowContext): FlowItem[] {
  const level = levelMapper(doc);
  const items: FlowItem[] = [];
  const lang = (text: string): string => segmentLanguage(text, ctx.bookLanguage, doc.language);
  const entry = (source: string, index: number): FlowItem => {
    const pieces = parseInline(source);
    return { kind: 'listItem', language: lang(piecesText(pieces)), pieces, index, pages: [] };
  };
  const append = (item: FlowItem, source: string): void => {
    item.pieces.push({ type: 'text', text: ' ', marks: [] });
    pushAll(item.pieces, parseInline(source));
    item.language = lang(piecesText(item.pieces));
  };
  let last: FlowItem | null = null;
  let previousLine = '';
  doc.blocks.forEach((b, index) => {
    if (notes.consumed.has(index) || b.type === 'rule' || (b.type === 'listItem' && b.text === '')) return;
    if (b.type === 'heading') {
      const pieces = parseInline(b.text);
      items.push({ kind: 'heading', level: level(b.level ?? 1), language: lang(piecesText(pieces)), pieces, index, pages: [] });
      last = null;
      return;
    }
    if (doc.kind === 'contents' || doc.kind === 'index') {
      // One entry per line; a wrapped line (a page list, a TOC title without its page) continues the entry.
      const lines = b.type === 'listItem' ? [b.text] : b.lines.filter((l) => l.trim() !== '');
      for (const raw of lines) {
        const line = raw.trim();
        const continues =
          last !== null && (doc.kind === 'index' ? /^[\d–-]/.test(line) : /\S\t+\s*$/.test(previousLine));
        if (continues) append(last!, line);
        else items.push((last = entry(line, index)));
        previousLine = raw;
      }
      return;
    }
    if (b.type === 'table') {
      const pieces = tablePieces(b.rows ?? []);
      items.push({ kind: 'table', language: lang(piecesText(pieces)), pieces, index, pages: [] });
      last = null;
      return;
    }
    const source = b.text;
    const plainPrev = last ? piecesText(last.pieces).trim() : '';
    const continues =
      last !== null &&
      b.type === 'paragraph' &&
      (doc.kind === 'biographies'
        ? !SURNAME_ENTRY.test(source)
        : /^[\p{Ll}\d]/u.test(source) && !TERMINAL.test(plainPrev));
    if (continues) append(last!, source);
    else items.push((last = entry(source, index)));
  });
  return items;
}
