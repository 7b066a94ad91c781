import { parseRenderedText } from '#libs/book-import';
import { renderMarkdown } from '../../../../libs/book-import/test/helpers.js';
import { matchTranslation, type StoredStructure } from './translation-matcher.js';

const SOURCE = [
  '# 1. The Ferry',
  '',
  'The ferry crossed twice a day.[^1] In winter it stopped.',
  '',
  'The ferryman kept a ledger.',
  '',
  '[^1]: The timetable survives.',
  '',
].join('\n');

describe('matching a translation', () => {
  const source = parseRenderedText(SOURCE, { language: 'en' });
  const stored: StoredStructure = {
    documents: source.documents.map((d) => ({
      id: `stored-${d.id}`,
      title: d.title,
      segments: d.segments.map((s) => ({ id: `stored-${s.id}`, kind: s.kind, level: s.level ?? null })),
      footnotes: d.footnotes.map((f) => ({ id: `stored-${f.id}`, body: f.body.map((b) => ({ id: `stored-${b.id}` })) })),
    })),
  };

  it('writes no variant for a segment or note the file leaves empty (an export of an untranslated language)', () => {
    // The Russian edition has only its heading translated: the rest is exported empty.
    const ru = structuredClone(source);
    ru.language = 'ru';
    const doc = ru.documents[0]!;
    doc.segments[0]!.content = [{ type: 'text', text: '1. Паром' }];
    for (const s of doc.segments.slice(1)) s.content = [];
    for (const b of doc.footnotes.flatMap((f) => f.body)) b.content = [];
    const reimported = parseRenderedText(renderMarkdown(ru, 'ru'), { language: 'ru' });
    // Not reported as a note without a reference: an empty body is no body.
    expect(reimported.report.footnotes).toMatchObject({ references: 0, bodies: 0, orphanBodies: [], unresolvedReferences: [] });
    const matched = matchTranslation(stored, reimported);
    expect(matched.variants).toEqual([{ segmentId: stored.documents[0]!.segments[0]!.id, language: 'ru', content: [{ type: 'text', text: '1. Паром' }] }]);
  });

  it('points the references of the translation at the stored notes', () => {
    const de = structuredClone(source);
    de.language = 'de';
    const matched = matchTranslation(stored, parseRenderedText(renderMarkdown(de, 'de'), { language: 'de' }));
    const withRef = matched.variants.find((v) => v.content.some((n) => n.type === 'footnoteRef'))!;
    expect(withRef.content).toContainEqual({ type: 'footnoteRef', footnoteId: stored.documents[0]!.footnotes[0]!.id });
    expect(matched.variants).toHaveLength(4);
  });
});
