import { fixture } from '../../test/helpers.js';
import { detectRendering } from './detect-rendering.js';

describe('rendering detection', () => {
  it('tells every rendering of the fixtures, with its reasons', () => {
    expect(detectRendering(fixture('end-notes.md')).name).toBe('markdown');
    expect(detectRendering(fixture('page-notes.md')).name).toBe('markdown');
    for (const language of ['en', 'ru', 'de']) {
      expect(detectRendering(fixture(`renderings/plain-text-${language}.txt`)).name).toBe('plain-text');
      expect(detectRendering(fixture(`renderings/web-page-${language}.txt`)).name).toBe('web-page');
      expect(detectRendering(fixture(`renderings/flattened-essay-${language}.txt`)).name).toBe('flattened-essay');
    }
    expect(detectRendering('<!-- interlinea:markdown v1 {"language":"en"} -->\n')).toEqual({ name: 'interlinea-export', reasons: [{ code: 'EXPORT_HEADER', count: 1 }] });
  });

  it('reads plain paragraphs between blank lines as Markdown (the original rules), as before', () => {
    expect(detectRendering('One paragraph.\n\nAnother paragraph.\n\nA third.\n').name).toBe('markdown');
  });

  it('reads blank-separated text with chapter lines and no markup as plain text', () => {
    const text = fixture('renderings/plain-text-en.txt').split('\n').join('\n\n');
    expect(detectRendering(text)).toEqual({ name: 'plain-text', reasons: [{ code: 'ONE_PARAGRAPH_PER_LINE', count: 1 }, { code: 'BLANK_LINE_PARAGRAPHS', count: 11 }] });
  });
});
