import { parseBook } from '../parse-book.js';
import type { ParsedBook } from '../types.js';
import { counterIds, fixture, renderMarkdown, text } from '../../test/helpers.js';
import { parseRenderedText } from './parse-rendered.js';

/** The counts a demanding reader checks after an import, from the finished book. */
function counts(book: ParsedBook) {
  const segments = book.documents.flatMap((d) => d.segments);
  const headings: Record<string, number> = {};
  for (const s of segments) if (s.kind === 'heading') headings[String(s.level)] = (headings[String(s.level)] ?? 0) + 1;
  const r = book.report;
  return {
    documents: book.documents.map((d) => d.kind),
    paragraphs: segments.filter((s) => s.kind === 'paragraph').length,
    quotes: segments.filter((s) => s.kind === 'blockQuote').length,
    headings,
    listItems: segments.filter((s) => s.kind === 'listItem').length,
    markers: r.footnotes.references,
    bodies: r.footnotes.bodies,
    links: r.footnotes.linked,
    pages: r.pages,
    pageTransitions: r.rendering?.pageTransitions,
    dropped: r.rendering?.droppedLines.map((l) => l.reason),
    guesses: r.rendering?.guesses.length,
  };
}

const read = (name: string, language: string): ParsedBook =>
  parseRenderedText(fixture(`renderings/${name}`), { language, newId: counterIds() });

const LANGUAGES = ['en', 'ru', 'de'] as const;

describe.each(LANGUAGES)('plain text, one paragraph per line (%s)', (language) => {
  const book = read(`plain-text-${language}.txt`, language);

  it('is detected as plain text because no line has Markdown and none is followed by a blank line', () => {
    expect(book.report.rendering).toMatchObject({ name: 'plain-text', chosenBy: 'detection', reasons: [{ code: 'ONE_PARAGRAPH_PER_LINE', count: 12 }] });
  });

  it('splits every line into its own segment, with chapters by number and sections in capitals', () => {
    expect(counts(book)).toEqual({
      documents: ['frontMatter', 'chapter', 'chapter'],
      paragraphs: 6,
      quotes: 1,
      headings: { '1': 3, '2': 2 },
      listItems: 0,
      markers: 5,
      bodies: 0,
      links: 0,
      pages: 0,
      pageTransitions: 0,
      dropped: [],
      guesses: 0,
    });
    expect(book.report.rendering?.headingsByShape).toEqual({ '1': 3, '2': 2 });
  });

  it('keeps bare-number markers whose bodies are printed elsewhere as unresolved references, never a year or a range', () => {
    expect(book.report.footnotes.unresolvedReferences.map((u) => u.label)).toEqual(['1', '2', '3', '4', '5']);
    const all = book.documents.flatMap((d) => d.segments.map((s) => text(s.content))).join('\n');
    expect(all).toContain('1921');
    expect(all).toContain('36–37%');
    expect(all).toMatch(/1929\.(?!\d)/);
  });
});

describe.each(LANGUAGES)('a web reader’s page saved as text (%s)', (language) => {
  const book = read(`web-page-${language}.txt`, language);

  it('is detected by its interface lines and page markers', () => {
    expect(book.report.rendering?.name).toBe('web-page');
    expect(book.report.rendering?.reasons.map((r) => r.code)).toEqual(['INTERFACE_LINES', 'PAGE_MARKERS', 'SOURCE_ADDRESS']);
  });

  it('drops interface lines, the repeated title and the source address, and lists them', () => {
    expect(counts(book)).toEqual({
      documents: ['chapter'],
      paragraphs: 4,
      quotes: 0,
      headings: { '1': 1, '2': 1 },
      listItems: 0,
      markers: 4,
      bodies: 4,
      links: 4,
      pages: 3,
      pageTransitions: 2,
      dropped: ['interface', 'interface', 'interface', 'interface', 'repeatedTitle', 'interface', 'sourceAddress'],
      guesses: 0,
    });
    expect(book.report.rendering?.droppedLines.map((l) => l.line)).toEqual([1, 2, 3, 4, 6, 10, 21]);
    expect(book.report.rendering?.sourceAddress).toMatch(/^https:\/\/reader\.example\.org\//);
  });

  it('numbers the notes from where the book stands (36) and links each endnote line', () => {
    const chapter = book.documents[0]!;
    expect(chapter.footnotes.map((f) => f.label)).toEqual(['36', '37', '38', '39']);
    expect(chapter.footnotes.every((f) => f.body.length === 1)).toBe(true);
  });

  it('takes page markers out of the text, never splitting a paragraph, and keeps them as pages', () => {
    const paragraphs = book.documents[0]!.segments.filter((s) => s.kind === 'paragraph');
    expect(paragraphs.map((p) => p.pages)).toEqual([['41'], ['41', '42'], ['42'], ['42', '43']]);
    for (const p of paragraphs) expect(text(p.content)).not.toMatch(/[←→|]|\uE000/);
    // The marker on a line of its own, mid-sentence, left one paragraph.
    expect(text(paragraphs[3]!.content)).toMatch(/ (?:villages believed|никто не поверил|niemand glaubte),/);
  });
});

describe.each(LANGUAGES)('a web essay with flattened structure (%s)', (language) => {
  const book = read(`flattened-essay-${language}.txt`, language);

  it('is detected by its inline bullets', () => {
    expect(book.report.rendering).toMatchObject({ name: 'flattened-essay', reasons: [{ code: 'INLINE_BULLETS', count: 6 }, { code: 'SOURCE_ADDRESS', count: 1 }] });
  });

  it('makes list items of the flattened lists, splits out the run-in headings and re-joins false line breaks', () => {
    expect(counts(book)).toEqual({
      documents: ['chapter'],
      paragraphs: 5,
      quotes: 0,
      headings: { '1': 1, '2': 1, '3': 2 },
      listItems: 8,
      markers: 0,
      bodies: 0,
      links: 0,
      pages: 0,
      pageTransitions: 0,
      dropped: ['sourceAddress'],
      guesses: 3,
    });
    const segments = book.documents[0]!.segments;
    // The two lines of the first paragraph are one paragraph.
    expect(segments[1]!.kind).toBe('paragraph');
    expect(text(segments[1]!.content).split(/[.!?] /).length).toBe(2);
  });

  it('reports the run-in headings as guesses', () => {
    expect(book.report.rendering?.guesses.map((g) => g.text)).toEqual(
      book.documents[0]!.segments.filter((s) => s.kind === 'heading' && s.level! > 1).map((s) => text(s.content)),
    );
  });
});

describe('plain text with a notes section at the back', () => {
  const long = (s: string): string => `${s} ${'The district kept its ledgers in the school and read them aloud on Sundays.'.repeat(2)}`;
  const text = [
    'A Book of Two Chapters',
    '1 THE FIRST',
    long('It began in the spring.1 Then it went on.2'),
    '2 THE SECOND',
    long('In the autumn it ended.3 Nobody was surprised.4'),
    'Notes',
    '1 First note.',
    '2 Second note.',
    '3 Third note.',
    '4 Fourth note.',
    '',
  ].join('\n');

  it('gives each note, numbered through the book, to the chapter that references it', () => {
    const book = parseRenderedText(text, { language: 'en', newId: counterIds() });
    expect(book.documents.map((d) => [d.kind, d.title, d.footnotes.map((f) => f.label)])).toEqual([
      ['frontMatter', 'A Book of Two Chapters', []],
      ['chapter', '1 THE FIRST', ['1', '2']],
      ['chapter', '2 THE SECOND', ['3', '4']],
    ]);
    expect(book.report.footnotes).toMatchObject({ references: 4, bodies: 4, linked: 4, orphanBodies: [], unresolvedReferences: [] });
  });
});

describe('plain text with blank lines between its paragraphs', () => {
  it('gives the same book as one paragraph per line', () => {
    const spaced = fixture('renderings/plain-text-de.txt').split('\n').join('\n\n');
    const a = counts(parseRenderedText(spaced, { language: 'de', newId: counterIds() }));
    const b = counts(read('plain-text-de.txt', 'de'));
    expect(a).toEqual(b);
  });
});

describe('Markdown with inline page markers', () => {
  const long = 'The committee met in the cold hall above the post office, and it thanked the delegates for their loyalty.';
  const md = [
    '# 1. The Ferry',
    '',
    `| 12 → ${long} The ferry crossed twice a`,
    '',
    '← 12 | 13 →',
    '',
    `day in summer. ${long}[^1] [p. 14]`,
    '',
    `A second paragraph. ${long}`,
    '',
    '[^1]: The timetable survives.',
    '',
  ].join('\n');

  it('takes the markers out, keeps the pages and never splits a paragraph at one', () => {
    const book = parseRenderedText(md, { language: 'en', newId: counterIds() });
    expect(book.report.rendering).toMatchObject({ name: 'markdown', pageMarkers: 3, pageTransitions: 2 });
    const [heading, first, second] = book.documents[0]!.segments;
    expect(heading!.pages).toEqual(['12']);
    expect(text(first!.content)).toMatch(/crossed twice a day in summer\./);
    expect(first!.pages).toEqual(['12', '13']);
    expect(second!.pages).toEqual(['14']);
    expect(book.report.pages).toBe(3);
    expect(book.report.footnotes.linked).toBe(1);
    for (const s of book.documents[0]!.segments) expect(text(s.content)).not.toMatch(/[←→]|\[p\.|\uE000/);
  });
});

describe('rendering override', () => {
  it('applies the rules of the rendering the user chose, and says so', () => {
    const book = parseRenderedText(fixture('renderings/web-page-en.txt'), { language: 'en', rendering: 'plain-text', newId: counterIds() });
    expect(book.report.rendering).toMatchObject({ name: 'plain-text', chosenBy: 'user', detected: 'web-page' });
    expect(book.report.rendering?.reasons[0]).toEqual({ code: 'CHOSEN_BY_USER', count: 1 });
    // Plain text keeps the interface lines: they are only dropped from web pages.
    expect(book.report.rendering?.droppedLines).toEqual([]);
  });

  it('reads Markdown converted from PDF exactly as before', () => {
    const md = fixture('end-notes.md');
    const viaRendering = parseRenderedText(md, { language: 'en', newId: counterIds() });
    const direct = parseBook(md, { language: 'en', newId: counterIds() });
    expect(viaRendering.report.rendering?.name).toBe('markdown');
    const { rendering, ...rest } = viaRendering.report;
    expect(rest).toEqual(direct.report);
    expect(rendering?.reasons.map((r) => r.code)).toContain('MARKDOWN_SYNTAX');
  });

  it('refuses a DOCX rendering for a text file and an export rendering without the export header', () => {
    expect(() => parseRenderedText('Some text.\n', { language: 'en', rendering: 'docx' })).toThrow(expect.objectContaining({ code: 'NOT_DOCX' }));
    expect(() => parseRenderedText('Some text.\n', { language: 'en', rendering: 'interlinea-export' })).toThrow(
      expect.objectContaining({ code: 'INVALID_EXPORT' }),
    );
  });
});

describe.each(['plain-text-en.txt', 'web-page-ru.txt', 'flattened-essay-de.txt'])('the Markdown export of %s', (name) => {
  it('imports back to the same edition', () => {
    const language = name.includes('-ru') ? 'ru' : name.includes('-de') ? 'de' : 'en';
    const book = read(name, language);
    const again = parseRenderedText(renderMarkdown(book, language), { language, newId: counterIds('b') });
    expect(again.report.rendering?.name).toBe('interlinea-export');
    const shape = (b: ParsedBook) =>
      b.documents.map((d) => ({
        kind: d.kind,
        title: d.title,
        segments: d.segments.map((s) => [s.kind, s.level, s.language, s.pages, text(s.content)]),
        notes: d.footnotes.map((f) => [f.label, f.body.map((s) => text(s.content))]),
      }));
    expect(shape(again)).toEqual(shape(book));
    const { rendering: _a, ...r1 } = book.report;
    const { rendering: _b, ...r2 } = again.report;
    expect(r2.footnotes.linked).toBe(r1.footnotes.linked);
    expect(r2.segments).toBe(r1.segments);
  });
});
