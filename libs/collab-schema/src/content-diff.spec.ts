import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { type InlineContent, type Mark, footnoteRef, normalizeContent, plainText, text } from '#libs/content';
import { ChapterDocError } from './chapter-doc.errors.js';
import { applyContentDiff } from './content-diff.js';
import { readContent, writeContent } from './text-content.js';
import { type TextItem, contentItems, itemsToContent } from './text-items.js';

const FN1 = 'fn-1';
const FN2 = 'fn-2';

function textWith(content: InlineContent, clientID = 1): Y.Text {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const ytext = doc.getText('t');
  writeContent(ytext, content);
  return ytext;
}

/** Two-way sync of whatever each side has that the other lacks. */
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('applyContentDiff: minimal edits', () => {
  it('inserts a word in the middle without deleting anything', () => {
    const ytext = textWith([text('The quick fox')]);
    expect(applyContentDiff(ytext, [text('The quick brown fox')])).toEqual({ deleted: 0, inserted: 6, formatted: 0 });
    expect(readContent(ytext)).toEqual([text('The quick brown fox')]);
  });

  it('deletes a word without inserting anything', () => {
    const ytext = textWith([text('The quick brown fox')]);
    expect(applyContentDiff(ytext, [text('The quick fox')])).toEqual({ deleted: 6, inserted: 0, formatted: 0 });
  });

  it('toggles italic on a word by formatting only', () => {
    const ytext = textWith([text('see Pravda today')]);
    const next = [text('see '), text('Pravda', ['italic']), text(' today')];
    expect(applyContentDiff(ytext, next)).toEqual({ deleted: 0, inserted: 0, formatted: 6 });
    expect(readContent(ytext)).toEqual(next);
    expect(applyContentDiff(ytext, [text('see Pravda today')])).toEqual({ deleted: 0, inserted: 0, formatted: 6 });
    expect(readContent(ytext)).toEqual([text('see Pravda today')]);
  });

  it('changes one mark of a doubly marked run and leaves the other', () => {
    const ytext = textWith([text('ab', ['bold', 'italic']), text('cd', ['bold'])]);
    const next = [text('a', ['bold', 'italic']), text('bcd', ['bold'])];
    expect(applyContentDiff(ytext, next)).toEqual({ deleted: 0, inserted: 0, formatted: 1 });
    expect(readContent(ytext)).toEqual(next);
  });

  it('fixes a typo by touching the typo only', () => {
    const ytext = textWith([text('Zinovev and Kamenev')]);
    const stats = applyContentDiff(ytext, [text('Zinoviev and Kamenev')]);
    expect(stats).toEqual({ deleted: 0, inserted: 1, formatted: 0 });
  });

  it('moves a footnote reference as one unit', () => {
    const ytext = textWith([text('one'), footnoteRef(FN1), text(' two three')]);
    const next = [text('one two'), footnoteRef(FN1), text(' three')];
    expect(applyContentDiff(ytext, next)).toEqual({ deleted: 1, inserted: 1, formatted: 0 });
    expect(readContent(ytext)).toEqual(next);
  });

  it('inserts marked text and references with exactly their own marks', () => {
    const ytext = textWith([text('ab', ['italic'])]);
    const next = [text('a', ['italic']), text('X'), footnoteRef(FN2), text('Y', ['bold']), text('b', ['italic'])];
    expect(applyContentDiff(ytext, next)).toEqual({ deleted: 0, inserted: 3, formatted: 0 });
    expect(readContent(ytext)).toEqual(next);
  });

  it('never splits a surrogate pair', () => {
    const ytext = textWith([text('a😀b')]);
    expect(applyContentDiff(ytext, [text('a😁b')])).toEqual({ deleted: 1, inserted: 1, formatted: 0 });
    expect(readContent(ytext)).toEqual([text('a😁b')]);
    expect(ytext.toString()).toBe('a😁b');
  });

  it('does nothing at all, not even an empty update, when the text already reads as wanted', () => {
    const ytext = textWith([text('same', ['italic']), footnoteRef(FN1)]);
    const updates: Uint8Array[] = [];
    ytext.doc!.on('update', (u: Uint8Array) => updates.push(u));
    expect(applyContentDiff(ytext, [text('sa', ['italic']), text('me', ['italic']), footnoteRef(FN1)])).toEqual({
      deleted: 0,
      inserted: 0,
      formatted: 0,
    });
    expect(updates).toHaveLength(0);
  });

  it('applies everything in one transaction with the given origin', () => {
    const ytext = textWith([text('alpha beta gamma')]);
    const origins: unknown[] = [];
    ytext.doc!.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    applyContentDiff(ytext, [text('ALPHA beta '), text('gamma', ['bold']), footnoteRef(FN1)], 'rest');
    expect(origins).toEqual(['rest']);
  });

  it('leaves content outside the schema where it is', () => {
    const ytext = textWith([text('abc def')]);
    ytext.insertEmbed(3, { image: 'x.png' });
    ytext.insertEmbed(1, new Y.Map());
    expect(readContent(ytext)).toEqual([text('abc def')]);
    applyContentDiff(ytext, [text('aXc dYf', ['italic'])]);
    expect(readContent(ytext)).toEqual([text('aXc dYf', ['italic'])]);
    const foreign = ytext.toDelta().filter((op: { insert: unknown }) => typeof op.insert !== 'string');
    expect(foreign).toHaveLength(2);
  });

  it('refuses a Y.Text that is not part of a document', () => {
    expect(() => applyContentDiff(new Y.Text(), [text('x')])).toThrow(ChapterDocError);
  });
});

/** Random content and random edits of it, as items (characters with marks, references). */
const MARK_SETS: Mark[][] = [[], [], [], ['italic'], ['bold'], ['bold', 'italic']];

function randomContent(gen: prng.PRNG, words: number): InlineContent {
  const nodes: InlineContent = [];
  for (let i = 0; i < words; i++) {
    if (i > 0) nodes.push(text(' '));
    nodes.push(text(prng.oneOf(gen, ['w', 'wo', 'word', 'ё', 'Жж', '😀x']), prng.oneOf(gen, MARK_SETS)));
    if (prng.int32(gen, 0, 9) === 0) nodes.push(footnoteRef(prng.oneOf(gen, [FN1, FN2])));
  }
  return normalizeContent(nodes);
}

function mutate(gen: prng.PRNG, content: InlineContent): InlineContent {
  const items: TextItem[] = contentItems(content);
  for (let n = prng.int32(gen, 1, 4); n > 0; n--) {
    const at = prng.int32(gen, 0, items.length);
    const span = prng.int32(gen, 1, 5);
    switch (prng.int32(gen, 0, 4)) {
      case 0:
        items.splice(at, span);
        break;
      case 1:
        items.splice(at, 0, ...contentItems([text(prng.word(gen, 1, 6), prng.oneOf(gen, MARK_SETS))]));
        break;
      case 2:
        for (const item of items.slice(at, at + span)) if (item.kind === 'char') item.marks = prng.oneOf(gen, MARK_SETS);
        break;
      case 3:
        items.splice(at, 0, ...contentItems([footnoteRef(prng.oneOf(gen, [FN1, FN2]))]));
        break;
      default:
        items.splice(at, span, ...contentItems([text(prng.word(gen, 1, 6))]));
    }
  }
  return itemsToContent(items);
}

describe('applyContentDiff: seeded random edits', () => {
  it('always ends with exactly the wanted content, foreign content untouched (500 cases)', () => {
    const gen = prng.create(42);
    for (let n = 0; n < 500; n++) {
      const before = randomContent(gen, prng.int32(gen, 0, 12));
      const ytext = textWith(before);
      if (prng.bool(gen)) ytext.insertEmbed(prng.int32(gen, 0, ytext.length), { unknown: true });
      const after = mutate(gen, before);
      const stats = applyContentDiff(ytext, after);
      expect(readContent(ytext)).toEqual(after);
      expect(stats.deleted + stats.inserted).toBeLessThanOrEqual(
        contentItems(before).length + contentItems(after).length,
      );
      expect(applyContentDiff(ytext, after)).toEqual({ deleted: 0, inserted: 0, formatted: 0 });
    }
  });
});

/**
 * The property the server relies on for REST edits through the live document: a client types
 * in one place while the server diffs another place of the same text; after syncing, both
 * changes are there, nothing doubled, nothing lost.
 */
describe('applyContentDiff: concurrent edits elsewhere survive', () => {
  type Word = { text: string; marks: Mark[]; refAfter?: string };
  const render = (words: Word[]): InlineContent =>
    normalizeContent(
      words.flatMap((w, i) => [
        ...(i > 0 ? [text(' ')] : []),
        text(w.text, w.marks),
        ...(w.refAfter ? [footnoteRef(w.refAfter)] : []),
      ]),
    );

  it.each(Array.from({ length: 60 }, (_, seed) => seed))('seed %i', (seed) => {
    const gen = prng.create(seed);
    const words: Word[] = Array.from({ length: prng.int32(gen, 6, 14) }, () => ({
      text: prng.word(gen, 2, 7),
      marks: [],
    }));
    const server = textWith(render(words), 1);
    const clientDoc = new Y.Doc();
    clientDoc.clientID = 2;
    sync(server.doc!, clientDoc);
    const client = clientDoc.getText('t');

    // Two words apart, so neither edit touches the other's word or the spaces around it.
    const i = prng.int32(gen, 0, words.length - 1);
    const candidates = words.map((_, k) => k).filter((k) => Math.abs(k - i) >= 2);
    const j = prng.oneOf(gen, candidates);
    const start = (k: number): number => words.slice(0, k).reduce((n, w) => n + w.text.length + 1, 0);

    // The client, on its own copy.
    const expected = words.map((w) => ({ ...w }));
    const clientEdit = prng.int32(gen, 0, 2);
    const typed = prng.word(gen, 1, 5);
    if (clientEdit === 0) {
      client.insert(start(i), typed, {});
      expected[i]!.text = typed + expected[i]!.text;
    } else if (clientEdit === 1) {
      client.delete(start(i), words[i]!.text.length);
      expected[i]!.text = '';
    } else {
      client.format(start(i), words[i]!.text.length, { bold: true });
      expected[i]!.marks = ['bold'];
    }

    // The server, meanwhile, a REST edit computed on its own copy: word j rewritten (or
    // italicised), perhaps a footnote reference after it.
    const serverWords = words.map((w) => ({ ...w }));
    const replacement = prng.bool(gen) ? prng.word(gen, 1, 8) : words[j]!.text;
    const marks: Mark[] = prng.bool(gen) ? ['italic'] : [];
    const ref = prng.bool(gen) ? FN1 : undefined;
    serverWords[j] = { text: replacement, marks, refAfter: ref };
    expected[j] = { text: replacement, marks, refAfter: ref };
    applyContentDiff(server, render(serverWords), 'rest');

    sync(server.doc!, clientDoc);
    const want = render(expected);
    expect(readContent(server)).toEqual(want);
    expect(readContent(client)).toEqual(want);
    expect(plainText(readContent(server)).length).toBe(plainText(want).length);
  });
});
