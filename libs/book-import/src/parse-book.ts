import { randomUUID } from 'node:crypto';
import { splitBlocks, type Block } from './blocks.js';
import { DocumentNames, headingTitle, planDocuments, titleKey, type DocumentPlan } from './documents.js';
import { BookImportError } from './errors.js';
import { isExport, readExport } from './export-reader.js';
import { buildFlow, type FlowItem } from './flow.js';
import { BareMarkerSequence, findBareMarkers, linkFootnotes, markerLabels, type NumberSet } from './footnotes.js';
import { isWhollyItalic } from './inline.js';
import { detectNotes, noNotes, NoteSequence, type DetectedNote, type NoteDetection, type NotesMode } from './note-detection.js';
import { noteLabelOf } from './note-labels.js';
import { distributeByHeading, distributeByLabel, readNotesSection, type NotesSection } from './notes-section.js';
import { applyJoins, assignPages, findJoins, joinPageBreaks } from './page-join.js';
import { buildReport } from './report.js';
import { hasLetters, isForeignScript } from './script.js';
import { DEFAULT_MAX_BYTES, type BookDocument, type ImportWarning, type ParsedBook, type ParseOptions } from './types.js';

const EXPLICIT_MARKER = /<sup>\s*\[?\d|\[\^[^\]\s]+\]/i;
const TEXT_DOCUMENTS = new Set(['chapter', 'frontMatter', 'backMatter']);

/** A document after note detection, flow, page joins and pages, before its footnotes are linked. */
interface PreparedDocument {
  plan: DocumentPlan;
  id: string;
  detection: NoteDetection;
  items: FlowItem[];
  pageOf: (index: number) => string[];
  section: NotesSection | null;
}

/**
 * Book text (Markdown or plain text converted from print) → documents, segments and footnotes, with a
 * report of what was found. Interlinea's own Markdown export is read back exactly instead.
 *
 * Every document is prepared first (notes, flow, pages), then the notes of a back-matter notes section
 * are given to the documents they belong to, bare-number markers are found, and each document's
 * footnotes are linked.
 */
export function parseBook(input: string, opts: ParseOptions): ParsedBook {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = Buffer.byteLength(input, 'utf8');
  if (size > maxBytes) {
    throw new BookImportError('FILE_TOO_LARGE', `The text is ${size} bytes; the limit is ${maxBytes} bytes.`, { size, maxBytes });
  }
  const text = (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new BookImportError('EMPTY_FILE', 'The file contains no text.', { size });
  const newId = opts.newId ?? randomUUID;
  if (isExport(text)) return readExport(text, { ...opts, newId });

  const language = opts.language;
  const blocks = splitBlocks(text);
  const plan = planDocuments(blocks, language);
  if (!plan.documents.some((d) => d.kind === 'chapter')) {
    throw new BookImportError(
      'NO_CONTENT',
      'No chapter was found: the file has only front matter (title pages, imprint, contents) or nothing that reads as the text of a book.',
      { documents: plan.documents.map((d) => ({ kind: d.kind, title: d.title })) },
    );
  }

  const mode = notesMode(plan.documents, language);
  // Pages show where notes stand at the foot of each page, or where the text has form feeds (from PDF).
  const formFeeds = blocks.some((b) => b.pageBreakBefore);
  const pageInfo = mode === 'page' || formFeeds;
  const tocPages = new Map<string, number>();
  for (const e of plan.toc) if (e.page !== undefined && e.key && !tocPages.has(e.key)) tocPages.set(e.key, e.page);
  const anchorOf = (title: string): number | undefined => tocPages.get(titleKey(title.replace(/^\d+\.\s*/, '')));

  const seq = new NoteSequence();
  const explicit = plan.documents.map((d) => explicitMarkers(d.blocks));
  const warnings: ImportWarning[] = [];
  const names = new DocumentNames();
  let pagesStarted = false;
  let lastPage: number | null = null;
  let continued = 0;

  const prepared = plan.documents.map((doc, i): PreparedDocument => {
    const id = newId();
    seq.startDocument();
    // TOC lines (`1. …`) and index entries are never notes.
    const section = doc.notesSection ? readNotesSection(doc, names, language) : null;
    const detection: NoteDetection = section
      ? section.detection
      : doc.kind === 'contents' || doc.kind === 'index'
        ? noNotes()
        : detectNotes(doc.blocks, mode, seq, { bookLanguage: language, ...explicit[i]! });
    if (!doc.notesSection) names.add(doc.title, doc.kind, i);
    continued += detection.continued;
    const items = buildFlow(doc, detection, { bookLanguage: language });
    const joins = TEXT_DOCUMENTS.has(doc.kind) ? findJoins(items, doc.kind !== 'chapter') : new Map<number, number>();

    pagesStarted = pagesStarted || formFeeds || (pageInfo && doc.kind === 'chapter');
    const anchors = new Map<number, number>();
    doc.blocks.forEach((b, k) => {
      const page = b.type === 'heading' ? anchorOf(headingTitle(b)) : undefined;
      if (page !== undefined) anchors.set(k, page);
    });
    const opensPage = lastPage === null || !formFeeds || doc.heading?.pageBreakBefore === true;
    const startPage = pagesStarted ? (anchorOf(doc.title) ?? (lastPage ?? 0) + (opensPage ? 1 : 0)) : null;
    // Form feeds mark every page break; else note blocks do, and joins that no note block explains.
    const pages = formFeeds
      ? assignPages(
          { startPage, pageBreakAfter: new Set(), anchors, blockCount: doc.blocks.length },
          new Set(doc.blocks.flatMap((b, k) => (b.pageBreakBefore ? [k] : []))),
        )
      : assignPages(
          { startPage, pageBreakAfter: detection.pageBreakAfter, anchors, blockCount: doc.blocks.length },
          joinPageBreaks(items, joins, detection.pageBreakAfter, doc.blocks.length),
        );
    if (pages.lastPage !== null) lastPage = pages.lastPage;
    for (const item of items) item.pages = pages.pageOf(item.index);
    // A section's notes keep the pages they are printed on wherever they go.
    for (const note of section?.groups.flatMap((g) => g.notes) ?? []) for (const part of note.parts) part.pages = pages.pageOf(part.index);
    return { plan: doc, id, detection, items: applyJoins(items, joins), pageOf: pages.pageOf, section };
  });

  // Notes of a notes section: to the documents their sub-headings name, then bare-number markers (in
  // reading order through the book: the expected number runs on), then notes without sub-headings by label.
  const { extra, pool } = distributeByHeading(
    prepared.map((p) => p.section),
    (s, warning) => warnings.push({ ...warning, document: prepared[s]!.id }),
  );
  const receives = (p: PreparedDocument): boolean => !p.section && TEXT_DOCUMENTS.has(p.plan.kind);
  const bookHasExplicit = EXPLICIT_MARKER.test(text);
  const marked = new Set(prepared.flatMap((p) => markerLabels(p.items)));
  const poolUnmarked = new Set(pool.flatMap(({ note }) => (note.number !== undefined && !marked.has(note.label) ? [note.number] : [])));
  const bareSeq = new BareMarkerSequence();
  prepared.forEach((p, i) => {
    if (p.section) return;
    const notes = [...p.detection.notes, ...extra[i]!];
    findBareMarkers(p.items, notes, bareSeq, bookHasExplicit ? unmarkedNumbers(p.items, notes, receives(p) ? poolUnmarked : new Set()) : null);
  });
  const own = prepared.map((p) => p.detection.notes);
  distributeByLabel(pool, prepared.map((p, i) => ({ notes: own[i]!, items: p.items, receives: receives(p) })), extra);

  const notesOf = prepared.map((p, i) => [...p.detection.notes, ...extra[i]!]);
  const documentOf = new Map<DetectedNote, string>();
  notesOf.forEach((notes, i) => notes.forEach((n) => documentOf.set(n, prepared[i]!.id)));
  for (const { warning, note } of prepared.flatMap((p) => p.section?.noteWarnings ?? [])) {
    warnings.push({ ...warning, document: documentOf.get(note) });
  }
  prepared.forEach((p, i) => {
    if (p.section || own[i]!.length === 0 || extra[i]!.length === 0) return;
    warnings.push({
      code: 'NOTES_IN_TWO_PLACES',
      message: `“${p.plan.title}” has notes of its own and notes in the notes section; where both have a label, its own note is linked.`,
      params: { chapter: p.plan.title },
      document: p.id,
    });
  });

  const documents: BookDocument[] = [];
  prepared.forEach((p, i) => {
    const linked = linkFootnotes(p.items, notesOf[i]!, {
      newId,
      bookLanguage: language,
      documentLanguage: p.plan.language,
      documentId: p.id,
      notePages: (note, part) => note.parts[part]!.pages ?? p.pageOf(note.parts[part]!.index),
    });
    for (const w of [...p.detection.warnings, ...linked.warnings]) warnings.push({ ...w, document: p.id });
    if (p.section && linked.footnotes.length === 0 && linked.segments.every((s) => s.kind === 'heading')) {
      // A notes section whose notes all went to their chapters: nothing of it is left.
    } else {
      documents.push({ id: p.id, kind: p.plan.kind, title: p.plan.title, segments: linked.segments, footnotes: linked.footnotes });
    }
    opts.onProgress?.(i + 1, plan.documents.length);
  });

  if (continued > 0) {
    warnings.push({
      code: 'NOTES_CONTINUED',
      message: `${continued} note(s) ran over a page; their continuation was appended to them.`,
      params: { count: continued },
    });
  }
  return { language, title: plan.bookTitle, documents, report: buildReport(documents, warnings) };
}

/**
 * Numbers of the notes a document may link to that none of its explicit markers references, so that a
 * bare number in its text may (the pool's: numbers no explicit marker of the book references).
 */
function unmarkedNumbers(items: FlowItem[], notes: DetectedNote[], pool: ReadonlySet<number>): NumberSet {
  const marked = new Set(markerLabels(items));
  const own = new Set<number>();
  for (const n of notes) if (n.number !== undefined && !marked.has(n.label)) own.add(n.number);
  return { has: (n) => own.has(n) || pool.has(n), size: own.size + pool.size };
}

const SUP_NUMBER = /<sup>\s*\[?(\d{1,4})/i;
const FOOTNOTE_REF = /\[\^[^\]\s]+\](?!:)/;

/** Whether the document's text has `<sup>`/`[^x]` markers (a label at the start of a line is not one), and the first number. */
function explicitMarkers(blocks: Block[]): { hasExplicitMarkers: boolean; firstMarker?: number } {
  for (const b of blocks) {
    const text = b.text.replace(/^\s*(?:<sup>[^<]*<\/sup>|\[\^[^\]]+\]:)/i, '');
    const sup = SUP_NUMBER.exec(text);
    const md = FOOTNOTE_REF.exec(text);
    if (sup && (!md || sup.index < md.index)) return { hasExplicitMarkers: true, firstMarker: Number(sup[1]) };
    if (md) return { hasExplicitMarkers: true };
  }
  return { hasExplicitMarkers: false };
}

/**
 * Notes at the foot of each page or at the end of each chapter. Page notes show themselves as note
 * blocks (`---` and labelled paragraphs) in the middle of the text: body text goes on right after them.
 * End notes are followed only by the next chapter, captions or facsimiles.
 */
function notesMode(documents: DocumentPlan[], language: string): NotesMode {
  let blocks = 0;
  let midText = 0;
  for (const doc of documents) {
    doc.blocks.forEach((b, k) => {
      if (b.type !== 'rule' || noteLabelOf(doc.blocks[k + 1] ?? b, language)?.number === undefined) return;
      blocks++;
      let j = k + 1;
      while (j < doc.blocks.length && noteLabelOf(doc.blocks[j]!, language)) j++;
      const after = doc.blocks[j];
      if (
        after?.type === 'paragraph' &&
        !after.separator &&
        hasLetters(after.text) &&
        !isForeignScript(after.text, language) &&
        !isWhollyItalic(after.text)
      ) {
        midText++;
      }
    });
  }
  return midText >= 2 && midText * 2 >= blocks ? 'page' : 'end';
}
