import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alignDocument, alignSentences, alignUnits, type AlignUnit } from './align.js';
import { FOOTNOTE_MARK } from './anchors.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../test/fixtures');

/** A fixture chapter: paragraphs (a `# ` heading first) and notes `[^label]: text`, references `[^label]`. */
function readChapter(name: string) {
  const blocks = readFileSync(join(fixtures, name), 'utf8').trim().split(/\n\s*\n/);
  const paragraphs: AlignUnit[] = [];
  const notes = new Map<string, string>();
  const referenceOrder: string[] = [];
  for (const block of blocks) {
    if (block.startsWith('[^')) {
      for (const line of block.split('\n')) {
        const note = /^\[\^([^\]]+)\]:\s*(.*)$/.exec(line)!;
        notes.set(note[1]!, note[2]!.trim());
      }
      continue;
    }
    const text = block.replace(/\[\^([^\]]+)\]/g, (_, label: string) => {
      referenceOrder.push(label);
      return FOOTNOTE_MARK;
    });
    paragraphs.push(text.startsWith('# ') ? { text: text.slice(2), heading: true } : { text });
  }
  return { paragraphs, notes: referenceOrder.map((label) => ({ label, text: notes.get(label)! })) };
}

describe('alignDocument on a chapter and its German translation', () => {
  const en = readChapter('chapter.en.md');
  const de = readChapter('chapter.de.md');
  const result = alignDocument(en.paragraphs, de.paragraphs, { from: 'en', to: 'de' });

  it('finds the two merged and the one split paragraph', () => {
    expect(result.paragraphs.map((b) => [b.source, b.target])).toEqual([
      [[0], [0]],
      [[1], [1]],
      [[2, 3], [2]],
      [[4], [3, 4]],
      [[5, 6], [5]],
    ]);
  });

  it('pairs every sentence one to one and leaves the dropped one alone', () => {
    const ref = (r: { paragraph: number; sentence: number }) => `${r.paragraph}.${r.sentence}`;
    const beads = result.sentences.map((b) => `${b.source.map(ref).join('+')}=${b.target.map(ref).join('+')}`);
    expect(beads).toEqual([
      '0.0=0.0',
      '1.0=1.0', '1.1=1.1',
      '2.0=2.0', '2.1=2.1', '3.0=2.2', '3.1=2.3',
      '4.0=3.0', '4.1=3.1', '4.2=4.0', '4.3=4.1',
      '5.0=5.0', '5.1=5.1', '6.0=5.2', '6.1=',
    ]);
    const dropped = result.sentences[result.sentences.length - 1]!;
    expect(result.sourceSentences[6]![1]!.text).toBe('Nobody spoke of a temporary retreat any longer.');
    // The review shows the least sure beads first: the sentence left out and its neighbour (which of
    // the two went missing is the one real doubt here) come before every other bead.
    const order = result.sentences.map((b, i) => [b.confidence, i] as const).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
    expect(order.slice(0, 2).sort()).toEqual([result.sentences.length - 2, result.sentences.length - 1]);
    expect(dropped.confidence).toBeLessThan(0.9);
  });

  it('pairs the renumbered notes by the order of their references and their text, not by label', () => {
    expect(en.notes.map((n) => n.label)).toEqual(['3', '4']);
    expect(de.notes.map((n) => n.label)).toEqual(['1', '2']);
    const beads = alignUnits(en.notes, de.notes, { from: 'en', to: 'de' });
    expect(beads.map((b) => [b.source, b.target])).toEqual([
      [[0], [0]],
      [[1], [1]],
    ]);
  });
});

describe('alignSentences', () => {
  it('gives 1:0 and 0:1 beads with empty sides, and handles an empty side', () => {
    expect(alignSentences([], ['Eins.', 'Zwei.'], { from: 'en', to: 'de' })).toEqual([
      { source: [], target: [0], confidence: 1 },
      { source: [], target: [1], confidence: 1 },
    ]);
    expect(alignSentences([], [], { from: 'en', to: 'de' })).toEqual([]);
  });

  it('uses a bilingual word list to place an omission where the words say', () => {
    const source = ['The harvest failed in the south.', 'The harvest failed in the north.', 'Prices rose.'];
    const target = ['Im Norden missriet die Ernte.', 'Die Preise stiegen.'];
    const withList = alignSentences(source, target, {
      from: 'en',
      to: 'de',
      learnWords: false,
      wordList: [
        { source: 'north', target: 'Norden' },
        { source: 'south', target: 'Süden' },
      ],
    });
    expect(withList.map((b) => [b.source, b.target])).toEqual([
      [[0], []],
      [[1], [0]],
      [[2], [1]],
    ]);
  });

  it('uses numbers as anchors across scripts', () => {
    const source = ['In 1929 the plan was raised.', 'In 1930 it was raised again.', 'Then came the famine.'];
    const target = ['В 1930 году его снова повысили.', 'Затем пришёл голод.'];
    const beads = alignSentences(source, target, { from: 'en', to: 'ru', learnWords: false });
    expect(beads.map((b) => [b.source, b.target])).toEqual([
      [[0], []],
      [[1], [0]],
      [[2], [1]],
    ]);
  });
});
