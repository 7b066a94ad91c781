import { fixtureEdition } from '../test/fixture-edition.js';
import { renderHtml } from './html.js';
import { printEdition } from './printed-edition.js';

describe('renderHtml', () => {
  const html = renderHtml(printEdition(fixtureEdition(), { languages: ['en', 'ru'], mode: 'draft' }));

  it('puts each segment in one row of two columns, so the languages stay aligned', () => {
    const rows = [...html.matchAll(/<div class="pair pair--(\w+)" data-segment="([^"]+)">\n(.*)\n(.*)\n<\/div>/g)];
    expect(rows).toHaveLength(9);
    for (const row of rows) {
      expect(row[3]).toMatch(/lang="en"/);
      expect(row[4]).toMatch(/lang="ru"/);
    }
    expect(html).toContain('grid-template-columns: repeat(2, minmax(0, 1fr))');
  });

  it('links every reference to its note and back, numbered per language and chapter', () => {
    for (const m of html.matchAll(/<a id="([^"]+)" href="#([^"]+)" role="doc-noteref">/g)) {
      expect(html).toContain(`<li id="${m[2]}"`);
    }
    for (const m of html.matchAll(/<a class="note__back" href="#([^"]+)"/g)) expect(html).toContain(`id="${m[1]}"`);
    expect(html).toContain('<sup class="ref"><a id="c1-ru-r1" href="#c1-ru-n1" role="doc-noteref">1</a></sup>');
    expect(html).toContain('<sup class="ref"><a id="c1-ru-r1-2" href="#c1-ru-n1" role="doc-noteref">1</a></sup>');
    expect(html).toContain('<li id="c2-en-n1"'); // chapter 2 counts from 1 again
    expect(html).toContain('Notes without a reference in the text');
  });

  it('escapes text, keeps italics and bold, and marks a draft on screen and on every printed page', () => {
    expect(html).toContain('<em>Усть-Кулома</em>');
    expect(html).toContain('<strong>половодье</strong>');
    expect(html).toMatch(/<div class="draft-mark" role="note">Draft — contains text not yet approved · Черновик/);
    // In print, the notice heads every page (a page margin box), with the page number at the foot.
    expect(html).toContain('@top-center { content: "DRAFT — CONTAINS TEXT NOT YET APPROVED · ЧЕРНОВИК — СОДЕРЖИТ НЕУТВЕРЖДЁННЫЙ ТЕКСТ";');
    expect(html).toContain('@bottom-center { content: counter(page);');
    const final = renderHtml(printEdition(fixtureEdition(), { languages: ['en', 'ru'], mode: 'final' }));
    expect(final).not.toContain('draft-mark" role');
    expect(final).not.toContain('@top-center');
    expect(final).not.toContain('Поздние записи'); // rejected
  });
});
