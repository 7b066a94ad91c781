import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  XmlAttributeComponent,
  XmlComponent,
  type FileChild,
  type ParagraphChild,
} from 'docx';
import JSZip from 'jszip';
import type { InlineContent } from '#libs/content';
import { escapeXml, splitAt, tableRows } from './inline.js';
import type { PrintedDocument, PrintedEdition, PrintedSegment } from './printed-edition.js';
import { wordsFor } from './words.js';

/**
 * The edition as a Word document with real Word footnotes. One language: the text with its notes.
 * Two languages: each chapter a two-column table, one row per segment (so the languages stay side
 * by side), and each language's footnotes numbered on their own, per chapter: Word numbers all
 * footnotes of a document in one series, so every reference carries its printed label as a custom
 * mark (`w:customMarkFollows`) and the note repeats that label.
 */
export async function renderDocx(edition: PrintedEdition): Promise<Uint8Array> {
  const notes = new Notes();
  const children: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(edition.title)] }),
  ];
  const bilingual = edition.languages.length === 2;
  edition.documents.forEach((doc, d) => {
    // Each chapter starts on a new page.
    if (d > 0) children.push(new Paragraph({ pageBreakBefore: true, children: [] }));
    const body = bilingual ? [bilingualTable(edition, doc, d, notes)] : oneLanguage(edition, doc, d, notes);
    const unreferenced = edition.languages.flatMap((language) => orphanNotes(doc, language, d, notes));
    children.push(...body, ...unreferenced);
  });
  const draft = edition.mode === 'draft' ? edition.languages.map((l) => wordsFor(l).draftNotice).join(' · ') : null;
  const document = new Document({
    creator: 'Interlinea',
    title: edition.title,
    styles: {
      default: { document: { run: { font: 'Cambria', size: 22 } } },
    },
    footnotes: notes.definitions(),
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: draft
                  ? [new TextRun({ text: draft.toUpperCase(), bold: true, color: '9B1C1C', size: 16 })]
                  : [new TextRun({ text: edition.title, italics: true, size: 18 })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }),
        },
        properties: bilingual ? { page: { margin: { left: 1000, right: 1000 } } } : {},
        children,
      },
    ],
  });
  const packed = await Packer.toBuffer(document);
  return notes.labelNotes(packed);
}

/** Word footnotes with the per-language labels they print. */
class Notes {
  private readonly bodies = new Map<number, Paragraph[]>();
  private readonly labels = new Map<number, string>();
  /** `chapter:language:footnoteId` → Word id: a footnote referenced twice in a language is one Word note. */
  private readonly ids = new Map<string, number>();

  reference(chapter: number, language: string, footnoteId: string, label: string, body: () => Paragraph[]): ParagraphChild {
    const key = `${chapter}:${language}:${footnoteId}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(key, id);
      this.labels.set(id, label);
      this.bodies.set(id, body());
    }
    return new TextRun({ style: 'FootnoteReference', children: [new CustomMarkReference(id), label] });
  }

  definitions(): Record<number, { children: Paragraph[] }> {
    const out: Record<number, { children: Paragraph[] }> = {};
    for (const [id, children] of this.bodies) out[id] = { children: children.length ? children : [new Paragraph('')] };
    return out;
  }

  /**
   * The `docx` package starts every footnote with Word's automatic number (`w:footnoteRef`); a note
   * whose reference carries a custom mark must show that mark instead.
   */
  async labelNotes(packed: Uint8Array): Promise<Uint8Array> {
    if (!this.labels.size) return packed;
    const zip = await JSZip.loadAsync(packed);
    const file = zip.file('word/footnotes.xml');
    if (!file) return packed;
    const xml = await file.async('string');
    const labelled = xml.replace(/<w:footnote\b[^>]*\bw:id="(\d+)"[^>]*>[\s\S]*?<\/w:footnote>/g, (note, id: string) => {
      const label = this.labels.get(Number(id));
      return label === undefined ? note : note.replace('<w:footnoteRef/>', `<w:t xml:space="preserve">${escapeXml(label)}</w:t>`);
    });
    zip.file('word/footnotes.xml', labelled);
    return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  }
}

class CustomMarkAttributes extends XmlAttributeComponent<{ customMarkFollows: string; id: number }> {
  protected override readonly xmlKeys = { customMarkFollows: 'w:customMarkFollows', id: 'w:id' };
}

class CustomMarkReference extends XmlComponent {
  constructor(id: number) {
    super('w:footnoteReference');
    this.root.push(new CustomMarkAttributes({ customMarkFollows: '1', id }));
  }
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

function runs(content: InlineContent, language: string, doc: PrintedDocument, chapter: number, notes: Notes, small = false): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  splitAt(content, '\n').forEach((line, i) => {
    line.forEach((node, k) => {
      if (node.type === 'footnoteRef') {
        const label = doc.labels[language]!.get(node.footnoteId);
        if (label === undefined) return;
        const note = doc.notes[language]!.find((n) => n.id === node.footnoteId)!;
        out.push(notes.reference(chapter, language, node.footnoteId, label, () => noteParagraphs(note.paragraphs, language, doc, chapter, notes)));
        return;
      }
      out.push(
        new TextRun({
          text: node.text,
          // Only what is set: every property is an element of its own in the file (and memory here).
          ...(node.marks?.includes('italic') ? { italics: true } : {}),
          ...(node.marks?.includes('bold') ? { bold: true } : {}),
          language: { value: language },
          ...(small ? { size: 18 } : {}),
          ...(i > 0 && k === 0 ? { break: 1 } : {}),
        }),
      );
    });
    if (i > 0 && line.length === 0) out.push(new TextRun({ text: '', break: 1 }));
  });
  return out;
}

function noteParagraphs(paragraphs: InlineContent[], language: string, doc: PrintedDocument, chapter: number, notes: Notes): Paragraph[] {
  return paragraphs.map((p, i) => new Paragraph({ children: [...(i === 0 ? [new TextRun(' ')] : []), ...runs(p, language, doc, chapter, notes)] }));
}

function segmentParagraphs(segment: PrintedSegment, language: string, doc: PrintedDocument, chapter: number, notes: Notes): Paragraph[] {
  const content = segment.text[language]!;
  const children = (c: InlineContent): ParagraphChild[] => runs(c, segment.textLanguage[language]!, doc, chapter, notes);
  switch (segment.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[Math.min(5, segment.level - 1)], children: children(content), keepNext: true })];
    case 'blockQuote':
      return [new Paragraph({ style: 'Quote', indent: { left: 567, right: 567 }, children: children(content) })];
    case 'listItem':
      return [new Paragraph({ bullet: { level: 0 }, children: children(content) })];
    case 'caption':
      return [new Paragraph({ style: 'Caption', children: children(content) })];
    case 'table':
      return tableRows(content).map((row) => new Paragraph({ children: row.flatMap((cell, i) => [...(i ? [new TextRun({ text: '\t' })] : []), ...children(cell)]) }));
    default:
      return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: children(content) })];
  }
}

function oneLanguage(edition: PrintedEdition, doc: PrintedDocument, d: number, notes: Notes): FileChild[] {
  const [language] = edition.languages as [string];
  const out: FileChild[] = [];
  for (const segment of doc.segments) out.push(...segmentParagraphs(segment, language, doc, d, notes));
  return out;
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function bilingualTable(edition: PrintedEdition, doc: PrintedDocument, d: number, notes: Notes): Table {
  const rows = doc.segments.map(
    (segment) =>
      new TableRow({
        cantSplit: segment.kind === 'heading',
        children: edition.languages.map(
          (language) =>
            new TableCell({
              width: { size: 50, type: WidthType.PERCENTAGE },
              margins: { left: 120, right: 120 },
              children: segmentParagraphs(segment, language, doc, d, notes),
            }),
        ),
      }),
  );
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    columnWidths: [4800, 4800],
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: { style: BorderStyle.SINGLE, size: 2, color: 'C9BFAE' } },
    rows: rows.length ? rows : [new TableRow({ children: edition.languages.map(() => new TableCell({ children: [new Paragraph('')] })) })],
  });
}

/** Bodies no printed text refers to: printed after the chapter under a heading, never dropped. */
function orphanNotes(doc: PrintedDocument, language: string, d: number, notes: Notes): Paragraph[] {
  const orphans = doc.notes[language]!.filter((n) => !n.referenced);
  if (!orphans.length) return [];
  return [
    new Paragraph({ children: [new TextRun({ text: wordsFor(language).unreferencedNotes, italics: true, language: { value: language } })] }),
    ...orphans.flatMap((note) =>
      note.paragraphs.map(
        (p, i) => new Paragraph({ indent: { left: 360 }, children: [...(i === 0 ? [new TextRun({ text: `${note.label}. `, size: 18 })] : []), ...runs(p, language, doc, d, notes, true)] }),
      ),
    ),
  ];
}
