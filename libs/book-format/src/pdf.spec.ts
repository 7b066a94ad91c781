import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixtureEdition, longEdition } from '../test/fixture-edition.js';
import { describeWithPoppler } from '../test/references.js';
import { renderPdf, renderPdfOffThread } from './pdf.js';
import { printEdition } from './printed-edition.js';

/**
 * The typeset PDF read back with poppler (Debian poppler-utils: pdftotext, pdffonts, pdftoppm).
 * PDF_ARTIFACTS=dir keeps the PDFs and their pages as PNG for people to look at; the ones referenced
 * in docs/exports.md are in test/exports/artifacts/.
 */
function pagesOf(pdf: Uint8Array): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'il-pdf-'));
  const file = path.join(dir, 'out.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

function fontsOf(pdf: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'il-pdf-'));
  const file = path.join(dir, 'out.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}

function keep(name: string, pdf: Uint8Array): void {
  const dir = process.env.PDF_ARTIFACTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.pdf`), pdf);
  execFileSync('pdftoppm', ['-r', '80', '-png', path.join(dir, `${name}.pdf`), path.join(dir, name)]);
}

/** Numbers of the paragraphs that start on a page ("Paragraph 12." / "Абзац 12." / "Absatz 12."). */
const paragraphsOn = (page: string, word: string): number[] => [...page.matchAll(new RegExp(`${word} (\\d+)\\.`, 'g'))].map((m) => Number(m[1]));
const notesOn = (page: string, word: string): number[] => [...page.matchAll(new RegExp(`${word} (\\d+)\\.`, 'g'))].map((m) => Number(m[1]));

describeWithPoppler()('typeset PDF', () => {
  it('facing pages: each spread holds the same paragraphs, left in one language and right in the other, each page with its notes at its foot', () => {
    const edition = printEdition(longEdition(90), { languages: ['en', 'ru'], mode: 'final' });
    const { pdf, pages } = renderPdf(edition, { layout: 'facing' });
    keep('facing-en-ru', pdf);
    const text = pagesOf(pdf);
    expect(text).toHaveLength(pages);
    expect(pages).toBeGreaterThan(6);
    // Page 1 is the title page; spreads are pages (2, 3), (4, 5), …
    const seen: number[] = [];
    for (let left = 2; left <= pages; left += 2) {
      const en = text[left - 1]!;
      const ru = text[left] ?? '';
      const onLeft = paragraphsOn(en, 'Paragraph');
      expect(paragraphsOn(ru, 'Абзац')).toEqual(onLeft);
      expect(paragraphsOn(en, 'Абзац')).toEqual([]);
      expect(paragraphsOn(ru, 'Paragraph')).toEqual([]);
      // Every paragraph with a note has that note on its own page, in its own language.
      expect(notesOn(en, 'Note on paragraph')).toEqual(onLeft.filter((n) => n % 3 === 0));
      expect(notesOn(ru, 'Примечание к абзацу')).toEqual(onLeft.filter((n) => n % 3 === 0));
      seen.push(...onLeft);
    }
    expect(seen).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    // Running heads on the pages after the chapter's opening spread, in each page's language.
    expect(text[3]).toContain('3. A Long Chapter');
    expect(text[4]).toContain('3. Длинная глава');
    // A final edition says nothing about drafts.
    expect(text.join('')).not.toMatch(/DRAFT|ЧЕРНОВИК/);
  });

  it('columns: both languages side by side, notes of both at the foot of their page, numbered per language', () => {
    const edition = printEdition(fixtureEdition(), { languages: ['en', 'de'], mode: 'draft' });
    const { pdf } = renderPdf(edition, { layout: 'columns' });
    keep('columns-en-de', pdf);
    const [, first, second] = pagesOf(pdf);
    // Text and notes on the same page, German characters intact.
    expect(first).toContain('Der Fährmann von Ust-Kulom führte über jede Überfahrt');
    expect(first).toMatch(/1Regional archive, fond 7, file 31\.\s+1Regionalarchiv, Fonds 7, Akte 31\./);
    expect(first).toMatch(/3The school opened in 1927\.\s+3Die Schule wurde 1927 eröffnet\./);
    // The same line holds both languages: the columns are side by side.
    expect(first).toMatch(/Year Crossings\s+Jahr Überfahrten/);
    // Notes without a reference are printed after the chapter, not dropped.
    expect(first).toContain('4 A note the text no longer refers to.');
    // Chapter 2 starts a new page, its notes numbered from 1 again.
    expect(second).toMatch(/Zinoviev’s secretary\.1\s+Den Brief unterschrieb Sinowjews Sekretär\.1/);
    // A draft says so on every page.
    for (const page of pagesOf(pdf)) expect(page).toMatch(/ENTWURF|Entwurf/);
  });

  it('Cyrillic and German come out right, in fonts embedded in the file', () => {
    const edition = printEdition(fixtureEdition(), { languages: ['ru', 'de'], mode: 'draft' });
    const { pdf } = renderPdf(edition, { layout: 'columns' });
    keep('columns-ru-de', pdf);
    const all = pagesOf(pdf).join('\n');
    expect(all).toContain('Паромщик из Усть-Кулома вёл журнал');
    expect(all).toContain('„Das Wasser wartet nicht auf den Schreiber“, schrieb er.');
    expect(all).toContain('Grüße aus Saratow');
    const fonts = fontsOf(pdf).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, unicode map
  });

  it('one language: a single column with its notes', () => {
    const edition = printEdition(fixtureEdition(), { languages: ['ru'], mode: 'final' });
    const { pdf } = renderPdf(edition, { layout: 'facing' });
    const all = pagesOf(pdf).join('\n');
    expect(all).toContain('Областной архив, фонд 7, дело 31.');
    expect(all).not.toContain('Поздние записи'); // rejected in Russian: not in a final edition
  });

  it('typesets on a thread of its own the same pages', async () => {
    const edition = printEdition(fixtureEdition(), { languages: ['en', 'de'], mode: 'draft' });
    const here = renderPdf(edition, { layout: 'columns' });
    const there = await renderPdfOffThread(edition, { layout: 'columns' });
    expect(there.pages).toBe(here.pages);
    expect(pagesOf(there.pdf)).toEqual(pagesOf(here.pdf));
  });
});
