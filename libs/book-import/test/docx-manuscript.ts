import { Document, EndnoteReferenceRun, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';

/**
 * A Word manuscript built in the test with the `docx` package (our own text in three languages): a
 * title, two chapters with sections, italics and bold, a quotation (style "Quote"), a bulleted list,
 * a passage in Russian, footnotes (one with two paragraphs) and endnotes. `chapters` repeats the
 * chapters for the benchmark.
 */
export async function buildManuscript(chapters = 2, paragraphsPerChapter = 3): Promise<Buffer> {
  const footnotes: Record<string, { children: Paragraph[] }> = {};
  const endnotes: Record<string, { children: Paragraph[] }> = {};
  let fn = 0;
  let en = 0;
  const footnote = (...texts: string[]): FootnoteReferenceRun => {
    fn++;
    footnotes[fn] = { children: texts.map((t) => new Paragraph({ children: [new TextRun(t)] })) };
    return new FootnoteReferenceRun(fn);
  };
  const endnote = (t: string): EndnoteReferenceRun => {
    en++;
    endnotes[en] = { children: [new Paragraph({ children: [new TextRun({ text: t, italics: false })] })] };
    return new EndnoteReferenceRun(en);
  };
  const children: Paragraph[] = [new Paragraph({ text: 'Letters from the River Districts', heading: HeadingLevel.TITLE })];
  for (let c = 1; c <= chapters; c++) {
    children.push(new Paragraph({ text: `${c}. The Ferry at Kalinovka`, heading: HeadingLevel.HEADING_1 }));
    for (let p = 0; p < paragraphsPerChapter; p++) {
      children.push(
        new Paragraph({
          children: [
            new TextRun('The ferryman kept a ledger of every crossing, and the district office read it as a '),
            new TextRun({ text: 'chronicle of the harvest', italics: true }),
            new TextRun(', though he had meant nothing of the kind.'),
            footnote('The ledger is kept in the district museum.', 'A second paragraph of the same note, on its binding.'),
            new TextRun({ text: ' In spring the ', bold: false }),
            new TextRun({ text: 'river', bold: true }),
            new TextRun(' rose above the landing stage and the crossings stopped for a week.'),
            endnote('On the floods of that year see the weather reports of the district.'),
          ],
        }),
      );
    }
    children.push(new Paragraph({ text: 'What the Passengers Carried', heading: HeadingLevel.HEADING_2 }));
    children.push(new Paragraph({ text: 'Sacks of grain for the mill', bullet: { level: 0 } }));
    children.push(new Paragraph({ text: 'Letters for the post office', bullet: { level: 0 } }));
    children.push(new Paragraph({ text: 'Die Kinder des Lehrers auf dem Weg zur Schule', bullet: { level: 0 } }));
    children.push(
      new Paragraph({
        style: 'Quote',
        children: [new TextRun('Every crossing shall be entered in the book, with the name of the passenger and what he carries.'), footnote('Instruction of the district office.')],
      }),
    );
    children.push(new Paragraph({ children: [new TextRun('Переправа работала до самого ледостава, и паромщик записывал каждый рейс.')] }));
  }
  const doc = new Document({
    styles: { paragraphStyles: [{ id: 'Quote', name: 'Quote', basedOn: 'Normal', run: { italics: false } }] },
    footnotes,
    endnotes,
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
