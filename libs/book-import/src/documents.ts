import type { DocumentKind } from '#libs/content';
import type { Block } from './blocks.js';
import { parseInline, piecesText } from './inline.js';
import { isForeignScript, languageOfText } from './script.js';
import { minOf } from './arrays.js';

/**
 * Chapters and the parts around them. A heading opens a document when it is
 * - a numbered chapter title (`4. …`, `Chapter 4 …`) whose number is the next chapter number, whatever its
 *   `#` level (converted books use levels inconsistently);
 * - a title that names a part of the book: Introduction/Conclusion (chapters), Foreword/Preface/… (front
 *   matter), Contents, Bibliography, Index, Glossary, Biographical notes, Summary/Appendix (back matter);
 * - any heading no deeper than the current back-matter document's own heading.
 * Headings in another script than the book's (the OCR text of a facsimile) never open a document, unless
 * the table of contents lists them or they title a summary in that language (`Резюме`).
 * Everything before the first such heading is front matter. Other headings are sections.
 */
export interface DocumentPlan {
  kind: DocumentKind;
  title: string;
  /** The document's language: the book's, or the script's for e.g. a Russian summary. */
  language: string;
  /** The heading that opened the document (its first segment), if any. */
  heading: Block | null;
  blocks: Block[];
}

export interface TocEntry {
  text: string;
  key: string;
  page?: number;
}

/** Letters and digits only, lower case: how titles from the TOC and from headings are compared. */
export const titleKey = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** A heading's plain text: markers dropped, emphasis and escapes resolved, whitespace collapsed. */
export function headingTitle(block: Block): string {
  return piecesText(parseInline(block.text)).replace(/\s+/g, ' ').trim();
}

type PartKind = DocumentKind | 'frontSection' | 'summary';

const PARTS: { kind: PartKind; re: RegExp }[] = [
  { kind: 'contents', re: /^(?:table of )?contents?$|^(?:содержание|оглавление|inhalt|inhaltsverzeichnis)$/ },
  {
    kind: 'chapter',
    re: /^(?:introduction|conclusions?|concluding remarks|epilogue|prologue|afterword|postscript|введение|заключение|послесловие|эпилог|пролог|einleitung|einführung|schluss\w*|nachwort|epilog|prolog)\b|\bin conclusion$/,
  },
  {
    kind: 'frontSection',
    re: /^(?:foreword|preface|acknowledge?ments?|dedication|notes? (?:from|of|by) the (?:translator|editor)s?|(?:translator|editor)s?['’]? (?:note|preface|introduction)s?|a note on |предисловие|от переводчика|от редакции|от автора|vorwort|geleitwort|danksagung)/,
  },
  {
    kind: 'bibliography',
    re: /^(?:select(?:ed)? )?(?:bibliography|references|works cited|sources(?: and literature)?|literature(?: cited)?|further reading)\b|^(?:библиография|список литературы|литература|источники|literaturverzeichnis|bibliographie|quellen)/,
  },
  {
    kind: 'index',
    re: /^(?:(?:name|subject|general) )?index(?:es)?(?: of \w+)?$|^(?:указатель|именной указатель|предметный указатель|register|personenregister|namensregister|sachregister)/,
  },
  {
    kind: 'glossary',
    re: /^(?:glossary|list of abbreviations|abbreviations)\b|^(?:глоссарий|список сокращений|сокращения|glossar|abkürzungen|abkürzungsverzeichnis)/,
  },
  { kind: 'biographies', re: /biographical|^biographies|биографическ|^biographische|^personenverzeichnis/ },
  { kind: 'summary', re: /^(?:summary|résumé|резюме|аннотация|zusammenfassung|abstract)$/ },
  {
    kind: 'backMatter',
    re: /^(?:appendix|appendices|приложени|anhang|chronology|хронология|chronologie|about the author|list of illustrations|illustrations)/,
  },
];

function partOf(title: string): PartKind | null {
  const t = title.toLowerCase().replace(/[.:;,\s]+$/, '').trim();
  for (const { kind, re } of PARTS) if (re.test(t)) return kind;
  return null;
}

const ROMAN = /^[ivxlc]+$/i;
function romanValue(s: string): number {
  const v: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
  let total = 0;
  const chars = s.toLowerCase();
  for (let i = 0; i < chars.length; i++) {
    const cur = v[chars[i]!] ?? 0;
    const next = v[chars[i + 1] ?? ''] ?? 0;
    total += cur < next ? -cur : cur;
  }
  return total;
}

/** The chapter number a title starts with (`4. …`, `IV. …`, `Chapter 4 …`, `Глава 4`), or null. */
export function chapterNumber(title: string): number | null {
  let m = /^(?:chapter|ch\.|глава|kapitel)\s+(\d{1,3}|[ivxlc]+)\b/i.exec(title);
  if (m) return ROMAN.test(m[1]!) ? romanValue(m[1]!) : Number(m[1]);
  m = /^(\d{1,3})[.)]\s+\S/.exec(title);
  if (m) return Number(m[1]);
  m = /^([IVXLC]{1,7})\.\s+\S/.exec(title);
  if (m) return romanValue(m[1]!);
  return null;
}

const FRONT_MATTER_LINE =
  /©|\bcopyright\b|all rights reserved|\bisbn\b|\bissn\b|printed in|published by|library of congress|cataloging|\bdoi\b|\blccn\b/i;

/** A paragraph that reads like the body of a book rather than a title page or imprint. */
function isProse(block: Block): boolean {
  if (block.type !== 'paragraph' && block.type !== 'quote') return false;
  if (FRONT_MATTER_LINE.test(block.text)) return false;
  return block.text.split(/\s+/).length >= 25;
}

/** The table of contents: its lines, wrapped entries (no page number yet) joined to the next line. */
export function tocEntries(blocks: Block[]): TocEntry[] {
  const entries: TocEntry[] = [];
  let pending = '';
  for (const block of blocks) {
    if (block.type === 'heading' || block.type === 'rule') continue;
    const lines =
      block.type === 'listItem' ? [`${block.listMarker} ${block.text}`] : block.lines.map((l) => l.trim()).filter(Boolean);
    for (const line of lines) {
      const text = pending ? `${pending} ${line.trim()}` : line.trim();
      const m = /^(.*?)[\s.…·_]*?(?:\t+\s*|\s*\.{2,}\s*|\s+)(\d{1,4})$/.exec(text);
      if (m || !/\t\s*$/.test(line)) {
        pending = '';
        const title = (m ? m[1]! : text).replace(/[\s.…·]+$/, '');
        entries.push({ text, key: titleKey(title.replace(/^\d+\.\s*/, '')), page: m ? Number(m[2]) : undefined });
      } else {
        pending = text.replace(/\t+$/, '');
      }
    }
  }
  if (pending) entries.push({ text: pending, key: titleKey(pending) });
  return entries;
}

interface HeadingInfo {
  /** Block index. */
  index: number;
  title: string;
  part: PartKind | null;
  /** In another script than the book's. */
  foreign: boolean;
}

interface DocumentStart {
  index: number;
  kind: DocumentKind;
  title: string;
  language: string;
  /** The document starts at a paragraph, not at a heading. */
  headingless?: boolean;
}

export interface DocumentPlanResult {
  documents: DocumentPlan[];
  toc: TocEntry[];
  bookTitle: string | null;
}

export function planDocuments(blocks: Block[], bookLanguage: string): DocumentPlanResult {
  const headings: HeadingInfo[] = [];
  blocks.forEach((b, index) => {
    if (b.type !== 'heading') return;
    const title = headingTitle(b);
    headings.push({ index, title, part: partOf(title), foreign: isForeignScript(title, bookLanguage) });
  });

  // The table of contents is read first: it decides whether a heading in another script is a document.
  const tocHeading = headings.find((h) => h.part === 'contents' && !h.foreign);
  let toc: TocEntry[] = [];
  if (tocHeading) {
    const next = headings.find((h) => h.index > tocHeading.index);
    toc = tocEntries(blocks.slice(tocHeading.index + 1, next ? next.index : blocks.length));
  }
  const tocKeys = new Set(toc.map((e) => e.key).filter(Boolean));

  const starts: DocumentStart[] = [];
  let expectedChapter = 1;
  let seenChapter = false;
  let currentKind = 'frontMatter' as DocumentKind;
  let currentLevel = 0;
  for (const h of headings) {
    const level = blocks[h.index]!.level ?? 1;
    const open = (kind: DocumentKind, language = bookLanguage): void => {
      starts.push({ index: h.index, kind, title: h.title, language });
      currentKind = kind;
      currentLevel = level;
      if (kind === 'chapter') seenChapter = true;
    };
    if (h.title === '') continue;
    if (h.foreign) {
      if (h.part === 'summary' || tocKeys.has(titleKey(h.title.replace(/^\d+\.\s*/, '')))) {
        open(seenChapter ? 'backMatter' : 'frontMatter', languageOfText(h.title, bookLanguage));
      }
      continue;
    }
    const n = chapterNumber(h.title);
    if (n !== null && n === expectedChapter) {
      expectedChapter = n + 1;
      open('chapter');
      continue;
    }
    switch (h.part) {
      case 'chapter':
        open('chapter');
        continue;
      case 'contents':
      case 'bibliography':
      case 'index':
      case 'glossary':
      case 'biographies':
        open(h.part);
        continue;
      case 'frontSection':
      case 'summary':
      case 'backMatter':
        open(seenChapter ? 'backMatter' : 'frontMatter');
        continue;
      default:
        // An unnamed heading as high as a back-matter document's own opens the next one ("Dates of …").
        if (currentKind !== 'chapter' && currentKind !== 'frontMatter' && currentKind !== 'contents' && level <= currentLevel) {
          open('backMatter');
        }
    }
  }

  if (!starts.some((s) => s.kind === 'chapter')) fallbackChapters(blocks, headings, starts, bookLanguage);

  const documents: DocumentPlan[] = [];
  const firstStart = starts[0]?.index ?? blocks.length;
  if (firstStart > 0) {
    const front = blocks.slice(0, firstStart);
    const firstHeading = front.find((b) => b.type === 'heading');
    documents.push({
      kind: 'frontMatter',
      title: firstHeading ? headingTitle(firstHeading) : 'Front Matter',
      language: bookLanguage,
      heading: null,
      blocks: front,
    });
  }
  starts.forEach((s, i) => {
    const end = starts[i + 1]?.index ?? blocks.length;
    documents.push({
      kind: s.kind,
      title: s.title,
      language: s.language,
      heading: s.headingless ? null : blocks[s.index]!,
      blocks: blocks.slice(s.headingless ? s.index : s.index + 1, end),
    });
  });

  // The book's title is the first heading of its front matter, if it has one.
  const titleHeading = headings.find((h) => !h.foreign && h.title !== '' && h.index < firstStart);
  return { documents, toc, bookTitle: titleHeading?.title ?? null };
}

/**
 * A book without numbered chapters or an Introduction: the first real prose (not a title page or an
 * imprint) starts the first chapter, at the heading right before it; later headings of that level or
 * above start the others. Prose without any heading before it is one untitled chapter.
 */
function fallbackChapters(
  blocks: Block[],
  headings: HeadingInfo[],
  starts: DocumentStart[],
  bookLanguage: string,
): void {
  const firstProse = blocks.findIndex((b, i) => isProse(b) && !insideSpecial(i, starts));
  if (firstProse < 0) return;
  const special = new Set(starts.map((s) => s.index));
  const plain = headings.filter((h) => !h.foreign && h.part === null && h.title !== '' && !special.has(h.index));
  const levelOf = (h: { index: number }): number => blocks[h.index]!.level ?? 1;
  const first = plain.filter((h) => h.index < firstProse).pop();
  let top: number;
  if (first) {
    top = levelOf(first);
    starts.push({ index: first.index, kind: 'chapter', title: first.title, language: bookLanguage });
  } else {
    starts.push({ index: firstProse, kind: 'chapter', title: 'Untitled', language: bookLanguage, headingless: true });
    const later = plain.filter((h) => h.index > firstProse);
    top = minOf(later.map(levelOf), 0);
  }
  for (const h of plain) {
    if (h.index > firstProse && levelOf(h) <= top) {
      starts.push({ index: h.index, kind: 'chapter', title: h.title, language: bookLanguage });
    }
  }
  starts.sort((a, b) => a.index - b.index);
}

function insideSpecial(index: number, starts: { index: number; kind: DocumentKind }[]): boolean {
  let kind: DocumentKind | null = null;
  for (const s of starts) if (s.index <= index) kind = s.kind;
  return kind !== null && kind !== 'chapter' && kind !== 'frontMatter';
}
