import type { InlineContent } from '#libs/content';
import { splitAt, tableRows } from './inline.js';
import type { PrintedDocument, PrintedEdition, PrintedNote, PrintedSegment } from './printed-edition.js';
import { wordsFor } from './words.js';

/**
 * Typst source for a typeset edition. Two layouts for two languages, one for one language:
 *
 * - columns: A4, each segment a row of two columns (so the languages stay side by side paragraph by
 *   paragraph); the notes of both languages at the foot of the page where they are referenced, each
 *   language in its own half, numbered per language and chapter.
 * - facing: A5 spreads, the left (even) page in one language and the right (odd) page in the other.
 *   Paragraphs are packed into spreads by measuring both sides and their notes, so a spread's two
 *   pages hold the same paragraphs; each page has its own language's notes at its foot.
 * - single: one language, A5.
 *
 * Text never passes through Typst markup: every run is a string literal, so nothing in a book can be
 * read as markup or code.
 */
export type PdfLayout = 'columns' | 'facing' | 'single';

export interface TypstOptions {
  layout: PdfLayout;
}

/** Page geometry per layout; `measureWidth`/`measureHeight` are the text area used for packing. */
const GEOMETRY = {
  columns: { paper: 'a4', margin: '(x: 18mm, top: 22mm, bottom: 24mm)', size: '9.5pt' },
  facing: { paper: 'a5', margin: '(inside: 20mm, outside: 14mm, top: 20mm, bottom: 22mm)', size: '9.5pt' },
  single: { paper: 'a5', margin: '(inside: 20mm, outside: 14mm, top: 20mm, bottom: 22mm)', size: '9.5pt' },
} as const;

const str = (text: string): string =>
  `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n').replace(/\t/g, '\\t')}"`;

/** A note's own label, unique in the document, so a second reference can point at the first. */
const noteLabel = (chapter: number, language: string, label: string): string => `fn-${language}-c${chapter}-${label}`;

export function renderTypst(edition: PrintedEdition, options: TypstOptions): string {
  const layout = edition.languages.length === 1 ? 'single' : options.layout;
  const g = GEOMETRY[layout];
  const [left, right] = edition.languages as [string, string | undefined];
  const draft = edition.mode === 'draft';
  const out: string[] = [];
  out.push(`#set document(title: ${str(edition.title)})`);
  out.push(`#set text(font: ("Libertinus Serif", "New Computer Modern"), size: ${g.size}, lang: ${str(left)}, hyphenate: true)`);
  out.push('#set par(justify: true, leading: 0.52em, spacing: 0.75em)');
  out.push('#show heading: set text(weight: "bold")');
  out.push('#show heading.where(level: 1): set text(size: 1.35em)');
  out.push('#show heading.where(level: 2): set text(size: 1.15em)');
  out.push('#show heading: set block(above: 1.1em, below: 0.7em)');
  out.push('#show heading: set text(hyphenate: false)');
  out.push('#show heading: set par(justify: false)');
  out.push('#set footnote.entry(separator: line(length: 30%, stroke: 0.4pt), gap: 0.35em, clearance: 0.8em, indent: 0em)');
  out.push('#show footnote.entry: set text(size: 0.8em)');
  out.push('#show footnote.entry: set par(leading: 0.42em)');
  out.push(`#let chapter-mark = <chapter>`);
  // Running heads: the chapter's title in the page's language; nothing on a chapter's opening page.
  out.push(`#let running(side) = context {
  let page = here().page()
  if query(<chapter>).any(m => m.location().page() == page) { return }
  let before = query(selector(<chapter>).before(here()))
  if before.len() == 0 { return }
  let titles = before.last().value
  set text(size: 0.8em, style: "italic")
  ${
    layout === 'columns'
      ? `grid(columns: (1fr, 1fr), column-gutter: 8mm, align(left, titles.at(${str(left)})), align(right, titles.at(${str(right ?? left)})))`
      : layout === 'facing'
        ? `if calc.even(page) { align(left, titles.at(${str(left)})) } else { align(right, titles.at(${str(right ?? left)})) }`
        : `if calc.even(page) { align(left, ${str(edition.title)}) } else { align(right, titles.at(${str(left)})) }`
  }
}`);
  const notice = edition.languages.map((l) => wordsFor(l).draftNotice).join(' · ');
  // On A5 pages the full notice would wrap; there each page says "Draft" in both languages.
  const footerNotice = layout === 'columns' ? notice : edition.languages.map((l) => wordsFor(l).draft).join(' · ');
  out.push(`#set page(paper: ${str(g.paper)}, margin: ${g.margin},
  header: running(none),
  footer: context {
    set text(size: 0.8em)
    ${draft ? `align(center, text(fill: rgb("#9b1c1c"), weight: "bold", ${str(footerNotice.toUpperCase())}))\n    v(-0.4em)` : ''}
    align(center, counter(page).display())
  },
  ${draft ? `background: rotate(-40deg, text(size: 64pt, fill: rgb(200, 30, 30, 22), weight: "bold", ${str(edition.languages.map((l) => wordsFor(l).draft.toUpperCase()).join(' / '))})),` : ''}
)`);
  if (layout === 'columns') {
    // Notes: each language in its half of the page foot.
    out.push(`#show footnote.entry: it => {
  let l = if it.note.has("label") { str(it.note.label) } else { "" }
  if l.starts-with(${str(`fn-${right}-`)}) { pad(left: 52%, it) } else { block(width: 48%, it) }
}`);
  }
  // Title page.
  out.push(`#page(header: none, footer: none)[
  #v(30%)
  #align(center, text(size: 20pt, ${str(edition.title)}))
  #v(1em)
  #align(center, text(size: 11pt, style: "italic", ${str(edition.languages.map((l) => l.toUpperCase()).join(' · '))}))
  ${draft ? `#v(2em)\n  #align(center, text(fill: rgb("#9b1c1c"), weight: "bold", ${str(notice)}))` : ''}
]`);
  if (layout === 'facing') out.push(FACING_PACKER);
  edition.documents.forEach((doc, d) => {
    const titles = `(${edition.languages.map((l) => `${str(l)}: ${str(doc.titles[l] ?? '')}`).join(', ')})`;
    const chapter = d + 1;
    if (layout === 'facing') out.push('#pagebreak(to: "even", weak: true)');
    else out.push(`#pagebreak(${layout === 'single' ? 'to: "odd", ' : ''}weak: true)`);
    out.push(`#metadata(${titles}) <chapter>`);
    const cell = (segment: PrintedSegment, language: string, refs: Set<string>): string => block(segment, language, doc, chapter, refs, language === left);
    if (layout === 'columns') {
      const refs = new Set<string>();
      for (const segment of doc.segments) {
        out.push(`#grid(columns: (1fr, 1fr), column-gutter: 8mm, ${cell(segment, left, refs)}, ${cell(segment, right!, refs)})`);
      }
      const orphans = [left, right!].map((l) => orphanBlock(doc, l, chapter));
      if (orphans.some((o) => o !== '[]')) out.push(`#grid(columns: (1fr, 1fr), column-gutter: 8mm, ${orphans.join(', ')})`);
    } else if (layout === 'facing') {
      const refs = new Set<string>();
      const pairs = doc.segments.map((segment) => {
        const a = cell(segment, left, refs);
        const b = cell(segment, right!, refs);
        return `(${a}, ${b}, ${notesOf(segment, left, doc)}, ${notesOf(segment, right!, doc)})`;
      });
      const orphans = [left, right!].map((l) => orphanBlock(doc, l, chapter));
      if (orphans.some((o) => o !== '[]')) pairs.push(`(${orphans[0]}, ${orphans[1]}, [], [])`);
      out.push(`#facing((${pairs.join(',\n')},))`);
    } else {
      const refs = new Set<string>();
      for (const segment of doc.segments) out.push(`#${cell(segment, left, refs)}`);
      const orphan = orphanBlock(doc, left, chapter);
      if (orphan !== '[]') out.push(`#${orphan}`);
    }
  });
  return `${out.join('\n')}\n`;
}

/**
 * Packs pairs (left, right, left notes, right notes) into spreads: a pair joins the current spread
 * while both pages, text and notes, still fit; then the left page, a page break, the right page.
 * A pair taller than a page gets a spread of its own and runs on (the next spread re-aligns).
 */
const FACING_PACKER = `#let facing(pairs) = context {
  let em = 1em.to-absolute()
  // The text area: the page less its top and bottom margins, the footer and the note separator.
  let avail = page.height - 42mm - 2 * em
  let width = page.width - 34mm
  let h(c) = measure(block(width: width, c)).height
  let nh(c) = if c == [] { 0pt } else { measure(block(width: width, text(size: 0.8em, c))).height + 0.35 * em }
  let spreads = ()
  let current = ()
  let hl = 0pt
  let hr = 0pt
  for p in pairs {
    let a = h(p.at(0)) + nh(p.at(2)) + 0.75 * em
    let b = h(p.at(1)) + nh(p.at(3)) + 0.75 * em
    if current.len() > 0 and (hl + a > avail or hr + b > avail) {
      spreads.push(current)
      current = ()
      hl = 0pt
      hr = 0pt
    }
    current.push(p)
    hl += a
    hr += b
  }
  if current.len() > 0 { spreads.push(current) }
  for (i, s) in spreads.enumerate() {
    if i > 0 { pagebreak(to: "even") }
    for p in s { p.at(0) }
    pagebreak(to: "odd")
    for p in s { p.at(1) }
  }
}`;

/** The note bodies a segment references in a language, for measuring (never placed). */
function notesOf(segment: PrintedSegment, language: string, doc: PrintedDocument): string {
  const ids = [...new Set(segment.text[language]!.flatMap((n) => (n.type === 'footnoteRef' ? [n.footnoteId] : [])))];
  const notes = ids.map((id) => doc.notes[language]!.find((n) => n.id === id)).filter((n): n is PrintedNote => n !== undefined);
  if (!notes.length) return '[]';
  return `[${notes.map((n) => n.paragraphs.map((p) => inline(p, language, doc, 0, new Set(), true)).join('#parbreak()')).join('#parbreak()')}]`;
}

function block(segment: PrintedSegment, language: string, doc: PrintedDocument, chapter: number, refs: Set<string>, outlined: boolean): string {
  const content = segment.text[language]!;
  const lang = str(segment.textLanguage[language]!);
  const body = (c: InlineContent): string => inline(c, language, doc, chapter, refs);
  // Missing text (a final edition's gap, an untranslated segment) keeps its row, empty.
  if (content.length === 0) return '[]';
  let inner: string;
  switch (segment.kind) {
    case 'heading':
      inner = `#heading(level: ${Math.min(6, segment.level)}, outlined: ${outlined}, bookmarked: ${outlined})[${body(content)}]`;
      break;
    case 'blockQuote':
      inner = `#pad(left: 1.2em, right: 0.4em, text(size: 0.92em)[${body(content)}])`;
      break;
    case 'listItem':
      inner = `#pad(left: 1.1em, [#place(dx: -0.9em, [•])${body(content)}])`;
      break;
    case 'caption':
      inner = `#text(size: 0.9em, style: "italic")[${body(content)}]`;
      break;
    case 'figure':
      inner = `#pad(left: 0.8em, text(size: 0.9em)[${body(content)}])`;
      break;
    case 'table': {
      const rows = tableRows(content);
      const width = Math.max(1, ...rows.map((r) => r.length));
      const cells = rows.flatMap((r) => [...r, ...new Array<InlineContent>(width - r.length).fill([])]).map((c) => `[${body(c)}]`);
      inner = `#table(columns: ${width}, stroke: 0.4pt + luma(150), inset: 3pt, ${cells.join(', ')})`;
      break;
    }
    default:
      inner = body(content);
  }
  return `text(lang: ${lang})[${inner}#parbreak()]`;
}

function inline(content: InlineContent, language: string, doc: PrintedDocument, chapter: number, refs: Set<string>, measureOnly = false): string {
  return splitAt(content, '\n')
    .map((line) =>
      line
        .map((node) => {
          if (node.type === 'footnoteRef') {
            const label = doc.labels[language]!.get(node.footnoteId);
            if (label === undefined) return '';
            if (measureOnly) return `#super(${str(label)})`;
            const key = noteLabel(chapter, language, label);
            // A second reference to the same note: its label, linked to the note (Typst would number it anew).
            if (refs.has(key)) return `#super(link(<${key}>, ${str(label)}))`;
            refs.add(key);
            const note = doc.notes[language]!.find((n) => n.id === node.footnoteId)!;
            const body = note.paragraphs.map((p) => inline(p, language, doc, chapter, refs)).join('#parbreak()');
            return `#footnote(numbering: _ => ${str(label)})[#text(lang: ${str(language)})[${body}]]<${key}>`;
          }
          let run = `#${str(node.text)}`;
          if (node.marks?.includes('italic')) run = `#emph(${str(node.text)})`;
          if (node.marks?.includes('bold')) run = node.marks.includes('italic') ? `#strong(emph(${str(node.text)}))` : `#strong(${str(node.text)})`;
          return run;
        })
        .join(''),
    )
    .join('#linebreak()');
}

/** Notes no printed text refers to, after the chapter, never dropped. */
function orphanBlock(doc: PrintedDocument, language: string, chapter: number): string {
  const orphans = doc.notes[language]!.filter((n) => !n.referenced);
  if (!orphans.length) return '[]';
  const items = orphans.map((n) => `#super(${str(n.label)})#" "${n.paragraphs.map((p) => inline(p, language, doc, chapter, new Set(), true)).join('#parbreak()')}`);
  return `text(lang: ${str(language)}, size: 0.85em)[#line(length: 30%, stroke: 0.4pt)#emph(${str(wordsFor(language).unreferencedNotes)})#parbreak()${items.join('#parbreak()')}]`;
}
