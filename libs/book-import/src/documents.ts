import type { DocumentKind } from '#libs/content';
import type { Block } from './blocks.js';
import { parseInline, piecesText } from './inline.js';
import { noteLabelOf } from './note-labels.js';
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
 *
 * A "Notes" heading (Endnotes, Anmerkungen, Примечания, …) after the text opens a notes section, a
 * back-matter document whose notes belong to the chapters: inside it, a heading that names a document
 * already seen ("Chapter 3", "Notes to Chapter 3", a chapter's title) or that note bodies follow is a
 * sub-heading of the section, whatever its level. A book that has a chapter after its "Notes" heading
 * prints notes under such a heading in each chapter instead: there the heading is a section as before.
 */
export interface DocumentPlan {
  kind: DocumentKind;
  title: string;
  /** The document's language: the book's, or the script's for e.g. a Russian summary. */
  language: string;
  /** The heading that opened the document (its first segment), if any. */
  heading: Block | null;
  blocks: Block[];
  /** A back-matter notes section ("Notes", "Endnotes"): its notes belong to the chapters it names. */
  notesSection?: boolean;
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

export type PartKind = DocumentKind | 'frontSection' | 'summary' | 'notes';

const PARTS: { kind: PartKind; re: RegExp }[] = [
  {
    kind: 'notes',
    re: /^(?:(?:end[- ]?)?notes|notes and (?:references|sources)|references and notes|anmerkungen|endnoten|примечания|комментарии|примечания и комментарии)$/,
  },
  { kind: 'contents', re: /^(?:table of )?contents?$|^(?:содержание|оглавление|inhalt|inhaltsverzeichnis)$/ },
  {
    kind: 'chapter',
    re: /^(?:introduction|conclusions?|concluding remarks|epilogue|prologue|afterword|postscript|введение|заключение|послесловие|эпилог|пролог|einleitung|einführung|schluss\w*|nachwort|epilog|prolog)(?![\p{L}\p{N}])|\bin conclusion$/u,
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

export function partOf(title: string): PartKind | null {
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
  // `7 THE LONG WINTER`, `7 The Long Winter`: a number and a title without a full stop between them.
  m = /^(\d{1,3})\s+\p{Lu}[^\d.!?;:]*$/u.exec(title);
  if (m && title.split(/\s+/).length <= 13) return Number(m[1]);
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
  notesSection?: boolean;
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

  let starts = planStarts(blocks, headings, tocKeys, bookLanguage, true);
  const firstNotes = starts.findIndex((s) => s.notesSection);
  if (firstNotes >= 0 && starts.slice(firstNotes).some((s) => s.kind === 'chapter')) {
    starts = planStarts(blocks, headings, tocKeys, bookLanguage, false);
  }

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
      ...(s.notesSection ? { notesSection: true } : {}),
    });
  });

  // The book's title is the first heading of its front matter, if it has one.
  const titleHeading = headings.find((h) => !h.foreign && h.title !== '' && h.index < firstStart);
  return { documents, toc, bookTitle: titleHeading?.title ?? null };
}

/** Parts that end a notes section: they are never one of its sub-headings. */
const NOT_IN_NOTES = new Set<PartKind>(['contents', 'bibliography', 'index', 'glossary', 'biographies', 'summary', 'backMatter', 'notes']);

/** Where documents start; with `notesSections`, a "Notes" heading opens a notes section (see above). */
function planStarts(
  blocks: Block[],
  headings: HeadingInfo[],
  tocKeys: Set<string>,
  bookLanguage: string,
  notesSections: boolean,
): DocumentStart[] {
  const starts: DocumentStart[] = [];
  const names = new DocumentNames();
  let expectedChapter = 1;
  let seenChapter = false;
  let currentKind = 'frontMatter' as DocumentKind;
  let currentLevel = 0;
  let inNotes = false;
  for (const h of headings) {
    const level = blocks[h.index]!.level ?? 1;
    const open = (kind: DocumentKind, language = bookLanguage, notesSection = false): void => {
      starts.push({ index: h.index, kind, title: h.title, language, ...(notesSection ? { notesSection } : {}) });
      currentKind = kind;
      currentLevel = level;
      inNotes = notesSection;
      if (kind === 'chapter') seenChapter = true;
      if (!notesSection) names.add(h.title, kind, starts.length - 1);
    };
    if (h.title === '') continue;
    if (h.foreign) {
      if (h.part === 'summary' || tocKeys.has(titleKey(h.title.replace(/^\d+\.\s*/, '')))) {
        open(seenChapter ? 'backMatter' : 'frontMatter', languageOfText(h.title, bookLanguage));
      }
      continue;
    }
    if (inNotes && !(h.part && NOT_IN_NOTES.has(h.part)) && (names.match(h.title) !== null || notesFollow(blocks, h.index, bookLanguage))) {
      continue;
    }
    const n = chapterNumber(h.title);
    if (n !== null && n === expectedChapter) {
      expectedChapter = n + 1;
      open('chapter');
      continue;
    }
    if (h.part === 'notes' && notesSections) {
      open('backMatter', bookLanguage, true);
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
  return starts;
}

/** Whether note bodies (a numbered or `[^x]:` label) come right after the heading at `index`. */
function notesFollow(blocks: Block[], index: number, bookLanguage: string): boolean {
  for (let k = index + 1; k < blocks.length; k++) {
    const b = blocks[k]!;
    if (b.type === 'rule' || (b.type === 'listItem' && b.text === '')) continue;
    const label = noteLabelOf(b, bookLanguage);
    return label !== null && (label.number !== undefined || label.form === 'markdown');
  }
  return false;
}

const NOTES_TO = /^(?:(?:end)?notes?|anmerkungen|примечания|комментарии)\s+(?:to|for|on|of|zu[mr]?|к|ко)\s+(?:the\s+)?/iu;
const CHAPTER_WORD = /^(?:chapter|ch\.|глав[аеуы]|kapitel|kap\.)\s*(\d{1,3}|[ivxlc]+)\b/iu;
/** "Chapter 3", "Глава 3", "3", "III": a chapter named by its number alone. */
const PLAIN_CHAPTER = /^(?:(?:chapter|ch\.|глав[аеуы]|kapitel|kap\.)\s*)?(?:\d{1,3}|[ivxlc]+)\.?$/iu;
const NUMBER_PREFIX = /^(?:(?:chapter|ch\.|глав[аеуы]|kapitel|kap\.)\s*(?:\d{1,3}|[ivxlc]+)\b[.:]?|\d{1,3}[.)]|[IVXLC]{1,7}\.)\s*/iu;

/** The chapter number a notes sub-heading names ("Chapter 3", "Главе 3", "3. Title", "III", "3"), or null. */
function namedNumber(title: string): number | null {
  const m = CHAPTER_WORD.exec(title) ?? /^(\d{1,3}|[IVXLC]{1,7})(?:[.)]\s|\.?$)/u.exec(title);
  if (!m) return null;
  return ROMAN.test(m[1]!) ? romanValue(m[1]!) : Number(m[1]);
}

/**
 * The documents of a book by their names, to tell which one a heading in a notes section names: by
 * chapter number, by title (with or without its number), or, for a plain "Chapter 3" in a book whose
 * chapters carry no numbers, by order among the chapters that are not named parts (Introduction, …).
 */
export class DocumentNames {
  private readonly byNumber = new Map<number, number>();
  private readonly byKey = new Map<string, number>();
  private readonly ordinary: number[] = [];

  add(title: string, kind: DocumentKind, id: number): void {
    if (kind !== 'chapter' && kind !== 'frontMatter' && kind !== 'backMatter') return;
    for (const key of [titleKey(title), titleKey(title.replace(NUMBER_PREFIX, ''))]) {
      if (key && !this.byKey.has(key)) this.byKey.set(key, id);
    }
    if (kind !== 'chapter') return;
    const n = chapterNumber(title);
    if (n !== null && !this.byNumber.has(n)) this.byNumber.set(n, id);
    if (n === null && partOf(title) !== 'chapter') this.ordinary.push(id);
  }

  /** The id of the document a notes sub-heading names, or null. */
  match(heading: string): number | null {
    const rest = heading.replace(NOTES_TO, '').trim();
    const n = namedNumber(rest);
    if (n !== null && this.byNumber.has(n)) return this.byNumber.get(n)!;
    const bare = titleKey(rest.replace(NUMBER_PREFIX, ''));
    const byTitle = this.byKey.get(titleKey(rest)) ?? (bare ? this.byKey.get(bare) : undefined);
    if (byTitle !== undefined) return byTitle;
    if (n !== null && PLAIN_CHAPTER.test(rest)) return this.ordinary[n - 1] ?? null;
    return null;
  }
}

/**
 * A book without numbered chapters or an Introduction: the first real prose (not a title page or an
 * imprint) starts the first chapter, at the heading right before it; later headings of that level or
 * above start the others (up to a notes section). Prose without any heading before it is one untitled
 * chapter.
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
  // A notes section's sub-headings ("Chapter 1") are not chapters.
  const notesFrom = starts.find((s) => s.notesSection)?.index ?? Infinity;
  const plain = headings.filter((h) => !h.foreign && h.part === null && h.title !== '' && !special.has(h.index) && h.index < notesFrom);
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
