import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { type InlineContent, footnoteRef, text } from '#libs/content';
import { ChapterDocError } from './chapter-doc.errors.js';
import { deltaToContent } from './inline-delta.js';
import { readContent, writeContent } from './text-content.js';
import { itemsToContent, readTextItems } from './text-items.js';

const FN = '6f1c2a9e-0000-4000-8000-000000000001';

/** A Y.Text integrated in a fresh doc. */
function freshText(): Y.Text {
  return new Y.Doc().getText('t');
}

describe('writeContent / readContent', () => {
  it.each([
    ['empty', []],
    ['plain', [text('Bukharin')]],
    ['marks side by side', [text('a', ['italic']), text('b', ['bold']), text('c', ['bold', 'italic']), text('d')]],
    ['references', [footnoteRef(FN), text('x', ['italic']), footnoteRef(FN), footnoteRef(FN)]],
    ['astral characters', [text('😀𝔄', ['bold']), text('ж')]],
  ] as [string, InlineContent][])('round-trips %s through a Y.Text', (_name, content) => {
    const ytext = freshText();
    writeContent(ytext, content);
    expect(readContent(ytext)).toEqual(content);
    expect(deltaToContent(ytext.toDelta())).toEqual(content);
  });

  it('ignores marks a client put on a reference', () => {
    const ytext = freshText();
    writeContent(ytext, [text('ab')]);
    ytext.insertEmbed(1, { footnoteRef: FN }, { italic: true, bold: true });
    expect(ytext.toDelta()[1]).toEqual({ insert: { footnoteRef: FN }, attributes: { italic: true, bold: true } });
    expect(readContent(ytext)).toEqual([text('a'), footnoteRef(FN), text('b')]);
  });

  it('fills a Y.Text before it is part of a document', () => {
    const doc = new Y.Doc();
    const ytext = new Y.Text();
    writeContent(ytext, [text('x', ['bold']), footnoteRef(FN)]);
    doc.getMap('m').set('t', ytext);
    expect(readContent(ytext)).toEqual([text('x', ['bold']), footnoteRef(FN)]);
  });

  it('refuses a text that already has content', () => {
    const ytext = freshText();
    ytext.insert(0, 'x');
    expect(() => writeContent(ytext, [text('y')])).toThrow(ChapterDocError);
  });

  it('reads the same as the item walk the diff uses and as the delta, after random edits (seeded)', () => {
    const gen = prng.create(99);
    for (let n = 0; n < 300; n++) {
      const ytext = freshText();
      for (let k = prng.int32(gen, 1, 25); k > 0; k--) {
        const at = prng.int32(gen, 0, ytext.length);
        const roll = prng.int32(gen, 0, 5);
        if (roll === 0) ytext.insert(at, prng.word(gen, 1, 4));
        else if (roll === 1) ytext.insert(at, prng.word(gen, 1, 4), prng.oneOf(gen, [{}, { italic: true }, { bold: 1, color: 'x' }]));
        else if (roll === 2) ytext.insertEmbed(at, prng.oneOf<object>(gen, [{ footnoteRef: FN }, { other: 1 }]), prng.bool(gen) ? { italic: true } : {});
        else if (roll === 3) ytext.format(at, prng.int32(gen, 1, 4), { [prng.oneOf(gen, ['italic', 'bold', 'color'])]: prng.oneOf(gen, [true, null]) });
        else if (ytext.length > at) ytext.delete(at, Math.min(ytext.length - at, prng.int32(gen, 1, 3)));
      }
      const content = readContent(ytext);
      expect(itemsToContent(readTextItems(ytext))).toEqual(content);
      expect(deltaToContent(ytext.toDelta())).toEqual(content);
    }
  });
});
