import { normalizeContent, type InlineContent, type Mark } from '#libs/content';
import type { Edition } from './edition.js';
import { BookFormatError } from './errors.js';
import { escapeXml, stripInvalidXmlChars } from './inline.js';
import { attr, childElements, DEFAULT_XML_LIMITS, isElement, parseXml, XML_NS, type XmlElement, type XmlLimits } from './xml.js';

export interface TmxOptions {
  /** creationdate of the header (TMX's yyyymmddThhmmssZ), given so the same edition gives the same file. */
  created: Date;
  toolVersion: string;
}

const NATIVE: Record<Mark, [string, string]> = { bold: ['<b>', '</b>'], italic: ['<i>', '</i>'] };

/**
 * TMX 1.4b of every aligned segment: one `<tu>` per segment (main text and note bodies) whose `tuid` is
 * the segment's id, one `<tuv>` per language that has text, so every language pair of the edition is
 * in it. Italics and bold are `<bpt>`/`<ept>` pairs with HTML native codes; a footnote reference is a
 * `<ph type="fnote">` whose native code names the footnote.
 */
export function renderTmx(edition: Edition, options: TmxOptions): string {
  const stamp = tmxDate(options.created);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
    '<tmx version="1.4">',
    `  <header creationtool="Interlinea" creationtoolversion="${escapeXml(options.toolVersion)}" datatype="html" segtype="paragraph" adminlang="en" srclang="${escapeXml(edition.sourceLanguage)}" o-tmf="Interlinea" creationdate="${stamp}">`,
    `    <prop type="x-edition">${escapeXml(edition.slug)}</prop>`,
    '  </header>',
    '  <body>',
  ];
  for (const doc of edition.documents) {
    for (const segment of [...doc.segments, ...doc.footnotes.flatMap((f) => f.body)]) {
      const languages = edition.languages.filter((l) => segment.variants[l] && segment.variants[l]!.content.some((n) => n.type === 'text' && n.text.trim()));
      if (languages.length < 2) continue;
      out.push(`    <tu tuid="${segment.id}">`, `      <prop type="x-document">${doc.id}</prop>`, `      <prop type="x-kind">${segment.kind}</prop>`);
      for (const language of languages) {
        const variant = segment.variants[language]!;
        out.push(`      <tuv xml:lang="${escapeXml(language)}">`, `        <prop type="x-status">${variant.status}</prop>`, `        <seg>${tmxInline(variant.content)}</seg>`, '      </tuv>');
      }
      out.push('    </tu>');
    }
  }
  out.push('  </body>', '</tmx>', '');
  return out.join('\n');
}

const tmxDate = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function tmxInline(content: InlineContent): string {
  let out = '';
  let i = 0;
  let x = 0;
  // Marks as properly nested pairs: close what the next run lacks, open what it adds.
  const open: { mark: Mark; i: number }[] = [];
  const close = (): void => {
    const top = open.pop()!;
    out += `<ept i="${top.i}">${escapeXml(NATIVE[top.mark][1])}</ept>`;
  };
  for (const node of normalizeContent(content)) {
    if (node.type === 'footnoteRef') {
      out += `<ph x="${++x}" type="fnote">${escapeXml(`<footnote id="${node.footnoteId}"/>`)}</ph>`;
      continue;
    }
    const marks = node.marks ?? [];
    while (open.some((o) => !marks.includes(o.mark))) close();
    for (const mark of marks) {
      if (open.some((o) => o.mark === mark)) continue;
      open.push({ mark, i: ++i });
      out += `<bpt i="${i}" x="${++x}" type="${mark}">${escapeXml(NATIVE[mark][0])}</bpt>`;
    }
    out += escapeXml(stripInvalidXmlChars(node.text));
  }
  while (open.length) close();
  return out;
}

export interface TmxVariant {
  /** As written in the file. */
  lang: string;
  content: InlineContent;
  /** The segment's text with every inline code's native data, for a lossless reading. */
  text: string;
}

export interface TmxUnit {
  tuid: string | null;
  line: number;
  variants: TmxVariant[];
}

export interface TmxDocument {
  header: Record<string, string>;
  props: { type: string; value: string }[];
  notes: string[];
  units: TmxUnit[];
}

const FOOTNOTE_CODE = /^<footnote id="([^"]+)"\/>$/;
const MARK_TYPES: Record<string, Mark> = { bold: 'bold', italic: 'italic' };
const NATIVE_MARKS: [RegExp, Mark][] = [
  [/^<(b|strong)\b/i, 'bold'],
  [/^<(i|em)\b/i, 'italic'],
  [/^\{\\b\s?/, 'bold'],
  [/^\{\\i\s?/, 'italic'],
];

/**
 * Reads TMX 1.4 safely (see xml.ts): the header's attributes, props and notes, and every translation
 * unit with its variants. Whitespace is kept as written; `<bpt>`/`<ept>` pairs (matched by `i`) and
 * `<it>` of a bold or italic type (or with such native code) become marks, our footnote `<ph>` a
 * footnote reference; other codes keep only their place in `text`.
 */
export function readTmx(input: Uint8Array | string, limits: XmlLimits = DEFAULT_XML_LIMITS): TmxDocument {
  const root = parseXml(input, limits);
  const fail = (el: XmlElement, message: string): never => {
    throw new BookFormatError('TMX_INVALID', `line ${el.line}: ${message}`, { line: el.line });
  };
  if (root.name !== 'tmx' || root.ns) fail(root, 'the root element is not <tmx>');
  const version = attr(root, 'version');
  if (!version || !/^1\.[1-4]b?$/.test(version)) fail(root, `version "${version ?? ''}" is not TMX 1.4`);
  const header = childElements(root, '', 'header')[0] ?? fail(root, 'no <header>');
  const headerAttrs: Record<string, string> = {};
  for (const a of header.attrs.values()) if (!a.ns) headerAttrs[a.name] = a.value;
  for (const required of ['creationtool', 'creationtoolversion', 'segtype', 'o-tmf', 'adminlang', 'srclang', 'datatype']) {
    if (headerAttrs[required] === undefined) fail(header, `<header> needs the attribute ${required}`);
  }
  const body = childElements(root, '', 'body')[0] ?? fail(root, 'no <body>');
  const props = childElements(header, '', 'prop').map((p) => ({ type: attr(p, 'type') ?? '', value: textOf(p) }));
  const notes = childElements(header, '', 'note').map(textOf);
  const units: TmxUnit[] = [];
  for (const tu of childElements(body)) {
    if (tu.name !== 'tu') fail(tu, `<${tu.name}> is not allowed in <body>`);
    const variants: TmxVariant[] = [];
    for (const tuv of childElements(tu, '', 'tuv')) {
      const lang = attr(tuv, 'lang', XML_NS) ?? attr(tuv, 'lang') ?? fail(tuv, '<tuv> needs xml:lang');
      const seg = childElements(tuv, '', 'seg')[0] ?? fail(tuv, '<tuv> has no <seg>');
      variants.push({ lang, content: normalizeContent(segContent(seg, fail)), text: nativeText(seg) });
    }
    if (!variants.length) fail(tu, '<tu> has no <tuv>');
    units.push({ tuid: attr(tu, 'tuid') ?? null, line: tu.line, variants });
  }
  return { header: headerAttrs, props, notes, units };
}

function segContent(seg: XmlElement, fail: (el: XmlElement, message: string) => never): InlineContent {
  const out: InlineContent = [];
  const pairs = new Map<string, Mark | null>();
  const active: Mark[] = [];
  const isolated: Mark[] = [];
  const push = (text: string): void => {
    const marks = [...new Set([...active, ...isolated])];
    out.push(marks.length ? { type: 'text', text, marks: marks.sort() } : { type: 'text', text });
  };
  const markOf = (code: XmlElement): Mark | null => {
    const type = attr(code, 'type');
    if (type && MARK_TYPES[type]) return MARK_TYPES[type]!;
    const native = textOf(code);
    return NATIVE_MARKS.find(([re]) => re.test(native))?.[1] ?? null;
  };
  const walk = (el: XmlElement): void => {
    for (const child of el.children) {
      if (!isElement(child)) {
        push(child.text);
        continue;
      }
      switch (child.name) {
        case 'bpt': {
          const i = attr(child, 'i') ?? fail(child, '<bpt> needs i');
          const mark = markOf(child);
          pairs.set(i, mark);
          if (mark) active.push(mark);
          break;
        }
        case 'ept': {
          const i = attr(child, 'i') ?? fail(child, '<ept> needs i');
          if (!pairs.has(i)) fail(child, `<ept i="${i}"> closes no <bpt>`);
          const mark = pairs.get(i)!;
          pairs.delete(i);
          if (mark) active.splice(active.lastIndexOf(mark), 1);
          break;
        }
        case 'it': {
          const mark = markOf(child);
          const pos = attr(child, 'pos');
          if (pos !== 'begin' && pos !== 'end') fail(child, '<it> needs pos="begin" or pos="end"');
          if (mark && pos === 'begin') isolated.push(mark);
          if (mark && pos === 'end' && isolated.includes(mark)) isolated.splice(isolated.lastIndexOf(mark), 1);
          break;
        }
        case 'ph': {
          const ref = FOOTNOTE_CODE.exec(textOf(child));
          if (ref && attr(child, 'type') === 'fnote') out.push({ type: 'footnoteRef', footnoteId: ref[1]! });
          break;
        }
        case 'hi':
          walk(child);
          break;
        case 'ut':
          break;
        default:
          fail(child, `<${child.name}> is not allowed in <seg>`);
      }
    }
  };
  walk(seg);
  return out;
}

/** The segment as written, every code replaced by its native data. */
const nativeText = (el: XmlElement): string => el.children.map((c) => (isElement(c) ? (c.name === 'sub' ? '' : c.name === 'hi' ? nativeText(c) : textOf(c)) : c.text)).join('');

const textOf = (el: XmlElement): string => el.children.map((c) => (isElement(c) ? (c.name === 'sub' ? textOf(c) : textOf(c)) : c.text)).join('');
