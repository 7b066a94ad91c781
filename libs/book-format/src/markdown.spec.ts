import type { InlineContent, Mark, SegmentKind } from '#libs/content';
import { BookImportError, canonicalContent, parseBook, type Book, type BookSegment } from '#libs/book-import';
import { counterIds, fixture, reportCounts, shape, text } from '../../book-import/test/helpers.js';
import { renderMarkdown } from './markdown.js';

const FIXTURES: [name: string, language: string][] = [
  ['page-notes.md', 'en'],
  ['end-notes.md', 'en'],
  ['bare-markers.md', 'en'],
  ['markdown-footnotes.md', 'en'],
  ['blocks.md', 'en'],
  ['form-feeds.txt', 'en'],
  ['notes-section.md', 'en'],
  ['notes-book-wide.md', 'en'],
  ['notes-section-ru.md', 'ru'],
  ['notes-by-order.md', 'en'],
  ['chapter-notes-headings.md', 'en'],
  ['facsimile.md', 'en'],
];

describe('renderMarkdown', () => {
  it.each(FIXTURES)('round-trips %s (%s): same documents, segments, footnotes and report counts', (name, language) => {
    const first = parseBook(fixture(name), { language, newId: counterIds('a') });
    const markdown = renderMarkdown(first, language);
    const second = parseBook(markdown, { language, newId: counterIds('b') });
    expect(shape(second)).toEqual(shape(first));
    expect(reportCounts(second)).toEqual(reportCounts(first));
    // And the export of the re-import is the same text.
    expect(renderMarkdown(second, language)).toBe(markdown);
  });

  it('writes the lines of a facsimile as hard line breaks, and notes of a notes section with their chapter', () => {
    const facsimile = renderMarkdown(parseBook(fixture('facsimile.md'), { language: 'en' }), 'en');
    expect(facsimile).toContain('<!-- interlinea {"kind":"figure","lang":"ru"} -->\nС приветом,\\\nрабочие артели\n');
    const notes = renderMarkdown(parseBook(fixture('notes-book-wide.md'), { language: 'en' }), 'en');
    expect(notes).not.toContain('"title":"Endnotes"');
    expect(notes).toContain('<!-- interlinea {"document":"chapter","title":"2. Tides"} -->');
    expect(notes.slice(notes.indexOf('"2. Tides"'), notes.indexOf('"3. The Bridge"'))).toContain('[^4]: Tide tables, second edition.');
  });

  it('writes a marked Markdown file with document directives and footnote definitions', () => {
    const book = parseBook(fixture('end-notes.md'), { language: 'en' });
    const markdown = renderMarkdown(book, 'en');
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('<!-- interlinea:markdown v1 {"language":"en","title":"Notes on a Quiet Committee"} -->');
    expect(lines).toContain('<!-- interlinea {"document":"chapter","title":"2. The Spring Meeting"} -->');
    expect(lines).toContain('# 2\\. The Spring Meeting'.replace('\\', '') /* headings are not escaped */);
    expect(lines).toContain('The second meeting was short.[^1] Nobody spoke against the plan.[^2] The vote was taken at noon.[^3]');
    expect(lines).toContain('[^2]: Misprinted label: this is the note of the second marker.');
    expect(lines).toContain('<!-- interlinea {"kind":"figure","lang":"ru"} -->');
    expect(lines).toContain('\\- Do you think they will come tonight?');
    // A reference without body is kept as an empty definition.
    expect(lines).toContain('[^5]:');
  });

  it('escapes text that would read as markup, and keeps stray HTML inert', () => {
    const markdown = renderMarkdown(parseBook(fixture('blocks.md'), { language: 'en' }), 'en');
    expect(markdown).toContain('stray \\<b>HTML\\</b> with \\<script>alert(1)\\</script> & an entity.');
    expect(markdown).toContain('an escaped \\*star\\*');
    expect(markdown).toContain('1946\\. A paragraph');
    expect(markdown).toContain('| Year | Barges |\n| --- | --- |\n| 1910 | 42 |\n| 1911 | *39* |');
  });

  it('gives repeated labels distinct keys and keeps the printed label', () => {
    const book: Book = {
      language: 'en',
      title: null,
      documents: [
        {
          id: 'd',
          kind: 'chapter',
          title: '1. Twice',
          segments: [
            segment('heading', [{ type: 'text', text: '1. Twice' }], 1),
            segment('paragraph', [
              { type: 'text', text: 'First' },
              { type: 'footnoteRef', footnoteId: 'f1' },
              { type: 'text', text: ' second' },
              { type: 'footnoteRef', footnoteId: 'f2' },
            ]),
          ],
          footnotes: [
            { id: 'f1', label: '1', body: [segment('noteBody', [{ type: 'text', text: 'A note.' }])] },
            { id: 'f2', label: '1', body: [] },
          ],
        },
      ],
    };
    const markdown = renderMarkdown(book, 'en');
    expect(markdown).toContain('First[^1] second[^1~2]');
    expect(markdown).toContain('<!-- interlinea {"label":"1"} -->\n[^1~2]:');
    const back = parseBook(markdown, { language: 'en' });
    expect(shape(back)).toEqual(shape(book));
  });

  it('keeps segments without text (a language not translated yet), in the text and in notes', () => {
    const empty = (kind: SegmentKind, level?: number): BookSegment => segment(kind, [], level);
    const book: Book = {
      language: 'de',
      title: 'Leer',
      documents: [
        {
          id: 'd',
          kind: 'chapter',
          title: '1. Leer',
          segments: [empty('heading', 1), empty('paragraph'), empty('heading', 3), segment('paragraph', [{ type: 'footnoteRef', footnoteId: 'f1' }]), empty('table'), empty('caption')],
          footnotes: [{ id: 'f1', label: '1', body: [empty('noteBody'), segment('noteBody', [{ type: 'text', text: 'Zweiter Absatz.' }]), empty('noteBody')] }],
        },
      ],
    };
    const back = parseBook(renderMarkdown(book, 'en'), { language: 'en' });
    expect(shape(back)).toEqual(shape(book));
  });

  it('round-trips random inline content of every kind', () => {
    const random = mulberry32(20261121);
    for (let round = 0; round < 300; round++) {
      const book = randomBook(random);
      const markdown = renderMarkdown(book, 'en');
      const back = parseBook(markdown, { language: 'en' });
      expect({ round, shape: shape(back) }).toEqual({ round, shape: shape(book) });
    }
  });

  it('refuses a damaged export', () => {
    const bad = '<!-- interlinea:markdown v1 {"language":"en"} -->\n\n<!-- interlinea {"document":"novel","title":"x"} -->\n\nText.\n';
    expect(() => parseBook(bad, { language: 'en' })).toThrow(BookImportError);
    expect(() => parseBook(bad, { language: 'en' })).toThrow(/unknown document kind "novel"/);
  });
});

let segmentIds = 0;
function segment(kind: SegmentKind, content: InlineContent, level?: number): BookSegment {
  return { id: `s-${++segmentIds}`, kind, language: 'en', content, pages: [], ...(level ? { level } : {}) };
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['river', 'Баржа', 'Fluß', '1.', '- ', '#', '*', '_', '[', ']', '(x)', '<b>', '&amp;', '\\', '|', '>', '`', ':', '---', '[^1]', '1946.', '"', '“', ' ', '  ', 'a_b', '**', '!['];
const SEGMENT_KINDS: SegmentKind[] = ['heading', 'paragraph', 'blockQuote', 'listItem', 'table', 'caption', 'figure'];

function randomContent(random: () => number, kind: SegmentKind, footnotes: string[]): InlineContent {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const nodes: InlineContent = [];
  const count = 1 + Math.floor(random() * 8);
  for (let i = 0; i < count; i++) {
    if (footnotes.length && random() < 0.15) {
      nodes.push({ type: 'footnoteRef', footnoteId: pick(footnotes) });
      continue;
    }
    let t = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(WORDS)).join(random() < 0.5 ? ' ' : '');
    if (kind !== 'heading' && random() < 0.15) t += '\n';
    if ((kind === 'table' || kind === 'figure') && random() < 0.3) t += '\t';
    const marks: Mark[] = [];
    if (random() < 0.3) marks.push('italic');
    if (random() < 0.2) marks.push('bold');
    nodes.push(marks.length ? { type: 'text', text: t, marks } : { type: 'text', text: t });
  }
  if (random() < 0.05) return []; // no text (not translated yet)
  nodes.push({ type: 'text', text: 'end' });
  const content = canonicalContent(nodes);
  expect(canonicalContent(content)).toEqual(content); // the canonical form is stable
  return content;
}

function randomBook(random: () => number): Book {
  const footnoteIds = ['n1', 'n2', 'n3'];
  const segments: BookSegment[] = SEGMENT_KINDS.map((kind, i) => ({
    id: `s${i}`,
    kind,
    ...(kind === 'heading' ? { level: 1 + Math.floor(random() * 6) } : {}),
    language: random() < 0.2 ? 'ru' : 'en',
    content: randomContent(random, kind, footnoteIds),
    pages: random() < 0.3 ? ['12', '13'] : [],
  }));
  const used = new Set(segments.flatMap((s) => s.content.flatMap((n) => (n.type === 'footnoteRef' ? [n.footnoteId] : []))));
  const firstUse = (id: string): number => {
    let position = 0;
    for (const s of segments) for (const n of s.content) if (n.type === 'footnoteRef') {
      if (n.footnoteId === id) return position;
      position++;
    }
    return Infinity;
  };
  const footnotes = footnoteIds
    .map((id, i) => ({
      id,
      label: i === 2 ? '*' : String(i + 1),
      body: i === 1 && used.has(id) ? [] : [
        { id: `${id}b`, kind: 'noteBody' as const, language: 'en', content: randomContent(random, 'noteBody', footnoteIds), pages: [] },
      ],
    }))
    .filter((f) => used.has(f.id) || f.body.length)
    .sort((a, b) => firstUse(a.id) - firstUse(b.id));
  return { language: 'en', title: 'Random', documents: [{ id: 'd1', kind: 'chapter', title: `Random ${text(segments[0]!.content)}`, segments, footnotes }] };
}
