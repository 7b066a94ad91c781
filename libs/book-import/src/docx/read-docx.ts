import { randomUUID } from 'node:crypto';
import type { DocumentKind, InlineContent, InlineNode, Mark, SegmentKind } from '#libs/content';
import { canonicalContent } from '../content.js';
import { partOf } from '../documents.js';
import { BookImportError } from '../errors.js';
import { buildReport } from '../report.js';
import { segmentLanguage } from '../script.js';
import { DEFAULT_MAX_BYTES, type BookDocument, type BookFootnote, type BookSegment, type ParsedBook, type ParseOptions } from '../types.js';
import { attr, childrenOf, findAll, firstChild, isOn, readDocxParts, tagOf, xmlText, type XmlNode } from './ooxml.js';
import { plainText } from '#libs/content';

/**
 * A Word manuscript → the book. Paragraph styles decide the kinds: Title (the book's title), Heading 1–6
 * (or an outline level; the top level used opens documents, named parts such as Introduction or
 * Bibliography get their kind), Quote/Intense Quote/Block Text (quotations), list styles or numbering
 * (list items), Caption; tables become table segments (cells by TABs, rows by line breaks). Italic and
 * bold runs keep their marks. Word's own footnotes and endnotes become linked footnotes of the
 * document their reference stands in: footnotes labelled 1, 2, 3 … through the book, endnotes i, ii,
 * iii … (Word's default numbering), each body paragraph a note segment. Deleted text (tracked changes)
 * is left out, inserted text kept.
 */
type ParagraphRole = { kind: SegmentKind; level?: number } | { kind: 'title' };

interface StyleInfo {
  name: string;
  basedOn?: string;
  outline?: number;
}

const QUOTE_STYLE = /^(?:quote|intense quote|block text|block quotation|zitat|intensives zitat|цитата|выделенная цитата)$/;
const LIST_STYLE = /^(?:list paragraph|list bullet(?: \d)?|list number(?: \d)?|list continue(?: \d)?|list(?: \d)?|listenabsatz|aufzählungszeichen(?: \d)?|абзац списка|маркированный список(?: \d)?)$/;
const CAPTION_STYLE = /^(?:caption|beschriftung|название объекта)$/;
const HEADING_STYLE = /^(?:heading|überschrift|заголовок)\s*([1-6])$/;
const TITLE_STYLE = /^(?:title|titel|название)$/;

function readStyles(styles: XmlNode[]): Map<string, StyleInfo> {
  const out = new Map<string, StyleInfo>();
  for (const s of findAll(styles, 'w:style')) {
    const id = attr(s, 'w:styleId');
    if (!id) continue;
    const name = (attr(firstChild(s, 'w:name') ?? {}, 'w:val') ?? id).toLowerCase();
    const basedOn = attr(firstChild(s, 'w:basedOn') ?? {}, 'w:val');
    const pPr = firstChild(s, 'w:pPr');
    const outlineNode = pPr ? firstChild(pPr, 'w:outlineLvl') : undefined;
    const outline = outlineNode ? Number(attr(outlineNode, 'w:val')) : undefined;
    out.set(id, { name, basedOn, outline: Number.isFinite(outline) ? outline : undefined });
  }
  return out;
}

function roleOf(styleId: string | undefined, pPr: XmlNode | undefined, styles: Map<string, StyleInfo>): ParagraphRole {
  const outlineNode = pPr ? firstChild(pPr, 'w:outlineLvl') : undefined;
  const numbered = pPr ? firstChild(pPr, 'w:numPr') !== undefined : false;
  // The style and the styles it is based on, nearest first.
  let id = styleId;
  for (let depth = 0; id && depth < 10; depth++) {
    const style = styles.get(id);
    const name = style?.name ?? id.toLowerCase();
    const key = name.replace(/^heading(\d)$/, 'heading $1');
    if (TITLE_STYLE.test(key)) return { kind: 'title' };
    const h = HEADING_STYLE.exec(key);
    if (h) return { kind: 'heading', level: Number(h[1]) };
    if (QUOTE_STYLE.test(key)) return { kind: 'blockQuote' };
    if (CAPTION_STYLE.test(key)) return { kind: 'caption' };
    if (LIST_STYLE.test(key)) return { kind: 'listItem' };
    if (style?.outline !== undefined && style.outline < 6) return { kind: 'heading', level: style.outline + 1 };
    id = style?.basedOn;
  }
  if (outlineNode) {
    const level = Number(attr(outlineNode, 'w:val'));
    if (level >= 0 && level < 6) return { kind: 'heading', level: level + 1 };
  }
  if (numbered) return { kind: 'listItem' };
  return { kind: 'paragraph' };
}

const ROMAN: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
export function lowerRoman(n: number): string {
  let out = '';
  let rest = n;
  for (const [v, s] of ROMAN) while (rest >= v) (out += s), (rest -= v);
  return out;
}

interface NoteRef {
  kind: 'footnote' | 'endnote';
  id: string;
}

/** The inline content of a paragraph (or table cell), with note references resolved by `refFor`. */
function inlineOf(p: XmlNode, refFor: (ref: NoteRef) => string | null, styles: Map<string, StyleInfo>): InlineContent {
  const nodes: InlineNode[] = [];
  const text = (s: string, marks: Mark[]): void => {
    if (s) nodes.push(marks.length ? { type: 'text', text: s, marks: [...marks] } : { type: 'text', text: s });
  };
  const walk = (children: XmlNode[]): void => {
    for (const c of children) {
      const tag = tagOf(c);
      if (tag === 'w:r') run(c);
      else if (tag === 'w:del' || tag === 'w:pPr' || tag === 'w:moveFrom') continue;
      else if (tag !== '#text') walk(childrenOf(c));
    }
  };
  const run = (r: XmlNode): void => {
    const rPr = firstChild(r, 'w:rPr');
    const rStyle = rPr ? attr(firstChild(rPr, 'w:rStyle') ?? {}, 'w:val') : undefined;
    const styleName = rStyle ? (styles.get(rStyle)?.name ?? rStyle.toLowerCase()) : '';
    const marks: Mark[] = [];
    if (isOn(rPr, 'w:b') || styleName === 'strong') marks.push('bold');
    if (isOn(rPr, 'w:i') || styleName === 'emphasis') marks.push('italic');
    marks.sort();
    for (const c of childrenOf(r)) {
      switch (tagOf(c)) {
        case 'w:t':
          text(childrenOf(c).map(xmlText).join(''), marks);
          break;
        case 'w:tab':
          text(' ', []);
          break;
        case 'w:br':
        case 'w:cr':
          text('\n', []);
          break;
        case 'w:noBreakHyphen':
          text('\u2011', marks);
          break;
        case 'w:footnoteReference':
        case 'w:endnoteReference': {
          const id = refFor({ kind: tagOf(c) === 'w:footnoteReference' ? 'footnote' : 'endnote', id: attr(c, 'w:id') ?? '' });
          if (id) nodes.push({ type: 'footnoteRef', footnoteId: id });
          break;
        }
        default:
          break;
      }
    }
  };
  walk(childrenOf(p));
  return canonicalContent(nodes);
}

/** Note bodies by Word id: the paragraphs of each real note (separators skipped). */
function noteBodies(part: XmlNode[], tag: 'w:footnote' | 'w:endnote'): Map<string, XmlNode[]> {
  const out = new Map<string, XmlNode[]>();
  for (const n of findAll(part, tag)) {
    const type = attr(n, 'w:type');
    if (type && type !== 'normal') continue;
    out.set(attr(n, 'w:id') ?? '', findAll(childrenOf(n), 'w:p'));
  }
  return out;
}

export async function parseDocx(bytes: Uint8Array, opts: ParseOptions): Promise<ParsedBook> {
  const newId = opts.newId ?? randomUUID;
  const language = opts.language;
  // The XML of a part is several times the size of its text; four times the text limit is generous.
  const parts = await readDocxParts(bytes, 4 * (opts.maxBytes ?? DEFAULT_MAX_BYTES));
  const styles = readStyles(parts.styles);
  const footnoteBodies = noteBodies(parts.footnotes, 'w:footnote');
  const endnoteBodies = noteBodies(parts.endnotes, 'w:endnote');
  const body = findAll(parts.document, 'w:body')[0];
  if (!body) throw new BookImportError('INVALID_DOCX', 'word/document.xml has no body.', { reason: 'body' });

  // Block-level content in order: paragraphs and tables (also inside content controls).
  const blocks: XmlNode[] = [];
  const collect = (nodes: XmlNode[]): void => {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === 'w:p' || tag === 'w:tbl') blocks.push(n);
      else if (tag === 'w:sdt' || tag === 'w:sdtContent' || tag === 'w:customXml') collect(childrenOf(n));
    }
  };
  collect(childrenOf(body));

  const roles = blocks.map((b) => {
    if (tagOf(b) === 'w:tbl') return { kind: 'table' } as ParagraphRole;
    const pPr = firstChild(b, 'w:pPr');
    return roleOf(pPr ? attr(firstChild(pPr, 'w:pStyle') ?? {}, 'w:val') : undefined, pPr, styles);
  });
  const headingLevels = roles.flatMap((r) => (r.kind === 'heading' ? [r.level ?? 1] : []));
  const top = headingLevels.length ? Math.min(...headingLevels) : 1;

  const documents: BookDocument[] = [];
  let bookTitle: string | null = null;
  let doc: BookDocument | null = null;
  let footnoteNo = 0;
  let endnoteNo = 0;
  let seenChapter = false;
  const open = (kind: DocumentKind, title: string): BookDocument => {
    doc = { id: newId(), kind, title, segments: [], footnotes: [] };
    documents.push(doc);
    return doc;
  };
  const current = (): BookDocument => doc ?? open('frontMatter', bookTitle ?? 'Front Matter');
  const bodySegments = (paragraphs: XmlNode[], owner: BookDocument): BookSegment[] =>
    paragraphs.flatMap((p) => {
      const content = inlineOf(p, (ref) => noteRef(ref, owner), styles);
      return content.length ? [{ id: newId(), kind: 'noteBody' as const, language: segmentLanguage(plainText(content), language), content, pages: [] }] : [];
    });
  const noteRef = (ref: NoteRef, owner: BookDocument): string => {
    const bodies = ref.kind === 'footnote' ? footnoteBodies : endnoteBodies;
    const label = ref.kind === 'footnote' ? String(++footnoteNo) : lowerRoman(++endnoteNo);
    const footnote: BookFootnote = { id: newId(), label, body: [] };
    owner.footnotes.push(footnote);
    footnote.body = bodySegments(bodies.get(ref.id) ?? [], owner);
    return footnote.id;
  };

  blocks.forEach((b, i) => {
    const role = roles[i]!;
    if (role.kind === 'table') {
      const owner = current();
      const rows = findAll(childrenOf(b), 'w:tr').map((tr) =>
        findAll(childrenOf(tr), 'w:tc').map((tc) => {
          const cell = findAll(childrenOf(tc), 'w:p').map((p) => inlineOf(p, (ref) => noteRef(ref, owner), styles));
          return cell.flatMap((c, k) => (k > 0 ? [{ type: 'text' as const, text: ' ' }, ...c] : c));
        }),
      );
      const content = canonicalContent(
        rows.flatMap((row, r) => [...(r > 0 ? [{ type: 'text' as const, text: '\n' }] : []), ...row.flatMap((cell, c) => [...(c > 0 ? [{ type: 'text' as const, text: '\t' }] : []), ...cell])]),
      );
      if (content.length) owner.segments.push({ id: newId(), kind: 'table', language: segmentLanguage(plainText(content), language), content, pages: [] });
      return;
    }
    // The document a heading opens is known before its references are numbered into it.
    if (role.kind === 'title' || (role.kind === 'heading' && (role.level ?? 1) === top)) {
      const title = plainText(inlineOf(b, () => null, styles)).replace(/\s+/g, ' ').trim();
      if (title === '') return;
      if (role.kind === 'title') {
        bookTitle ??= title;
        if (!doc) open('frontMatter', title);
      } else {
        const part = partOf(title);
        const kind: DocumentKind =
          part === null || part === 'chapter' ? 'chapter' : part === 'frontSection' || part === 'summary' || part === 'notes' ? (seenChapter ? 'backMatter' : 'frontMatter') : part;
        if (kind === 'chapter') seenChapter = true;
        open(kind, title);
      }
    }
    const owner = current();
    const content = inlineOf(b, (ref) => noteRef(ref, owner), styles);
    if (content.length === 0) return;
    const segment: BookSegment = {
      id: newId(),
      kind: role.kind === 'title' ? 'heading' : (role.kind as SegmentKind),
      language: segmentLanguage(plainText(content), language),
      content,
      pages: [],
    };
    if (segment.kind === 'heading') {
      segment.level = role.kind === 'title' || owner.segments.length === 0 ? 1 : Math.min(6, Math.max(2, 1 + ((role as { level?: number }).level ?? 1) - top));
    }
    owner.segments.push(segment);
  });

  if (!documents.some((d) => d.segments.some((s) => s.kind !== 'heading'))) {
    throw new BookImportError('NO_CONTENT', 'The Word document has no text.', {});
  }
  documents.forEach((_, i) => opts.onProgress?.(i + 1, documents.length));
  return { language, title: bookTitle, documents, report: buildReport(documents, []) };
}
