import type { ChapterReviewState, SegmentView, VariantView } from '#libs/contracts';
import { cellStatus, matchesFilter } from './filters.js';

const variant = (status: VariantView['status'], text: string): VariantView => ({
  language: 'de',
  content: text ? [{ type: 'text', text }] : [],
  plainText: text,
  status,
  revision: 1,
  contentHash: 'h',
  updatedBy: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
  approvedBy: null,
  approvedAt: null,
});
const segment = (id: string, de?: VariantView): SegmentView => ({
  id,
  documentId: 'd',
  footnoteId: null,
  position: 0,
  kind: 'paragraph',
  level: null,
  language: null,
  pages: [],
  variants: de ? { de } : {},
});
const state: ChapterReviewState = { openThreads: { b: 2 }, changedSinceApproval: { c: ['de'] }, rejections: {} };

describe('review filters', () => {
  it('counts an empty draft as untranslated', () => {
    expect(cellStatus(segment('a'), 'de')).toBe('untranslated');
    expect(cellStatus(segment('a', variant('draft', '')), 'de')).toBe('untranslated');
    expect(cellStatus(segment('a', variant('draft', 'Text')), 'de')).toBe('draft');
  });

  it('selects by status, open threads and texts changed since their approval', () => {
    const list = [segment('a', variant('translated', 'Eins')), segment('b', variant('rejected', 'Zwei')), segment('c', variant('translated', 'Drei')), segment('d')];
    const pick = (f: Parameters<typeof matchesFilter>[2]) => list.filter((s) => matchesFilter(s, 'de', f, state)).map((s) => s.id);
    expect(pick('all')).toEqual(['a', 'b', 'c', 'd']);
    expect(pick('needsReview')).toEqual(['a', 'c']);
    expect(pick('rejected')).toEqual(['b']);
    expect(pick('untranslated')).toEqual(['d']);
    expect(pick('openComments')).toEqual(['b']);
    expect(pick('changedSinceApproval')).toEqual(['c']);
    expect(list.filter((s) => matchesFilter(s, 'ru', 'changedSinceApproval', state))).toEqual([]);
  });
});
