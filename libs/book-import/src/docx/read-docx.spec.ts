import JSZip from 'jszip';
import { plainText } from '#libs/content';
import { counterIds, renderMarkdown } from '../../test/helpers.js';
import { parseRenderedText } from '../renderings/parse-rendered.js';
import type { ParsedBook } from '../types.js';
import { buildManuscript } from '../../test/docx-manuscript.js';
import { lowerRoman, parseDocx } from './read-docx.js';

describe('DOCX manuscripts', () => {
  let book: ParsedBook;
  beforeAll(async () => {
    book = await parseDocx(await buildManuscript(), { language: 'en', newId: counterIds() });
  });

  it('makes documents of the title and the top-level headings', () => {
    expect(book.title).toBe('Letters from the River Districts');
    expect(book.documents.map((d) => [d.kind, d.title])).toEqual([
      ['frontMatter', 'Letters from the River Districts'],
      ['chapter', '1. The Ferry at Kalinovka'],
      ['chapter', '2. The Ferry at Kalinovka'],
    ]);
  });

  it('keeps paragraph styles: headings by level, quotations, list items', () => {
    const chapter = book.documents[1]!;
    expect(chapter.segments.map((s) => [s.kind, s.level ?? null, s.language])).toEqual([
      ['heading', 1, 'en'],
      ['paragraph', null, 'en'],
      ['paragraph', null, 'en'],
      ['paragraph', null, 'en'],
      ['heading', 2, 'en'],
      ['listItem', null, 'en'],
      ['listItem', null, 'en'],
      ['listItem', null, 'en'],
      ['blockQuote', null, 'en'],
      ['paragraph', null, 'ru'],
    ]);
  });

  it('keeps italics and bold', () => {
    const first = book.documents[1]!.segments[1]!;
    expect(first.content.filter((n) => n.type === 'text' && n.marks?.length)).toEqual([
      { type: 'text', text: 'chronicle of the harvest', marks: ['italic'] },
      { type: 'text', text: 'river', marks: ['bold'] },
    ]);
  });

  it('links every Word footnote and endnote, footnotes numbered through the book, endnotes i, ii, iii', () => {
    const r = book.report.footnotes;
    expect(r).toEqual({ references: 14, bodies: 14, linked: 14, unresolvedReferences: [], orphanBodies: [] });
    expect(book.documents[1]!.footnotes.map((f) => f.label)).toEqual(['1', 'i', '2', 'ii', '3', 'iii', '4']);
    expect(book.documents[2]!.footnotes.map((f) => f.label)).toEqual(['5', 'iv', '6', 'v', '7', 'vi', '8']);
    const first = book.documents[1]!.footnotes[0]!;
    expect(first.body.map((s) => [s.kind, plainText(s.content)])).toEqual([
      ['noteBody', 'The ledger is kept in the district museum.'],
      ['noteBody', 'A second paragraph of the same note, on its binding.'],
    ]);
  });

  it('is reported as the docx rendering through the text entry too (refused there: it needs the bytes)', () => {
    expect(() => parseRenderedText('plain', { language: 'en', rendering: 'docx' })).toThrow(expect.objectContaining({ code: 'NOT_DOCX' }));
    expect(lowerRoman(14)).toBe('xiv');
  });

  it('exports to Markdown that imports back to the same edition', () => {
    const again = parseRenderedText(renderMarkdown(book, 'en'), { language: 'en', newId: counterIds('b') });
    const shape = (b: ParsedBook) =>
      b.documents.map((d) => ({
        kind: d.kind,
        title: d.title,
        segments: d.segments.map((s) => [s.kind, s.level, s.language, s.content.map((n) => (n.type === 'text' ? n : d.footnotes.findIndex((f) => f.id === n.footnoteId)))]),
        notes: d.footnotes.map((f) => [f.label, f.body.map((s) => s.content)]),
      }));
    expect(shape(again)).toEqual(shape(book));
    expect(again.report.footnotes.linked).toBe(14);
  });

  it('refuses a package whose document unpacks past the limit (a zip bomb), without unpacking it all', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', `<w:document><w:body>${'<w:p><w:r><w:t>aaaaaaaaaa</w:t></w:r></w:p>'.repeat(50_000)}</w:body></w:document>`);
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bytes.length).toBeLessThan(100_000);
    await expect(parseDocx(bytes, { language: 'en', maxBytes: 100_000 })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', details: { maxBytes: 400_000 } });
  });

  it('refuses a file that is not a Word package with a coded error', async () => {
    await expect(parseDocx(new TextEncoder().encode('PK\u0003\u0004 not really'), { language: 'en' })).rejects.toMatchObject({ code: 'INVALID_DOCX' });
  });
});
