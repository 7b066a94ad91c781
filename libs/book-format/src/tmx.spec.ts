import { footnoteRef, text } from '#libs/content';
import { fixtureEdition } from '../test/fixture-edition.js';
import { describeWithShared } from '../../../test/support/shared-data.js';
import { checkAgainstDtd } from '../test/dtd-check.js';
import { tmxDtd, tmxKit } from '../test/references.js';
import type { Edition } from './edition.js';
import { BookFormatError } from './errors.js';
import { readTmx, renderTmx } from './tmx.js';

const IMPORT_FILES = ['ImportTest1A', 'ImportTest1B', 'ImportTest1C', 'ImportTest1D', 'ImportTest1H', 'ImportTest1I', 'ImportTest1L', 'ImportTest2A', 'ImportTest2B'];
const options = { created: new Date('2026-12-04T10:00:00Z'), toolVersion: '0.1.0' };

/** The export against the kit's DTD (see test/dtd-check.ts). */
const validateTmx = async (xml: string): Promise<{ errors: string[] }> => ({ errors: checkAgainstDtd(xml, tmxDtd()) });

/** An edition holding a TMX file's units, as a matching edition would. */
function editionOf(units: ReturnType<typeof readTmx>['units'], languages: string[]): Edition {
  return {
    id: 'e',
    slug: 'kit',
    title: 'kit',
    sourceLanguage: languages[0]!,
    languages,
    documents: [
      {
        id: 'd',
        kind: 'chapter',
        titles: {},
        footnotes: [],
        segments: units.map((u, n) => ({
          id: u.tuid ?? `u${n}`,
          kind: 'paragraph',
          pages: [],
          variants: Object.fromEntries(u.variants.map((v) => [v.lang.toLowerCase(), { content: v.content, status: 'translated' as const, revision: 1, contentHash: '' }])),
        })),
      },
    ],
  };
}

describeWithShared('reference/tmx-1.4b')('TMX 1.4b', () => {
  it('the DTD check finds what breaks the DTD', () => {
    expect(checkAgainstDtd('<tmx version="1.4"><body/></tmx>', tmxDtd())).toEqual([
      expect.stringMatching(/<tmx> holds body,/),
    ]);
    expect(checkAgainstDtd(tmxKit('ExportTest2A.tmx').toString('utf8'), tmxDtd())).toEqual([]);
    const badSeg = '<tmx version="1.4"><header creationtool="a" creationtoolversion="1" segtype="line" o-tmf="x" adminlang="en" srclang="en" datatype="x"/><body><tu><tuv><seg><b/></seg></tuv></tu></body></tmx>';
    expect(checkAgainstDtd(badSeg, tmxDtd()).join('\n')).toMatch(/segtype="line" is not one of[\s\S]*<tuv> needs xml:lang[\s\S]*<b> is not allowed in <seg>/);
  });

  it.each(IMPORT_FILES)('imports the compliance kit file %s', (name) => {
    const tmx = readTmx(tmxKit(`${name}.tmx`));
    expect(tmx.units.length).toBeGreaterThan(0);
    for (const unit of tmx.units) expect(unit.variants.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps whitespace, character references and every language as written', () => {
    const spaces = readTmx(tmxKit('ImportTest1A.tmx'));
    expect(spaces.units.some((u) => u.variants.some((v) => v.text.includes('\t')))).toBe(true);
    expect(spaces.units.some((u) => u.variants.some((v) => /  /.test(v.text)))).toBe(true);
    const refs = readTmx(tmxKit('ImportTest1D.tmx'));
    // The kit writes each text once with character references and once with literal characters.
    for (const unit of refs.units) expect(unit.variants[0]!.text).toBe(unit.variants[1]!.text);
    expect(refs.units[0]!.variants[0]!.text).toBe('à=agrave, é=eacute, æ=aelig');
    const five = readTmx(tmxKit('ImportTest1C.tmx'));
    expect(new Set(five.units.flatMap((u) => u.variants.map((v) => v.lang.toLowerCase())))).toEqual(new Set(['en-us', 'en-gb', 'fr-ca', 'ja-jp', 'es-es']));
    expect(readTmx(tmxKit('ImportTest1I.tmx')).units.some((u) => u.variants.some((v) => v.text.includes('\u3000')))).toBe(true);
    const header = readTmx(tmxKit('ImportTest1L.tmx'));
    expect(header.header.creationdate).toBeDefined();
    expect(header.notes.length + header.props.length).toBeGreaterThan(0);
  });

  it('pairs bpt/ept by i, bold and italic become marks, also when nested and reordered', () => {
    const tmx = readTmx(tmxKit('ImportTest2A.tmx'));
    const [first] = tmx.units;
    const en = first!.variants.find((v) => v.lang === 'en-us')!.content;
    expect(en).toEqual([text('The big '), text('black', ['bold']), text(' cat sleeps.')]);
    const nested = tmx.units[2]!.variants[0]!.content;
    // Underlining is no mark of ours: its pair leaves the text as it is.
    expect(nested).toContainEqual(text('Bold+Italic+Underlined, Bold+Italic', ['bold', 'italic']));
    expect(nested).toContainEqual(text(', Bold', ['bold']));
    const rtf = readTmx(tmxKit('ImportTest2B.tmx'));
    expect(rtf.units[0]!.variants[0]!.content).toContainEqual(text('black', ['bold']));
  });

  it('writes every aligned variant of every language pair, valid against the TMX 1.4 DTD', async () => {
    const xml = renderTmx(fixtureEdition(), options);
    const result = await validateTmx(xml);
    expect(result.errors).toEqual([]);
    const back = readTmx(xml);
    const edition = fixtureEdition();
    const para = edition.documents[0]!.segments[1]!;
    const unit = back.units.find((u) => u.tuid === para.id)!;
    expect(unit.variants.map((v) => v.lang)).toEqual(['en', 'ru', 'de']);
    expect(unit.variants[1]!.content).toEqual(para.variants.ru!.content);
    expect(unit.variants[0]!.content).toContainEqual(footnoteRef('f0000000-0000-4000-8000-000000000001'));
    // The list item has no German: its unit has two variants; the English-only paragraph has none.
    expect(back.units.find((u) => u.tuid === edition.documents[0]!.segments[3]!.id)!.variants).toHaveLength(2);
    expect(back.units.find((u) => u.tuid === edition.documents[1]!.segments[2]!.id)).toBeUndefined();
  });

  it('writes the kit export files the same way: same segments, same code structure, escaping', async () => {
    for (const name of ['ExportTest1A', 'ExportTest1B', 'ExportTest2A']) {
      const expected = readTmx(tmxKit(`${name}.tmx`));
      const languages = [...new Set(expected.units.flatMap((u) => u.variants.map((v) => v.lang.toLowerCase())))];
      const ours = renderTmx(editionOf(expected.units, languages), options);
      expect((await validateTmx(ours)).errors).toEqual([]);
      const again = readTmx(ours);
      expect(again.units.map((u) => u.variants.map((v) => v.content))).toEqual(
        expected.units.filter((u) => u.variants.filter((v) => v.content.some((n) => n.type === 'text' && n.text.trim())).length >= 2).map((u) => u.variants.map((v) => v.content)),
      );
    }
  });

  it('refuses what is not TMX, naming the line', () => {
    expect(() => readTmx('<?xml version="1.0"?>\n<tmx version="1.4">\n<body/></tmx>')).toThrow(/line 2: no <header>/);
    expect(() => readTmx('<tmx version="1.4"><header creationtool="a" creationtoolversion="1" segtype="block" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>\n<tu><tuv xml:lang="en"><seg>a<ept i="1"/></seg></tuv></tu></body></tmx>')).toThrow(BookFormatError);
  });
});
