import type { InlineContent } from '#libs/content';
import { escapeXml, splitAt, tableRows } from './inline.js';
import type { PrintedDocument, PrintedEdition, PrintedSegment } from './printed-edition.js';
import { wordsFor } from './words.js';

/**
 * The edition as one HTML page for the web and for proofreading: the languages side by side in a grid
 * whose rows are segments (so both columns stay aligned segment by segment, on screen and in print),
 * each chapter followed by its notes, one list per language, linked both ways with the references.
 * A draft says so at the top and, in print, on every page.
 */
export function renderHtml(edition: PrintedEdition): string {
  const [first] = edition.languages as [string];
  const columns = edition.languages.length;
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${escapeXml(first)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="Interlinea">`,
    `<title>${escapeXml(edition.title)}</title>`,
    `<style>${css(columns)}${pageMarks(edition)}</style>`,
    '</head>',
    `<body class="edition edition--${edition.mode}">`,
  ];
  if (edition.mode === 'draft') {
    const notice = edition.languages.map((l) => escapeXml(wordsFor(l).draftNotice)).join(' · ');
    out.push(`<div class="draft-mark" role="note">${notice}</div>`);
  }
  out.push(`<header class="edition-title"><h1>${escapeXml(edition.title)}</h1></header>`);
  out.push(`<nav class="toc"><div class="pair">`);
  for (const language of edition.languages) {
    out.push(`<ol lang="${escapeXml(language)}" aria-label="${escapeXml(wordsFor(language).contents)}">`);
    edition.documents.forEach((doc, d) => out.push(`<li><a href="#c${d + 1}">${escapeXml(doc.titles[language] ?? '')}</a></li>`));
    out.push('</ol>');
  }
  out.push('</div></nav>');
  edition.documents.forEach((doc, d) => out.push(renderChapter(edition, doc, d + 1)));
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

function renderChapter(edition: PrintedEdition, doc: PrintedDocument, n: number): string {
  const out: string[] = [`<section class="chapter chapter--${doc.kind}" id="c${n}">`];
  const refCounts = new Map<string, number>();
  for (const segment of doc.segments) {
    out.push(`<div class="pair pair--${segment.kind}" data-segment="${segment.id}">`);
    for (const language of edition.languages) out.push(renderSegment(segment, language, doc, n, refCounts));
    out.push('</div>');
  }
  if (edition.languages.some((l) => doc.notes[l]!.length)) {
    out.push('<div class="pair pair--notes">');
    for (const language of edition.languages) {
      const words = wordsFor(language);
      out.push(`<aside class="notes" lang="${escapeXml(language)}" aria-label="${escapeXml(words.notes)}">`);
      const notes = doc.notes[language]!;
      if (notes.length) out.push(`<h3 class="notes__title">${escapeXml(words.notes)}</h3>`);
      let inUnreferenced = false;
      out.push('<ol class="notes__list">');
      for (const note of notes) {
        if (!note.referenced && !inUnreferenced) {
          inUnreferenced = true;
          out.push(`</ol><h4 class="notes__orphans">${escapeXml(words.unreferencedNotes)}</h4><ol class="notes__list">`);
        }
        const id = noteId(n, language, note.label);
        const mark = note.referenced
          ? `<a class="note__back" href="#${refId(n, language, note.label, 1)}" role="doc-backlink">${escapeXml(note.label)}</a>`
          : `<span class="note__back">${escapeXml(note.label)}</span>`;
        const body = note.paragraphs.map((p) => `<p>${inline(p, language, doc, n, refCounts)}</p>`).join('');
        out.push(`<li id="${id}" class="note" role="doc-footnote">${mark}<div class="note__body">${body}</div></li>`);
      }
      out.push('</ol></aside>');
    }
    out.push('</div>');
  }
  out.push('</section>');
  return out.join('\n');
}

function renderSegment(segment: PrintedSegment, language: string, doc: PrintedDocument, n: number, refs: Map<string, number>): string {
  const content = segment.text[language]!;
  const lang = escapeXml(segment.textLanguage[language]!);
  const pages = segment.pages.length ? ` data-pages="${escapeXml(segment.pages.join(' '))}"` : '';
  const empty = content.length === 0 ? ' gap' : '';
  const body = (c: InlineContent): string => inline(c, language, doc, n, refs);
  switch (segment.kind) {
    case 'heading': {
      const level = Math.min(6, segment.level + 1);
      return `<h${level} lang="${lang}" class="cell${empty}"${pages}>${body(content)}</h${level}>`;
    }
    case 'blockQuote':
      return `<blockquote lang="${lang}" class="cell${empty}"${pages}>${body(content)}</blockquote>`;
    case 'listItem':
      return `<div lang="${lang}" class="cell list-item${empty}"${pages}>${body(content)}</div>`;
    case 'caption':
      return `<p lang="${lang}" class="cell caption${empty}"${pages}>${body(content)}</p>`;
    case 'figure':
      return `<div lang="${lang}" class="cell figure${empty}"${pages}>${body(content)}</div>`;
    case 'table': {
      const rows = tableRows(content)
        .map((row) => `<tr>${row.map((cell) => `<td>${body(cell)}</td>`).join('')}</tr>`)
        .join('');
      return `<div lang="${lang}" class="cell${empty}"${pages}><table>${rows}</table></div>`;
    }
    default:
      return `<p lang="${lang}" class="cell${empty}"${pages}>${body(content)}</p>`;
  }
}

const noteId = (chapter: number, language: string, label: string): string => `c${chapter}-${language}-n${label}`;
const refId = (chapter: number, language: string, label: string, k: number): string => `c${chapter}-${language}-r${label}${k > 1 ? `-${k}` : ''}`;

function inline(content: InlineContent, language: string, doc: PrintedDocument, chapter: number, refs: Map<string, number>): string {
  return splitAt(content, '\n')
    .map((line) =>
      line
        .map((node) => {
          if (node.type === 'footnoteRef') {
            const label = doc.labels[language]!.get(node.footnoteId);
            if (label === undefined) return '';
            const key = `${language}:${label}`;
            const k = (refs.get(key) ?? 0) + 1;
            refs.set(key, k);
            return `<sup class="ref"><a id="${refId(chapter, language, label, k)}" href="#${noteId(chapter, language, label)}" role="doc-noteref">${escapeXml(label)}</a></sup>`;
          }
          let html = escapeXml(node.text);
          if (node.marks?.includes('bold')) html = `<strong>${html}</strong>`;
          if (node.marks?.includes('italic')) html = `<em>${html}</em>`;
          return html;
        })
        .join(''),
    )
    .join('<br>');
}

/** Print: page numbers at the foot, and on a draft the notice at the head of every page (page margin boxes). */
function pageMarks(edition: PrintedEdition): string {
  const quote = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/</g, '\\3c ')}"`;
  const notice = edition.languages.map((l) => wordsFor(l).draftNotice).join(' · ').toUpperCase();
  const head = edition.mode === 'draft' ? `@top-center { content: ${quote(notice)}; font: 600 7.5pt system-ui, sans-serif; letter-spacing: 0.04em; color: #8a1c1c; }` : '';
  return `\n@page { ${head} @bottom-center { content: counter(page); font: 9pt "Libertinus Serif", Georgia, serif; } }`;
}

function css(columns: number): string {
  return `
:root { color-scheme: light; --gutter: 2.2rem; }
body { margin: 0 auto; max-width: ${columns > 1 ? '70rem' : '40rem'}; padding: 2rem 1.5rem 4rem; font: 1.05rem/1.5 "Libertinus Serif", "Linux Libertine", Georgia, "Times New Roman", serif; color: #1b1b1b; hyphens: auto; }
.pair { display: grid; grid-template-columns: repeat(${columns}, minmax(0, 1fr)); column-gap: var(--gutter); }
.cell { margin: 0 0 0.7em; text-align: justify; }
.gap { min-height: 1em; background: repeating-linear-gradient(135deg, transparent 0 6px, #f1ece4 6px 8px); }
h2.cell, h3.cell, h4.cell, h5.cell, h6.cell { text-align: left; hyphens: manual; margin-top: 1.2em; }
h2.cell { font-size: 1.45rem; }
blockquote.cell { margin: 0 1.2em 0.7em; font-size: 0.95em; }
.list-item { padding-left: 1.2em; text-indent: -1.2em; }
.list-item::before { content: "•"; display: inline-block; width: 1.2em; text-indent: 0; }
.caption { font-size: 0.9em; font-style: italic; }
.figure { white-space: pre-line; font-size: 0.9em; border-left: 2px solid #c9bfae; padding-left: 0.8em; }
table { border-collapse: collapse; font-size: 0.9em; }
td { border: 1px solid #c9bfae; padding: 0.15em 0.4em; vertical-align: top; }
.ref { line-height: 0; font-size: 0.7em; }
.ref a, .note__back { text-decoration: none; color: #7a3b12; }
.chapter { border-top: 1px solid #e3ddd2; margin-top: 2.5rem; padding-top: 1rem; }
.pair--notes { margin-top: 1rem; border-top: 1px solid #c9bfae; font-size: 0.86em; }
.notes__title { font-size: 1em; margin: 0.6em 0 0.3em; }
.notes__orphans { font-size: 0.95em; font-style: italic; font-weight: normal; margin: 0.6em 0 0.3em; }
.notes__list { list-style: none; padding: 0; margin: 0; }
.note { display: flex; gap: 0.5em; margin-bottom: 0.35em; }
.note:target { background: #fff4d6; }
.note__back { min-width: 1.6em; text-align: right; }
.note__body p { margin: 0; text-align: justify; }
.toc ol { padding-left: 1.2em; }
.edition-title h1 { font-size: 1.9rem; text-align: center; font-weight: normal; letter-spacing: 0.02em; }
.draft-mark { position: sticky; top: 0; z-index: 1; text-align: center; padding: 0.3em; font: 600 0.8rem/1.3 system-ui, sans-serif; letter-spacing: 0.05em; text-transform: uppercase; color: #8a1c1c; background: #fdecea; border-bottom: 1px solid #e8b4ae; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .draft-mark { display: none; }
  .chapter { break-before: page; border: none; margin: 0; padding: 0; }
  .pair { break-inside: avoid; }
  .pair--notes { break-inside: auto; }
  .toc { break-after: page; }
  a { color: inherit; }
  .gap { background: none; }
}
`.trim();
}
