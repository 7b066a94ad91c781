import type { InlineContent } from '#libs/content';
import { mergeContent } from './text-merge.js';

const t = (text: string, marks?: ('italic' | 'bold')[]): InlineContent[number] => (marks ? { type: 'text', text, marks } : { type: 'text', text });

describe('mergeContent', () => {
  it('keeps both sides: live typing and the REST change', () => {
    expect(mergeContent([t('Der Hund lief.')], [t('» Der Hund lief.')], [t('Der Kater lief.')])).toEqual([t('» Der Kater lief.')]);
  });

  it('is the request when nothing happened live, and the live text when the request changed nothing', () => {
    expect(mergeContent([t('abc')], [t('abc')], [t('xyz')])).toEqual([t('xyz')]);
    expect(mergeContent([t('abc')], [t('abcd')], [t('abc')])).toEqual([t('abcd')]);
  });

  it('merges formatting and references', () => {
    const merged = mergeContent(
      [t('a word here')],
      [t('a word here'), { type: 'footnoteRef', footnoteId: 'f1' }],
      [t('a '), t('word', ['italic']), t(' here')],
    );
    expect(merged).toEqual([t('a '), t('word', ['italic']), t(' here'), { type: 'footnoteRef', footnoteId: 'f1' }]);
  });
});
