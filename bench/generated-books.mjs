// Books of our own generated text for the import benchmark (no sentence of any real book).

/** Deterministic words of our own (no book's text): a small vocabulary and a seeded generator. */
function wordSource(seed = 13) {
  const vocabulary = (
    'the district committee met again in the winter and the villages sent their delegates across the frozen river ' +
    'grain quota ledger ferry station harvest letter teacher carter mill granary road archive report inspector ' +
    'spring autumn market office town household cattle seed sledge railway collection point minutes resolution'
  ).split(' ');
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648), state / 2147483648);
  return { word: () => vocabulary[Math.floor(next() * vocabulary.length)], chance: (p) => next() < p };
}

/** Chapters of paragraphs of about 100 words, one paragraph per line, markers glued to sentence ends. */
export function plainTextBook(total) {
  const { word, chance } = wordSource();
  const lines = ['A Generated Chronicle of the River Districts'];
  let count = 0;
  let chapter = 0;
  let marker = 0;
  while (count < total) {
    chapter++;
    lines.push(`${chapter} THE ${word().toUpperCase()} AND THE ${word().toUpperCase()}`);
    marker = 0;
    for (let p = 0; p < 50 && count < total; p++) {
      if (p > 0 && p % 12 === 0) lines.push(`THE ${word().toUpperCase()} OF THE ${word().toUpperCase()}`);
      const sentences = [];
      for (let s = 0; s < 6; s++) {
        const n = 14 + Math.floor((s * 7) % 5);
        const ws = Array.from({ length: n }, word);
        ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
        count += n;
        sentences.push(`${ws.join(' ')}.${chance(0.15) ? ++marker : ''}`);
      }
      lines.push(sentences.join(' '));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The same kind of book as a Word manuscript, with footnotes, endnotes, lists, quotations and italics. */
export async function docxBook(total) {
  const { Document, EndnoteReferenceRun, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const { word, chance } = wordSource(31);
  const footnotes = {};
  const endnotes = {};
  let fn = 0;
  let en = 0;
  const children = [new Paragraph({ text: 'A Generated Chronicle of the River Districts', heading: HeadingLevel.TITLE })];
  let count = 0;
  let chapter = 0;
  const sentence = (n) => {
    const ws = Array.from({ length: n }, word);
    ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
    count += n;
    return `${ws.join(' ')}. `;
  };
  while (count < total) {
    chapter++;
    children.push(new Paragraph({ text: `${chapter}. The ${word()} and the ${word()}`, heading: HeadingLevel.HEADING_1 }));
    for (let p = 0; p < 50 && count < total; p++) {
      if (p > 0 && p % 12 === 0) {
        children.push(new Paragraph({ text: `The ${word()} of the ${word()}`, heading: HeadingLevel.HEADING_2 }));
        for (let k = 0; k < 3; k++) children.push(new Paragraph({ text: sentence(5), bullet: { level: 0 } }));
        children.push(new Paragraph({ style: 'Quote', text: sentence(20) }));
      }
      const runs = [new TextRun(sentence(30)), new TextRun({ text: sentence(10), italics: true }), new TextRun(sentence(50))];
      if (chance(0.3)) {
        fn++;
        footnotes[fn] = { children: [new Paragraph(sentence(12))] };
        runs.push(new FootnoteReferenceRun(fn));
      }
      if (chance(0.1)) {
        en++;
        endnotes[en] = { children: [new Paragraph(sentence(12))] };
        runs.push(new EndnoteReferenceRun(en));
      }
      runs.push(new TextRun(sentence(10)));
      children.push(new Paragraph({ children: runs }));
    }
  }
  const doc = new Document({
    styles: { paragraphStyles: [{ id: 'Quote', name: 'Quote', basedOn: 'Normal' }] },
    footnotes,
    endnotes,
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
