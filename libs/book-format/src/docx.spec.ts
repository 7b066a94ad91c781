import JSZip from 'jszip';
import mammoth from 'mammoth';
import { fixtureEdition } from '../test/fixture-edition.js';
import { renderDocx } from './docx.js';
import { printEdition } from './printed-edition.js';

async function parts(bytes: Uint8Array): Promise<{ document: string; footnotes: string }> {
  const zip = await JSZip.loadAsync(bytes);
  return { document: await zip.file('word/document.xml')!.async('string'), footnotes: await zip.file('word/footnotes.xml')!.async('string') };
}

describe('renderDocx', () => {
  it('bilingual: one table row per segment, real Word footnotes in each language with their own labels', async () => {
    const bytes = await renderDocx(printEdition(fixtureEdition(), { languages: ['en', 'ru'], mode: 'draft' }));
    const { document, footnotes } = await parts(bytes);
    expect(document.match(/<w:tr>/g)).toHaveLength(9);
    // References carry their label as a custom mark; the notes repeat it.
    const refs = [...document.matchAll(/<w:footnoteReference w:customMarkFollows="1" w:id="(\d+)"\/><w:t xml:space="preserve">(\d+)<\/w:t>/g)];
    expect(refs.map((r) => r[2])).toEqual(['1', '1', '2', '2', '1', '3', '1', '3', '1', '1']);
    for (const [, id, label] of refs) expect(footnotes).toMatch(new RegExp(`<w:footnote w:id="${id}">[\\s\\S]*?<w:t xml:space="preserve">${label}</w:t>`));
    // Only Word's separators keep the automatic mark.
    expect(footnotes.replace(/<w:footnote w:type="(continuationSeparator|separator)"[\s\S]*?<\/w:footnote>/g, '')).not.toContain('<w:footnoteRef/>');
    // Word reads it: mammoth finds the notes of both languages.
    const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    expect(value).toContain('Regional archive, fond 7, file 31.');
    expect(value).toContain('Областной архив, фонд 7, дело 31.');
    expect(value).toContain('<em>Усть-Кулома</em>');
    const zip = await JSZip.loadAsync(bytes);
    const header = await zip.file(/word\/header\d*\.xml/)[0]!.async('string');
    expect(header).toContain('DRAFT — CONTAINS TEXT NOT YET APPROVED');
  });

  it('one language: paragraphs with their notes', async () => {
    const bytes = await renderDocx(printEdition(fixtureEdition(), { languages: ['de'], mode: 'final' }));
    const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    expect(value).toContain('Der Fährmann von');
    expect(value).toContain('Regionalarchiv, Fonds 7, Akte 31.');
    expect(value).not.toContain('Das Wasser wartet'); // a draft, not in a final edition
    const { document } = await parts(bytes);
    expect(document).not.toContain('<w:tbl>');
  });
});
