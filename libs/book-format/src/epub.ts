import JSZip from 'jszip';
import type { InlineContent } from '#libs/content';
import { escapeXml, splitAt, tableRows } from './inline.js';
import type { PrintedDocument, PrintedEdition, PrintedSegment } from './printed-edition.js';
import { wordsFor } from './words.js';

export interface EpubOptions {
  /** dcterms:modified, which EPUB 3 requires; given so the same edition gives the same file. */
  modified: Date;
}

/**
 * One language of the edition as EPUB 3: the `mimetype` entry first and stored, the container, a
 * package document, the navigation document, one XHTML file per chapter whose notes follow it as
 * `epub:type="footnote"` asides, each reference a `noteref` link and each note linking back.
 */
export async function renderEpub(edition: PrintedEdition, options: EpubOptions): Promise<Uint8Array> {
  const [language] = edition.languages as [string];
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  zip.file(
    'META-INF/container.xml',
    `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`,
  );
  const chapters = edition.documents.map((doc, d) => ({ file: `chapter-${d + 1}.xhtml`, title: doc.titles[language] || `${d + 1}`, doc }));
  zip.file('OEBPS/style.css', STYLE);
  zip.file('OEBPS/nav.xhtml', navDocument(edition, language, chapters));
  chapters.forEach((c) => zip.file(`OEBPS/${c.file}`, chapterDocument(edition, language, c.doc, c.title)));
  const modified = options.modified.toISOString().replace(/\.\d{3}Z$/, 'Z');
  zip.file(
    'OEBPS/content.opf',
    `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${escapeXml(language)}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="book-id">urn:interlinea:${escapeXml(edition.slug)}:${escapeXml(language)}</dc:identifier>
    <dc:title>${escapeXml(edition.title)}</dc:title>
    <dc:language>${escapeXml(language)}</dc:language>
    <meta property="dcterms:modified">${modified}</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="style" href="style.css" media-type="text/css"/>
${chapters.map((c, d) => `    <item id="c${d + 1}" href="${c.file}" media-type="application/xhtml+xml"/>`).join('\n')}
  </manifest>
  <spine>
    <itemref idref="nav"/>
${chapters.map((_, d) => `    <itemref idref="c${d + 1}"/>`).join('\n')}
  </spine>
</package>
`,
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', mimeType: 'application/epub+zip' });
}

const xhtml = (language: string, title: string, body: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${escapeXml(language)}" xml:lang="${escapeXml(language)}">
<head><meta charset="UTF-8"/><title>${escapeXml(title)}</title><link rel="stylesheet" type="text/css" href="style.css"/></head>
<body>
${body}
</body>
</html>
`;

const draftNotice = (edition: PrintedEdition, language: string): string =>
  edition.mode === 'draft' ? `<p class="draft-mark">${escapeXml(wordsFor(language).draftNotice)}</p>\n` : '';

function navDocument(edition: PrintedEdition, language: string, chapters: { file: string; title: string }[]): string {
  const items = chapters.map((c) => `      <li><a href="${c.file}">${escapeXml(c.title)}</a></li>`).join('\n');
  return xhtml(
    language,
    edition.title,
    `${draftNotice(edition, language)}<h1 class="title">${escapeXml(edition.title)}</h1>
<nav epub:type="toc" id="toc">
  <h2>${escapeXml(wordsFor(language).contents)}</h2>
  <ol>
${items}
  </ol>
</nav>`,
  );
}

function chapterDocument(edition: PrintedEdition, language: string, doc: PrintedDocument, title: string): string {
  const refs = new Map<string, number>();
  const body: string[] = [draftNotice(edition, language), `<section epub:type="chapter" role="doc-chapter">`];
  for (const segment of doc.segments) {
    const block = renderBlock(segment, language, doc, refs);
    if (block) body.push(block);
  }
  body.push('</section>');
  const notes = doc.notes[language]!;
  if (notes.length) {
    const words = wordsFor(language);
    body.push(`<section class="notes" epub:type="footnotes" role="doc-endnotes">`, `<h2>${escapeXml(words.notes)}</h2>`);
    let orphans = false;
    for (const note of notes) {
      if (!note.referenced && !orphans) {
        orphans = true;
        body.push(`<h3>${escapeXml(words.unreferencedNotes)}</h3>`);
      }
      const back = note.referenced
        ? `<a class="back" href="#${refId(note.label, 1)}" role="doc-backlink">${escapeXml(note.label)}</a>`
        : `<span class="back">${escapeXml(note.label)}</span>`;
      const paragraphs = note.paragraphs.map((p, i) => `<p>${i === 0 ? `${back} ` : ''}${inline(p, language, doc, refs)}</p>`);
      if (!paragraphs.length) paragraphs.push(`<p>${back}</p>`);
      body.push(`<aside epub:type="footnote" role="doc-footnote" id="${noteId(note.label)}">${paragraphs.join('')}</aside>`);
    }
    body.push('</section>');
  }
  return xhtml(language, title, body.join('\n'));
}

const noteId = (label: string): string => `note-${label}`;
const refId = (label: string, k: number): string => `ref-${label}${k > 1 ? `-${k}` : ''}`;

function renderBlock(segment: PrintedSegment, language: string, doc: PrintedDocument, refs: Map<string, number>): string {
  const content = segment.text[language]!;
  if (content.length === 0) return '';
  const lang = segment.textLanguage[language] !== language ? ` lang="${escapeXml(segment.textLanguage[language]!)}" xml:lang="${escapeXml(segment.textLanguage[language]!)}"` : '';
  const html = (c: InlineContent): string => inline(c, language, doc, refs);
  switch (segment.kind) {
    case 'heading': {
      const level = Math.min(6, segment.level);
      return `<h${level}${lang}>${html(content)}</h${level}>`;
    }
    case 'blockQuote':
      return `<blockquote${lang}><p>${html(content)}</p></blockquote>`;
    case 'listItem':
      return `<ul${lang}><li>${html(content)}</li></ul>`;
    case 'caption':
      return `<p class="caption"${lang}>${html(content)}</p>`;
    case 'figure':
      return `<div class="figure"${lang}><p>${html(content)}</p></div>`;
    case 'table':
      return `<table${lang}>${tableRows(content).map((row) => `<tr>${row.map((cell) => `<td>${html(cell)}</td>`).join('')}</tr>`).join('')}</table>`;
    default:
      return `<p${lang}>${html(content)}</p>`;
  }
}

function inline(content: InlineContent, language: string, doc: PrintedDocument, refs: Map<string, number>): string {
  return splitAt(content, '\n')
    .map((line) =>
      line
        .map((node) => {
          if (node.type === 'footnoteRef') {
            const label = doc.labels[language]!.get(node.footnoteId);
            if (label === undefined) return '';
            const k = (refs.get(label) ?? 0) + 1;
            refs.set(label, k);
            return `<a epub:type="noteref" role="doc-noteref" class="ref" id="${refId(label, k)}" href="#${noteId(label)}">${escapeXml(label)}</a>`;
          }
          let html = escapeXml(node.text);
          if (node.marks?.includes('bold')) html = `<strong>${html}</strong>`;
          if (node.marks?.includes('italic')) html = `<em>${html}</em>`;
          return html;
        })
        .join(''),
    )
    .join('<br/>');
}

const STYLE = `body { font-family: serif; line-height: 1.45; margin: 0 5%; hyphens: auto; -epub-hyphens: auto; }
p { margin: 0 0 0.6em; text-align: justify; }
blockquote { margin: 0 1.5em 0.6em; font-size: 0.95em; }
a.ref { vertical-align: super; font-size: 0.7em; line-height: 0; text-decoration: none; }
.notes { margin-top: 2em; border-top: 1px solid #999; font-size: 0.9em; }
.notes h2 { font-size: 1em; }
.notes h3 { font-size: 0.95em; font-style: italic; font-weight: normal; }
a.back, span.back { font-weight: bold; text-decoration: none; margin-right: 0.3em; }
.caption { font-style: italic; font-size: 0.9em; }
table { border-collapse: collapse; }
td { border: 1px solid #999; padding: 0.1em 0.4em; }
.draft-mark { text-align: center; font-family: sans-serif; font-size: 0.75em; letter-spacing: 0.05em; text-transform: uppercase; color: #8a1c1c; border-bottom: 1px solid #e8b4ae; padding-bottom: 0.3em; }
.title { text-align: center; font-weight: normal; }
`;
