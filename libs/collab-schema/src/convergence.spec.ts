import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { type InlineContent, type Mark, footnoteRef, text } from '#libs/content';
import { buildChapterDoc, readChapterDoc, variantText } from './chapter-doc.js';
import {
  insertSegment,
  moveSegment,
  removeSegment,
  setFootnoteLabel,
  setSegmentKind,
  setVariantContent,
} from './chapter-edits.js';
import { applyContentDiff } from './content-diff.js';
import { type ChapterSnapshot } from './schema.js';
import { readContent } from './text-content.js';
import { contentItems, itemsToContent, readTextItems } from './text-items.js';

const LANGUAGES = ['de', 'en', 'ru'];
const FOOTNOTE_IDS = ['f1', 'f2'];

const chapter: ChapterSnapshot = {
  segments: [
    { id: 's1', kind: 'heading', level: 1, variants: { ru: [text('Глава первая')], en: [text('Chapter One')] } },
    { id: 's2', kind: 'paragraph', variants: { ru: [text('Бухарин и '), text('Правда', ['italic']), footnoteRef('f1')] } },
    { id: 's3', kind: 'paragraph', variants: { en: [text('Bukharin wrote'), footnoteRef('f2'), text(' twice.')] } },
    { id: 's4', kind: 'blockQuote', variants: {} },
    { id: 'n1', kind: 'noteBody', footnoteId: 'f1', variants: { ru: [text('Там же.')] } },
    { id: 'n2', kind: 'noteBody', footnoteId: 'f2', variants: { en: [text('Ibid.', ['italic'])] } },
  ],
  order: ['s1', 's2', 's3', 's4'],
  footnotes: [
    { id: 'f1', labels: { ru: '1' }, body: ['n1'] },
    { id: 'f2', labels: { en: '2' }, body: ['n2'] },
  ],
};

/**
 * Peers that hear each other's updates through queues, delivered one message at a time in a
 * seeded random order (so updates also arrive out of order, which Yjs must cope with).
 */
class Network {
  private readonly inbox = new Map<Y.Doc, Uint8Array[]>();

  constructor(readonly peers: Y.Doc[]) {
    for (const peer of peers) {
      this.inbox.set(peer, []);
      peer.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === this) return;
        for (const other of peers) if (other !== peer) this.inbox.get(other)!.push(update);
      });
    }
  }

  deliverSome(gen: prng.PRNG): void {
    for (let n = prng.int32(gen, 0, 4); n > 0; n--) {
      const peer = prng.oneOf(gen, this.peers);
      const queue = this.inbox.get(peer)!;
      if (queue.length === 0) continue;
      const [update] = queue.splice(prng.int32(gen, 0, queue.length - 1), 1);
      Y.applyUpdate(peer, update!, this);
    }
  }

  flush(): void {
    for (const [peer, queue] of this.inbox) {
      while (queue.length > 0) Y.applyUpdate(peer, queue.shift()!, this);
    }
  }
}

const MARK_SETS: Mark[][] = [[], ['italic'], ['bold'], ['bold', 'italic']];

/** What a REST edit would send: the current content with a word replaced, marks changed, a reference added. */
function edited(gen: prng.PRNG, content: InlineContent): InlineContent {
  const items = contentItems(content);
  const at = prng.int32(gen, 0, items.length);
  switch (prng.int32(gen, 0, 3)) {
    case 0:
      items.splice(at, prng.int32(gen, 0, 4), ...contentItems([text(prng.word(gen, 1, 6), prng.oneOf(gen, MARK_SETS))]));
      break;
    case 1:
      for (const item of items.slice(at, at + 5)) if (item.kind === 'char') item.marks = prng.oneOf(gen, MARK_SETS);
      break;
    case 2:
      items.splice(at, 0, ...contentItems([footnoteRef(prng.oneOf(gen, FOOTNOTE_IDS))]));
      break;
    default:
      items.splice(at, prng.int32(gen, 1, 6));
  }
  return itemsToContent(items);
}

/** One random edit on one peer, the way an editor or the server would make it. */
function randomEdit(gen: prng.PRNG, doc: Y.Doc, step: number): void {
  const snapshot = readChapterDoc(doc);
  if (snapshot.segments.length === 0) return;
  const segment = prng.oneOf(gen, snapshot.segments);
  const lang = prng.oneOf(gen, LANGUAGES);
  const ytext = variantText(doc, segment.id, lang);
  const roll = prng.int32(gen, 0, 99);
  // Positions on character boundaries, as an editor's cursor is: Yjs does not support splitting
  // a surrogate pair (it turns both halves into U+FFFD on the peer that split, and peers diverge).
  const items = ytext === null ? [] : readTextItems(ytext);
  const boundary = (i: number): number => (i < items.length ? items[i]!.pos : ytext!.length);
  if (ytext !== null && roll < 30) {
    // Typing: an editor usually inserts with the attributes at the cursor (inherited), sometimes explicit.
    const at = boundary(prng.int32(gen, 0, items.length));
    const word = prng.oneOf(gen, [prng.word(gen, 1, 5), ' ', 'ё', '😀']);
    if (prng.bool(gen)) ytext.insert(at, word);
    else ytext.insert(at, word, prng.oneOf(gen, [{}, { italic: true }, { bold: true }]));
  } else if (ytext !== null && roll < 45 && items.length > 0) {
    const from = prng.int32(gen, 0, items.length - 1);
    const to = Math.min(items.length, from + prng.int32(gen, 1, 4));
    ytext.delete(boundary(from), boundary(to) - boundary(from));
  } else if (ytext !== null && roll < 55 && items.length > 0) {
    const from = prng.int32(gen, 0, items.length - 1);
    const to = Math.min(items.length, from + prng.int32(gen, 1, 6));
    const mark = prng.oneOf(gen, ['italic', 'bold']);
    ytext.format(boundary(from), boundary(to) - boundary(from), { [mark]: prng.bool(gen) ? true : null });
  } else if (ytext !== null && roll < 62) {
    ytext.insertEmbed(boundary(prng.int32(gen, 0, items.length)), { footnoteRef: prng.oneOf(gen, FOOTNOTE_IDS) }, {});
  } else if (ytext !== null && roll < 77) {
    applyContentDiff(ytext, edited(gen, readContent(ytext)), 'rest');
  } else if (roll < 80) {
    setVariantContent(doc, segment.id, lang, [text(prng.word(gen, 1, 8))], { origin: 'rest' });
  } else if (roll < 86) {
    const id = `new-${step}-${doc.clientID}`;
    insertSegment(doc, { id, kind: 'paragraph', variants: { en: [text(id)] } }, prng.int32(gen, 0, snapshot.order.length), {
      languages: LANGUAGES,
    });
  } else if (roll < 92) {
    moveSegment(doc, segment.id, prng.int32(gen, 0, 5));
  } else if (roll < 94) {
    removeSegment(doc, segment.id);
  } else if (roll < 97 && segment.kind !== 'noteBody') {
    setSegmentKind(doc, segment.id, prng.oneOf(gen, ['paragraph', 'heading', 'blockQuote', 'listItem'] as const), prng.int32(gen, 1, 3));
  } else {
    setFootnoteLabel(doc, prng.oneOf(gen, FOOTNOTE_IDS), lang, String(prng.int32(gen, 1, 99)));
  }
}

/** Invariants every read must satisfy whatever happened concurrently. */
function expectWellFormed(snapshot: ChapterSnapshot): void {
  const ids = snapshot.segments.map((s) => s.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(snapshot.segments.slice(0, snapshot.order.length).map((s) => s.id)).toEqual(snapshot.order);
  expect(snapshot.footnotes.flatMap((f) => f.body)).toEqual(ids.slice(snapshot.order.length));
  for (const s of snapshot.segments) expect(s.kind === 'noteBody').toBe(!snapshot.order.includes(s.id));
}

describe('three peers with seeded random concurrent edits', () => {
  it.each(Array.from({ length: 40 }, (_, seed) => seed))('converge to the same chapter (seed %i)', (seed) => {
    const gen = prng.create(1000 + seed);
    const origin = buildChapterDoc(chapter, { languages: LANGUAGES });
    const peers = [1, 2, 3].map((clientID) => {
      const doc = new Y.Doc();
      doc.clientID = clientID;
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin));
      return doc;
    });
    const network = new Network(peers);
    for (let step = 0; step < 120; step++) {
      randomEdit(gen, prng.oneOf(gen, peers), step);
      network.deliverSome(gen);
    }
    network.flush();

    const [a, b, c] = peers.map((doc) => readChapterDoc(doc));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expectWellFormed(a!);
    expect(Y.encodeStateVector(peers[1]!)).toEqual(Y.encodeStateVector(peers[0]!));
    // A latecomer that loads the merged state reads the same chapter.
    const late = new Y.Doc();
    Y.applyUpdate(late, Y.encodeStateAsUpdate(peers[2]!));
    expect(readChapterDoc(late)).toEqual(a);
  });
});
