import JSZip from 'jszip';
import { fixtureEdition } from '../test/fixture-edition.js';
import { renderEpub } from './epub.js';
import { printEdition } from './printed-edition.js';
import { attr, isElement, parseXml, type XmlElement } from './xml.js';

const all = (el: XmlElement): XmlElement[] => [el, ...el.children.filter(isElement).flatMap(all)];
const OPS = 'http://www.idpf.org/2007/ops';

/** The structural check: container → OPF → manifest files that exist → nav → chapters → notes linked both ways. */
async function checkEpub(bytes: Uint8Array): Promise<{ chapters: string[]; notes: number }> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  expect(names[0]).toBe('mimetype');
  expect(await zip.file('mimetype')!.async('string')).toBe('application/epub+zip');
  // Stored, not compressed: readers sniff it at a fixed offset.
  expect(Buffer.from(bytes).subarray(30, 38).toString()).toBe('mimetype');
  expect(Buffer.from(bytes).subarray(38, 58).toString()).toBe('application/epub+zip');
  const container = parseXml(await zip.file('META-INF/container.xml')!.async('string'));
  const opfPath = attr(all(container).find((e) => e.name === 'rootfile')!, 'full-path')!;
  const opf = parseXml(await zip.file(opfPath)!.async('string'));
  expect(attr(opf, 'version')).toBe('3.0');
  const meta = all(opf);
  expect(meta.find((e) => e.name === 'identifier')).toBeDefined();
  expect(meta.find((e) => e.name === 'title')).toBeDefined();
  expect(meta.find((e) => e.name === 'language')).toBeDefined();
  expect(meta.some((e) => e.name === 'meta' && attr(e, 'property') === 'dcterms:modified')).toBe(true);
  const base = opfPath.replace(/[^/]+$/, '');
  const items = meta.filter((e) => e.name === 'item');
  for (const item of items) expect(names).toContain(base + attr(item, 'href')!);
  const nav = items.find((i) => attr(i, 'properties') === 'nav')!;
  const ids = new Set(items.map((i) => attr(i, 'id')));
  const spine = meta.filter((e) => e.name === 'itemref').map((e) => attr(e, 'idref')!);
  for (const id of spine) expect(ids.has(id)).toBe(true);
  const navDoc = parseXml(await zip.file(base + attr(nav, 'href')!)!.async('string'));
  const toc = all(navDoc).find((e) => e.name === 'nav' && attr(e, 'type', OPS) === 'toc')!;
  const chapters = all(toc).filter((e) => e.name === 'a').map((a) => attr(a, 'href')!);
  let notes = 0;
  for (const href of chapters) {
    const doc = parseXml(await zip.file(base + href)!.async('string'));
    const elements = all(doc);
    const byId = new Map(elements.filter((e) => attr(e, 'id')).map((e) => [attr(e, 'id')!, e]));
    const refs = elements.filter((e) => e.name === 'a' && attr(e, 'type', OPS) === 'noteref');
    const asides = elements.filter((e) => e.name === 'aside' && attr(e, 'type', OPS) === 'footnote');
    for (const ref of refs) {
      const target = byId.get(attr(ref, 'href')!.slice(1));
      expect(target?.name).toBe('aside');
    }
    for (const aside of asides) {
      const back = all(aside).find((e) => e.name === 'a' && attr(e, 'role') === 'doc-backlink');
      const referenced = refs.some((r) => attr(r, 'href') === `#${attr(aside, 'id')}`);
      // Every referenced note links back to a reference that points at it; an unreferenced one has no link.
      if (referenced) expect(attr(byId.get(attr(back!, 'href')!.slice(1))!, 'href')).toBe(`#${attr(aside, 'id')}`);
      else expect(back).toBeUndefined();
      notes++;
    }
  }
  return { chapters, notes };
}

describe('renderEpub', () => {
  it('is a structurally valid EPUB 3 whose notes are linked both ways', async () => {
    const bytes = await renderEpub(printEdition(fixtureEdition(), { languages: ['ru'], mode: 'draft' }), { modified: new Date('2026-12-04T10:00:00Z') });
    const { chapters, notes } = await checkEpub(bytes);
    expect(chapters).toEqual(['chapter-1.xhtml', 'chapter-2.xhtml']);
    expect(notes).toBe(5);
    const zip = await JSZip.loadAsync(bytes);
    const one = await zip.file('OEBPS/chapter-1.xhtml')!.async('string');
    expect(one).toContain('Черновик — содержит неутверждённый текст');
    expect(one).toContain('<a epub:type="noteref" role="doc-noteref" class="ref" id="ref-1" href="#note-1">1</a>');
    expect(one).toContain('id="ref-1-2"');
  });

  it('a final edition leaves out what is not approved and says nothing about drafts', async () => {
    const bytes = await renderEpub(printEdition(fixtureEdition(), { languages: ['de'], mode: 'final' }), { modified: new Date('2026-12-04T10:00:00Z') });
    await checkEpub(bytes);
    const zip = await JSZip.loadAsync(bytes);
    const one = await zip.file('OEBPS/chapter-1.xhtml')!.async('string');
    expect(one).not.toContain('Entwurf');
    expect(one).not.toContain('Das Wasser wartet');
  });
});
