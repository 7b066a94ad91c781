import { extractPageMarkers } from './page-markers.js';
import { decodeNumber, PAGE_TOKEN } from './rendering.js';

const pages = (s: string): string[] => [...s.matchAll(PAGE_TOKEN)].map((m) => decodeNumber(m[1]!));
const clean = (s: string): string => s.replace(PAGE_TOKEN, '#');

describe('page markers', () => {
  it('takes a transition mid-sentence out of the text and keeps the page it opens', () => {
    const r = extractPageMarkers('the seed grain ← 41 | 42 → would be returned');
    expect(r).toMatchObject({ markers: 1, openings: 0 });
    expect(pages(r.text)).toEqual(['42']);
    expect(clean(r.text)).toBe('the seed grain # would be returned');
  });

  it('reads an opening marker, a closing one, bracketed forms in three languages and roman numbers', () => {
    expect(pages(extractPageMarkers('| 41 →').text)).toEqual(['41']);
    expect(extractPageMarkers('| 41 →').openings).toBe(1);
    expect(pages(extractPageMarkers('end of it ← 57 |').text)).toEqual(['58']);
    expect(pages(extractPageMarkers('a [p. 12] b [S. 13] c [с. 14] d [стр. 15] e [Seite 16]').text)).toEqual(['12', '13', '14', '15', '16']);
    expect(pages(extractPageMarkers('| xii →').text)).toEqual(['xii']);
  });

  it('leaves pipes, arrows and bracketed numbers that are no page markers alone', () => {
    for (const s of ['a | b', 'x → y', 'see [12]', 'growth of 41 → 42 per cent', 'A|B']) {
      expect(extractPageMarkers(s)).toEqual({ text: s, markers: 0, openings: 0 });
    }
  });
});
