import { isDocumentKind, isSegmentKind, type SegmentKind } from '#libs/content';
import { joinLines, splitPipeRow } from './blocks.js';
import { toContent } from './content.js';
import { BookImportError } from './errors.js';
import { decodeDirective, DIRECTIVE_PREFIX, EXPORT_HEADER } from './export-format.js';
import { parseInline, type MarkerPiece } from './inline.js';
import { buildReport } from './report.js';
import type { BookDocument, BookFootnote, BookSegment, ParsedBook, ParseOptions } from './types.js';

/**
 * Reads Interlinea's own Markdown export (see export-format.ts) strictly: every block is one segment,
 * kinds, languages and pages come from the directives, no heuristics (page joins, note detection,
 * chapter detection) apply. This is what makes export → import give back the same structure.
 */
export const isExport = (text: string): boolean => text.trimStart().startsWith(EXPORT_HEADER);

interface RawSegment {
  kind: SegmentKind;
  level?: number;
  lines: string[];
  directive: Record<string, unknown>;
  line: number;
}

interface RawDefinition {
  key: string;
  paragraphs: RawSegment[];
  directive: Record<string, unknown>;
}

interface RawDocument {
  kind: string;
  title: string;
  segments: RawSegment[];
  definitions: RawDefinition[];
  line: number;
}

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t]*$/;
const DEFINITION = /^\[\^([^\]\s]+)\]:[ \t]?(.*)$/;

/** The segment a lone `{"empty":true}` directive stands for. */
function emptySegment(directive: Record<string, unknown>, line: number): RawSegment {
  const kind = directive.kind ?? 'paragraph';
  if (!isSegmentKind(kind)) invalid(`unknown segment kind "${String(kind)}"`, line);
  const segment: RawSegment = { kind, lines: [], directive, line };
  if (typeof directive.level === 'number') segment.level = directive.level;
  return segment;
}

function invalid(message: string, line: number): never {
  throw new BookImportError('INVALID_EXPORT', `Not a valid Interlinea Markdown export: ${message} (line ${line}).`, { line });
}

export function readExport(text: string, opts: ParseOptions & { newId: () => string }): ParsedBook {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const header = decodeDirective(lines[i] ?? '', `${EXPORT_HEADER} `) ?? invalid('bad header', i + 1);
  const exportLanguage = typeof header.language === 'string' ? header.language : opts.language;
  const title = typeof header.title === 'string' ? header.title : null;
  i++;

  const docs: RawDocument[] = [];
  let pending: Record<string, unknown> = {};
  let doc: RawDocument | null = null;
  const need = (at: number): RawDocument => doc ?? invalid('content before the first document directive', at);

  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (line.startsWith(DIRECTIVE_PREFIX)) {
      const d = decodeDirective(line) ?? invalid('unreadable directive', i + 1);
      if (typeof d.document === 'string') {
        if (!isDocumentKind(d.document)) invalid(`unknown document kind "${d.document}"`, i + 1);
        doc = { kind: d.document, title: typeof d.title === 'string' ? d.title : '', segments: [], definitions: [], line: i + 1 };
        docs.push(doc);
      } else if (d.empty === true && !DEFINITION.test(lines[i + 1] ?? '')) {
        // A segment without text: the directive alone.
        need(i + 1).segments.push(emptySegment(d, i + 1));
        pending = {};
      } else pending = d;
      i++;
      continue;
    }
    const at = i + 1;
    let m: RegExpExecArray | null;
    if ((m = DEFINITION.exec(line))) {
      const def: RawDefinition = { key: m[1]!, paragraphs: [], directive: pending };
      pending = {};
      const first = [m[2]!];
      i++;
      while (i < lines.length && lines[i]!.startsWith('    ') && lines[i]!.trim() !== '') first.push(lines[i++]!.slice(4));
      if (first.join('').trim() !== '') def.paragraphs.push({ kind: 'noteBody', lines: first, directive: def.directive, line: at });
      else if (def.directive.empty === true) def.paragraphs.push(emptySegment(def.directive, at));
      // Further paragraphs: indented by four spaces after a blank line.
      for (;;) {
        let j = i;
        while (j < lines.length && lines[j]!.trim() === '') j++;
        if (j === i || j >= lines.length || !lines[j]!.startsWith('    ')) break;
        let directive: Record<string, unknown> = {};
        if (lines[j]!.trim().startsWith(DIRECTIVE_PREFIX)) {
          directive = decodeDirective(lines[j]!) ?? invalid('unreadable directive', j + 1);
          j++;
        }
        const para: string[] = [];
        const start = j + 1;
        while (j < lines.length && lines[j]!.startsWith('    ') && lines[j]!.trim() !== '') para.push(lines[j++]!.slice(4));
        def.paragraphs.push(para.length || directive.empty !== true ? { kind: 'noteBody', lines: para, directive, line: start } : emptySegment(directive, start));
        i = j;
      }
      need(at).definitions.push(def);
      continue;
    }
    const take = (kind: SegmentKind, body: string[], level?: number): void => {
      const segment: RawSegment = { kind, lines: body, directive: pending, line: at };
      if (level !== undefined) segment.level = level;
      need(at).segments.push(segment);
      pending = {};
    };
    if ((m = HEADING.exec(line))) {
      take('heading', [m[2]!], m[1]!.length);
      i++;
      continue;
    }
    if (line.startsWith('- ')) {
      const body = [line.slice(2)];
      i++;
      while (i < lines.length && lines[i]!.startsWith('  ') && lines[i]!.trim() !== '') body.push(lines[i++]!.slice(2));
      take('listItem', body);
      continue;
    }
    if (line.startsWith('>')) {
      const body: string[] = [];
      while (i < lines.length && lines[i]!.startsWith('>')) body.push(lines[i++]!.replace(/^> ?/, ''));
      take('blockQuote', body);
      continue;
    }
    if (line.startsWith('|')) {
      const body: string[] = [];
      while (i < lines.length && lines[i]!.startsWith('|')) body.push(lines[i++]!);
      take('table', body);
      continue;
    }
    const body: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !lines[i]!.startsWith(DIRECTIVE_PREFIX)) body.push(lines[i++]!);
    take('paragraph', body);
  }
  if (docs.length === 0) invalid('no document', 1);

  const documents = docs.map((raw) => buildDocument(raw, exportLanguage, opts.newId));
  documents.forEach((_, n) => opts.onProgress?.(n + 1, documents.length));
  return { language: opts.language, title, documents, report: buildReport(documents, []) };
}

function buildDocument(raw: RawDocument, language: string, newId: () => string): BookDocument {
  const id = newId();
  const byKey = new Map<string, BookFootnote>();
  const definitionOrder: BookFootnote[] = [];
  for (const def of raw.definitions) {
    const label = typeof def.directive.label === 'string' ? def.directive.label : def.key;
    const footnote: BookFootnote = { id: newId(), label, body: [] };
    if (!byKey.has(def.key)) byKey.set(def.key, footnote);
    definitionOrder.push(footnote);
  }
  const undefinedRefs = new Map<string, BookFootnote>();
  const firstRef = new Map<BookFootnote, number>();
  let refs = 0;
  let inNote = false;
  const refFor = (marker: MarkerPiece): string | null => {
    if (marker.form !== 'footnote') return null;
    let footnote = byKey.get(marker.label) ?? undefinedRefs.get(marker.label);
    if (!footnote) {
      footnote = { id: newId(), label: marker.label, body: [] };
      undefinedRefs.set(marker.label, footnote);
    }
    // As in the importer: the first reference in the text orders the footnotes.
    if (!inNote && !firstRef.has(footnote)) firstRef.set(footnote, refs);
    refs++;
    return footnote.id;
  };
  const segment = (s: RawSegment): BookSegment => {
    const kindValue = s.directive.kind ?? s.kind;
    if (!isSegmentKind(kindValue)) invalid(`unknown segment kind "${String(kindValue)}"`, s.line);
    const source = s.kind === 'table' ? tableSource(s.lines) : joinLines(s.lines);
    const out: BookSegment = {
      id: newId(),
      kind: kindValue,
      language: typeof s.directive.lang === 'string' ? s.directive.lang : language,
      content: toContent(parseInline(source, { exportFormat: true }), refFor),
      pages: Array.isArray(s.directive.pages) ? s.directive.pages.map(String) : [],
    };
    if (s.level !== undefined) out.level = s.level;
    return out;
  };
  const segments = raw.segments.map(segment);
  inNote = true;
  raw.definitions.forEach((def, n) => {
    definitionOrder[n]!.body = def.paragraphs.map(segment);
  });
  const all = [...definitionOrder, ...undefinedRefs.values()];
  const order = new Map(all.map((f, n) => [f, n]));
  all.sort((a, b) => {
    const ra = firstRef.get(a) ?? Infinity;
    const rb = firstRef.get(b) ?? Infinity;
    return ra !== rb ? ra - rb : order.get(a)! - order.get(b)!;
  });
  if (!isDocumentKind(raw.kind)) invalid(`unknown document kind "${raw.kind}"`, raw.line);
  return { id, kind: raw.kind, title: raw.title, segments, footnotes: all };
}

/** A pipe table back to its TAB/newline text form (the delimiter row dropped). */
function tableSource(lines: string[]): string {
  return lines
    .filter((l, n) => !(n === 1 && /^\|[\s|:-]*$/.test(l)))
    .map((l) => splitPipeRow(l).join('\t'))
    .join('\n');
}
