import { normalizeContent, type InlineContent, type Mark } from '#libs/content';
import { BookFormatError } from './errors.js';
import { attr, childElements, DEFAULT_XML_LIMITS, isElement, parseXml, XML_NS, type XmlElement, type XmlLimits } from './xml.js';
import { INTERLINEA_XLIFF_NS, XLIFF_NS } from './xliff-export.js';

export interface XliffUnit {
  fileId: string;
  unitId: string;
  line: number;
  /** The target text, segments of the unit joined; null when the unit has no target. */
  target: InlineContent | null;
  /** The source's plain text, for reports. */
  sourceText: string;
  /** The state of the unit's first segment (initial, translated, reviewed, final). */
  state: string | null;
  /** What the target was at export (Interlinea files only). */
  exportedRevision: number | null;
  exportedHash: string | null;
}

export interface XliffDocument {
  version: string;
  srcLang: string;
  trgLang: string | null;
  units: XliffUnit[];
}

const FOOTNOTE_DATA = /^footnote:(\S+)$/;
const STATES = new Set(['initial', 'translated', 'reviewed', 'final']);
const YES_NO = new Set(['yes', 'no']);
const USER_VALUE = /^[^\s:]+:[^\s:]+$/;
const NMTOKEN = /^[\p{L}\p{N}._:\-\u00B7\u0300-\u036F\u203F-\u2040]+$/u;
const INLINE = new Set(['cp', 'ph', 'pc', 'sc', 'ec', 'mrk', 'sm', 'em']);
const TYPES = new Set(['fmt', 'ui', 'quote', 'link', 'image', 'other']);
const MODULE_NS = /^urn:oasis:names:tc:xliff:(fs|glossary|matches|metadata|resourcedata|sizerestriction|validation|changetracking|itsm):2\.[01]$/;

class Problem extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads an XLIFF 2.0/2.1 file safely (see xml.ts) and checks the core rules a reader must enforce
 * (structure, required attributes, unique ids, states, code pairing, references between units),
 * refusing the file with the line of the first problem. Returns the target text of every unit as
 * inline content: `<pc>` of type fmt with subType xlf:i/xlf:b become italics/bold, our footnote
 * `<ph>` become footnote references, other codes keep only their text.
 */
export function readXliff(input: Uint8Array | string, limits: XmlLimits = DEFAULT_XML_LIMITS): XliffDocument {
  const root = parseXml(input, limits);
  try {
    return readRoot(root);
  } catch (e) {
    if (e instanceof Problem) throw new BookFormatError('XLIFF_INVALID', `line ${e.line}: ${e.message}`, { line: e.line });
    throw e;
  }
}

function readRoot(root: XmlElement): XliffDocument {
  if (root.ns !== XLIFF_NS || root.name !== 'xliff') throw new Problem(root.line, `the root element is not an XLIFF 2 <xliff> (namespace ${XLIFF_NS})`);
  const version = required(root, 'version');
  if (!/^2\.[01]$/.test(version)) throw new Problem(root.line, `version "${version}" is not XLIFF 2.0 or 2.1`);
  const srcLang = required(root, 'srcLang');
  const trgLang = attr(root, 'trgLang') ?? null;
  languageTag(root, srcLang, 'srcLang');
  if (trgLang !== null) languageTag(root, trgLang, 'trgLang');
  checkAttributes(root, ['version', 'srcLang', 'trgLang', '{' + XML_NS + '}space']);
  for (const other of childElements(root)) if (other.ns !== XLIFF_NS) throw new Problem(other.line, `<${other.name}> (namespace ${other.ns || 'none'}) is not allowed outside <file>`);
  const files = childElements(root).filter((c) => c.ns === XLIFF_NS);
  if (!files.length) throw new Problem(root.line, 'no <file>');
  const fileIds = new Set<string>();
  const units: XliffUnit[] = [];
  for (const file of childElements(root)) {
    if (file.ns !== XLIFF_NS) continue;
    if (file.name !== 'file') throw new Problem(file.line, `<${file.name}> is not allowed in <xliff>`);
    const id = nmtoken(file, 'id');
    if (fileIds.has(id)) throw new Problem(file.line, `file id "${id}" is used twice`);
    fileIds.add(id);
    checkAttributes(file, ['id', 'canResegment', 'original', 'translate', 'srcDir', 'trgDir', '{' + XML_NS + '}space']);
    yesNo(file, 'canResegment');
    yesNo(file, 'translate');
    readFile(file, id, srcLang, trgLang, units, inherit(root, { lang: null, space: 'default' }));
  }
  return { version, srcLang, trgLang, units };
}

interface Inherited {
  lang: string | null;
  space: string;
}

const inherit = (el: XmlElement, from: Inherited): Inherited => ({ lang: attr(el, 'lang', XML_NS) ?? from.lang, space: attr(el, 'space', XML_NS) ?? from.space });

function readFile(file: XmlElement, fileId: string, srcLang: string, trgLang: string | null, units: XliffUnit[], outer: Inherited): void {
  const ids = new Set<string>();
  const unitIds = new Set<string>();
  const subFlows: { line: number; ids: string[] }[] = [];
  let seenContent = false;
  let seenSkeleton = false;
  let seenNotes = false;
  const visit = (container: XmlElement, allowed: 'file' | 'group', inherited: Inherited): void => {
    let started = false;
    for (const child of childElements(container)) {
      if (child.ns !== XLIFF_NS) {
        // Extensions and modules come before the notes and the content.
        if (started) throw new Problem(child.line, `<${child.name}> (namespace ${child.ns || 'none'}) must come before the notes and units of <${container.name}>`);
        continue;
      }
      if (child.name !== 'skeleton') started = true;
      switch (child.name) {
        case 'skeleton':
          if (allowed !== 'file' || seenSkeleton || seenNotes || seenContent) throw new Problem(child.line, '<skeleton> is out of place');
          seenSkeleton = true;
          if (attr(child, 'href') !== undefined && child.children.some((c) => isElement(c) || c.text.trim())) {
            throw new Problem(child.line, '<skeleton> has both an href and content');
          }
          if (attr(child, 'href') === undefined && !child.children.some((c) => isElement(c) || c.text.trim())) {
            throw new Problem(child.line, '<skeleton> has neither an href nor content');
          }
          break;
        case 'notes':
          if (allowed === 'file') {
            if (seenContent || seenNotes) throw new Problem(child.line, '<notes> is out of place');
            seenNotes = true;
          }
          readNotes(child);
          break;
        case 'group': {
          seenContent = true;
          const id = nmtoken(child, 'id');
          if (ids.has(id)) throw new Problem(child.line, `id "${id}" is used twice in the file`);
          ids.add(id);
          checkAttributes(child, ['id', 'name', 'canResegment', 'translate', 'srcDir', 'trgDir', 'type', '{' + XML_NS + '}space']);
          yesNo(child, 'canResegment');
          yesNo(child, 'translate');
          userValue(child, 'type');
          let groupNotes = false;
          let groupContent = false;
          for (const c of childElements(child, XLIFF_NS)) {
            if (c.name === 'notes') {
              if (groupNotes || groupContent) throw new Problem(c.line, '<notes> is out of place');
              groupNotes = true;
            } else if (c.name === 'unit' || c.name === 'group') groupContent = true;
            else throw new Problem(c.line, `<${c.name}> is not allowed in <group>`);
          }
          visit(child, 'group', inherit(child, inherited));
          break;
        }
        case 'unit': {
          seenContent = true;
          const unit = readUnit(child, fileId, srcLang, trgLang, subFlows, inherit(child, inherited));
          if (ids.has(unit.unitId)) throw new Problem(child.line, `id "${unit.unitId}" is used twice in the file`);
          ids.add(unit.unitId);
          unitIds.add(unit.unitId);
          units.push(unit);
          break;
        }
        default:
          throw new Problem(child.line, `<${child.name}> is not allowed in <${container.name}>`);
      }
    }
  };
  visit(file, 'file', inherit(file, outer));
  if (!seenContent) throw new Problem(file.line, `file "${fileId}" has no <unit> or <group>`);
  for (const ref of subFlows) {
    for (const id of ref.ids) if (!unitIds.has(id)) throw new Problem(ref.line, `subFlows names unit "${id}", which is not in this file`);
  }
}

function readNotes(notes: XmlElement): void {
  const noteIds = new Set<string>();
  const list = childElements(notes, XLIFF_NS);
  if (!list.length) throw new Problem(notes.line, '<notes> without a <note>');
  for (const note of list) {
    if (note.name !== 'note') throw new Problem(note.line, `<${note.name}> is not allowed in <notes>`);
    checkAttributes(note, ['id', 'appliesTo', 'category', 'priority']);
    const id = attr(note, 'id');
    if (id !== undefined) {
      if (!NMTOKEN.test(id)) throw new Problem(note.line, `note id "${id}" is not a valid token`);
      if (noteIds.has(id)) throw new Problem(note.line, `note id "${id}" is used twice`);
      noteIds.add(id);
    }
    const appliesTo = attr(note, 'appliesTo');
    if (appliesTo !== undefined && appliesTo !== 'source' && appliesTo !== 'target') throw new Problem(note.line, `appliesTo "${appliesTo}" is not source or target`);
    const priority = attr(note, 'priority');
    if (priority !== undefined && !/^([1-9]|10)$/.test(priority)) throw new Problem(note.line, `priority "${priority}" is not 1–10`);
    if (childElements(note).length) throw new Problem(note.line, '<note> holds elements; it holds text only');
  }
}

function readUnit(
  unit: XmlElement,
  fileId: string,
  srcLang: string,
  trgLang: string | null,
  subFlowRefs: { line: number; ids: string[] }[],
  inherited: Inherited,
): XliffUnit {
  const unitId = nmtoken(unit, 'id');
  checkAttributes(unit, ['id', 'name', 'canResegment', 'translate', 'srcDir', 'trgDir', 'type', '{' + XML_NS + '}space']);
  yesNo(unit, 'canResegment');
  yesNo(unit, 'translate');
  userValue(unit, 'type');
  const dataIds = new Set<string>();
  const data = new Map<string, string>();
  let order = 0; // 0 others, 1 notes, 2 originalData, 3 segments
  const parts = childElements(unit, XLIFF_NS);
  let begun = false;
  for (const child of childElements(unit)) {
    if (child.ns === XLIFF_NS) begun = true;
    else if (begun) throw new Problem(child.line, `<${child.name}> (namespace ${child.ns || 'none'}) must come before the notes and segments of <unit>`);
  }
  const noteIds = new Set(childElements(unit, XLIFF_NS, 'notes').flatMap((n) => childElements(n, XLIFF_NS, 'note').map((x) => attr(x, 'id') ?? '')));
  for (const part of parts) {
    const rank = part.name === 'notes' ? 1 : part.name === 'originalData' ? 2 : part.name === 'segment' || part.name === 'ignorable' ? 3 : -1;
    if (rank < 0) throw new Problem(part.line, `<${part.name}> is not allowed in <unit>`);
    if (rank < order || (rank === order && rank < 3)) throw new Problem(part.line, `<${part.name}> is out of place in <unit>`);
    order = rank;
    if (part.name === 'notes') readNotes(part);
    if (part.name === 'originalData') {
      const entries = childElements(part, XLIFF_NS);
      if (!entries.length) throw new Problem(part.line, '<originalData> without <data>');
      for (const d of entries) {
        if (d.name !== 'data') throw new Problem(d.line, `<${d.name}> is not allowed in <originalData>`);
        const id = nmtoken(d, 'id');
        if (dataIds.has(id)) throw new Problem(d.line, `data id "${id}" is used twice`);
        dataIds.add(id);
        data.set(id, textOf(d));
        for (const c of childElements(d)) if (!(c.ns === XLIFF_NS && c.name === 'cp')) throw new Problem(c.line, `<${c.name}> is not allowed in <data>`);
      }
      for (const c of childElements(part)) if (c.ns !== XLIFF_NS) throw new Problem(c.line, `<${c.name}> is not allowed in <originalData>`);
    }
  }
  const segments = parts.filter((p) => p.name === 'segment' || p.name === 'ignorable');
  if (!segments.some((s) => s.name === 'segment')) throw new Problem(unit.line, `unit "${unitId}" has no <segment>`);

  const ids = new Set<string>();
  const claim = (el: XmlElement, id: string, kind: string): void => {
    if (ids.has(`${kind}:${id}`)) throw new Problem(el.line, `id "${id}" is used twice in unit "${unitId}"`);
    ids.add(`${kind}:${id}`);
  };
  const sides: { source: XmlElement; target: XmlElement | null; el: XmlElement }[] = [];
  let state: string | null = null;
  for (const seg of segments) {
    const segId = attr(seg, 'id');
    if (segId !== undefined) {
      if (!NMTOKEN.test(segId)) throw new Problem(seg.line, `segment id "${segId}" is not a valid token`);
      claim(seg, segId, 'segment');
    }
    if (seg.name === 'segment') {
      checkAttributes(seg, ['id', 'canResegment', 'state', 'subState']);
      yesNo(seg, 'canResegment');
      const s = attr(seg, 'state');
      if (s !== undefined && !STATES.has(s)) throw new Problem(seg.line, `state "${s}" is not initial, translated, reviewed or final`);
      const sub = attr(seg, 'subState');
      if (sub !== undefined && !USER_VALUE.test(sub)) throw new Problem(seg.line, `subState "${sub}" is not of the form prefix:value`);
      if (sub !== undefined && s === undefined) throw new Problem(seg.line, 'subState is given without state');
      state ??= s ?? 'initial';
    } else checkAttributes(seg, ['id']);
    const content = childElements(seg, XLIFF_NS);
    for (const other of childElements(seg)) if (other.ns !== XLIFF_NS) throw new Problem(other.line, `<${other.name}> is not allowed in <${seg.name}>`);
    const sources = content.filter((c) => c.name === 'source');
    const targets = content.filter((c) => c.name === 'target');
    for (const c of content) if (c.name !== 'source' && c.name !== 'target') throw new Problem(c.line, `<${c.name}> is not allowed in <${seg.name}>`);
    if (sources.length !== 1) throw new Problem(seg.line, `<${seg.name}> must have exactly one <source>, it has ${sources.length}`);
    if (targets.length > 1) throw new Problem(seg.line, `<${seg.name}> has ${targets.length} <target>s`);
    if (content[0] !== sources[0]) throw new Problem(seg.line, '<target> comes before <source>');
    const target = targets[0] ?? null;
    checkAttributes(sources[0]!, ['{' + XML_NS + '}lang', '{' + XML_NS + '}space']);
    const sourceLang = attr(sources[0]!, 'lang', XML_NS) ?? inherited.lang ?? undefined;
    if (sourceLang !== undefined && sourceLang.toLowerCase() !== srcLang.toLowerCase()) throw new Problem(sources[0]!.line, `the source's language "${sourceLang}" (xml:lang, maybe inherited) is not srcLang "${srcLang}"`);
    const space = (el: XmlElement): string => attr(el, 'space', XML_NS) ?? inherited.space;
    if (target) {
      checkAttributes(target, ['{' + XML_NS + '}lang', '{' + XML_NS + '}space', 'order']);
      if (trgLang === null) throw new Problem(target.line, 'a <target> in a file without trgLang');
      const targetLang = attr(target, 'lang', XML_NS) ?? inherited.lang ?? undefined;
      if (targetLang !== undefined && targetLang.toLowerCase() !== trgLang.toLowerCase()) throw new Problem(target.line, `the target's language "${targetLang}" (xml:lang, maybe inherited) is not trgLang "${trgLang}"`);
      if (space(target) !== space(sources[0]!)) throw new Problem(target.line, 'source and target differ in xml:space');
      const orderValue = attr(target, 'order');
      if (orderValue !== undefined && !/^[1-9]\d*$/.test(orderValue)) throw new Problem(target.line, `order "${orderValue}" is not a positive number`);
      if (orderValue !== undefined && Number(orderValue) > segments.length) throw new Problem(target.line, `order ${orderValue} is beyond the ${segments.length} segments of the unit`);
    }
    sides.push({ source: sources[0]!, target, el: seg });
  }
  const orders = sides.map((s, i) => (s.target && attr(s.target, 'order') !== undefined ? Number(attr(s.target, 'order')) : i + 1));
  if (new Set(orders).size !== orders.length) throw new Problem(unit.line, `two targets of unit "${unitId}" take the same order`);
  // Inline codes: ids unique per side, sc/ec paired across the unit's segments, references resolved.
  const sourceCodes = new Map<string, XmlElement>();
  const check = (side: 'source' | 'target'): void => {
    const ctx: InlineContext = { seen: new Map(), open: new Map(), markers: new Map(), dataIds, subFlowRefs, unitId, noteIds };
    const { seen } = ctx;
    for (const s of sides) {
      const el = side === 'source' ? s.source : s.target;
      if (el) checkInline(el, ctx);
    }
    for (const [id, sc] of ctx.open) throw new Problem(sc.line, `<sc id="${id}"> has no matching <ec>`);
    for (const [id, sm] of ctx.markers) throw new Problem(sm.line, `<sm id="${id}"> has no matching <em>`);
    for (const [id, el] of seen) {
      const copyOf = attr(el, 'copyOf');
      if (copyOf !== undefined && !seen.has(copyOf) && !sourceCodes.has(copyOf)) throw new Problem(el.line, `copyOf "${copyOf}" names no code of the unit`);
      if (side === 'source') sourceCodes.set(id, el);
    }
    if (side === 'target') {
      for (const [id, el] of seen) {
        const twin = sourceCodes.get(id);
        if (twin && twin.name !== el.name && !(twin.name === 'pc' && (el.name === 'sc' || el.name === 'ec'))) {
          throw new Problem(el.line, `code "${id}" is a <${twin.name}> in the source but a <${el.name}> in the target`);
        }
      }
    }
  };
  check('source');
  if (sides.some((s) => s.target)) {
    check('target');
    // A code that may not be deleted must be in the target when its segment was translated.
    const inTargets = new Set(sides.flatMap((s) => (s.target ? codeIds(s.target) : [])));
    for (const s of sides) {
      if (!s.target) continue;
      for (const code of codesOf(s.source)) {
        const id = attr(code, 'id');
        if (id && attr(code, 'canDelete') === 'no' && !inTargets.has(id)) throw new Problem(s.target.line, `code "${id}" may not be deleted but is missing from the target`);
      }
    }
  }

  const exportedRevision = attr(unit, 'revision', INTERLINEA_XLIFF_NS);
  const withTarget = sides.filter((s) => s.target);
  const targetContent = withTarget.length
    ? normalizeContent(
        [...sides]
          .sort((a, b) => orderOf(a, sides) - orderOf(b, sides))
          .flatMap((s) => (s.target ? toContent(s.target, sourceCodes, data) : s.el.name === 'ignorable' ? toContent(s.source, sourceCodes, data) : [])),
      )
    : null;
  return {
    fileId,
    unitId,
    line: unit.line,
    target: targetContent,
    sourceText: sides.map((s) => textOf(s.source)).join(''),
    state,
    exportedRevision: exportedRevision !== undefined && /^\d+$/.test(exportedRevision) ? Number(exportedRevision) : null,
    exportedHash: attr(unit, 'hash', INTERLINEA_XLIFF_NS) ?? null,
  };
}

const orderOf = (s: { target: XmlElement | null }, sides: { target: XmlElement | null }[]): number => {
  const order = s.target ? attr(s.target, 'order') : undefined;
  return order !== undefined ? Number(order) : sides.indexOf(s) + 1;
};

interface InlineContext {
  seen: Map<string, XmlElement>;
  open: Map<string, XmlElement>;
  markers: Map<string, XmlElement>;
  dataIds: Set<string>;
  subFlowRefs: { line: number; ids: string[] }[];
  unitId: string;
  noteIds: Set<string>;
}

const codesOf = (el: XmlElement): XmlElement[] => childElements(el).flatMap((c) => [c, ...codesOf(c)]);
const codeIds = (el: XmlElement): string[] => codesOf(el).flatMap((c) => (attr(c, 'id') ? [attr(c, 'id')!] : []));
const FRAGMENT = /^#\/?(?:[A-Za-z0-9]{1,}=[^/=]+)(?:\/[A-Za-z0-9]+=[^/=]+)*$/;
const FRAGMENT_PREFIXES = new Set(['f', 'g', 'u', 'n', 'd', 't']);

function checkFragment(el: XmlElement, ref: string, noteIds: Set<string>): void {
  if (!ref.startsWith('#')) return; // an IRI elsewhere
  if (!FRAGMENT.test(ref)) throw new Problem(el.line, `ref "${ref}" is not a valid XLIFF fragment identifier`);
  const parts = ref.replace(/^#\/?/, '').split('/').map((p) => p.split('=') as [string, string]);
  // One-letter prefixes are XLIFF's own; extensions and modules use longer ones.
  for (const [prefix] of parts) if (prefix.length === 1 && !FRAGMENT_PREFIXES.has(prefix)) throw new Problem(el.line, `ref "${ref}" uses the unknown prefix "${prefix}"`);
  const prefixes = parts.map(([p]) => p);
  if (new Set(prefixes).size !== prefixes.length) throw new Problem(el.line, `ref "${ref}" repeats a prefix`);
  const lone = parts.length === 1 ? parts[0]! : null;
  if (lone && lone[0] === 'n' && !noteIds.has(lone[1])) throw new Problem(el.line, `ref "${ref}" names no note of the unit`);
  if (parts.some(([p]) => p === 'n') && parts.length > 1 && parts[parts.length - 1]![0] !== 'n') throw new Problem(el.line, `ref "${ref}" puts a note before its container`);
}

const PAIRED_FLAGS = ['canCopy', 'canDelete', 'canOverlap'];

function checkInline(el: XmlElement, ctx: InlineContext): void {
  for (const child of el.children) {
    if (!isElement(child)) continue;
    if (child.ns !== XLIFF_NS) throw new Problem(child.line, `<${child.name}> (namespace ${child.ns || 'none'}) is not allowed inside <${el.name}>`);
    if (!INLINE.has(child.name)) throw new Problem(child.line, `<${child.name}> is not allowed inside <${el.name}>`);
    const named = (): string => {
      const value = nmtoken(child, 'id');
      if (ctx.seen.has(value)) throw new Problem(child.line, `code id "${value}" is used twice in unit "${ctx.unitId}"`);
      ctx.seen.set(value, child);
      return value;
    };
    const type = attr(child, 'type');
    if (child.name !== 'mrk' && child.name !== 'sm' && type !== undefined && !TYPES.has(type)) throw new Problem(child.line, `type "${type}" is not a code type`);
    const subType = attr(child, 'subType');
    if (subType !== undefined) {
      if (!USER_VALUE.test(subType)) throw new Problem(child.line, `subType "${subType}" is not of the form prefix:value`);
      if (type === undefined) throw new Problem(child.line, 'subType is given without type');
      if (subType.startsWith('xlf:') && !/^xlf:(lb|pb|b|i|u|var)$/.test(subType)) throw new Problem(child.line, `subType "${subType}" is not an xlf: value`);
      if (/^xlf:(b|i|u|lb|pb)$/.test(subType) && type !== 'fmt') throw new Problem(child.line, `subType "${subType}" needs type "fmt"`);
      if (subType === 'xlf:var' && type !== 'ui') throw new Problem(child.line, 'subType "xlf:var" needs type "ui"');
    }
    for (const yn of PAIRED_FLAGS) yesNo(child, yn);
    const reorder = attr(child, 'canReorder');
    if (reorder !== undefined && !['yes', 'no', 'firstNo'].includes(reorder)) throw new Problem(child.line, `canReorder "${reorder}" is not yes, no or firstNo`);
    for (const ref of ['dataRef', 'dataRefStart', 'dataRefEnd']) {
      const d = attr(child, ref);
      if (d !== undefined && !ctx.dataIds.has(d)) throw new Problem(child.line, `${ref} "${d}" names no <data> of the unit`);
    }
    if (attr(child, 'copyOf') !== undefined && ['dataRef', 'dataRefStart', 'dataRefEnd'].some((r) => attr(child, r) !== undefined)) {
      throw new Problem(child.line, 'a code with copyOf has no original data of its own');
    }
    for (const flows of ['subFlows', 'subFlowsStart', 'subFlowsEnd']) {
      const f = attr(child, flows);
      if (f !== undefined) ctx.subFlowRefs.push({ line: child.line, ids: f.trim().split(/\s+/) });
    }
    switch (child.name) {
      case 'cp': {
        checkAttributes(child, ['hex']);
        const hex = required(child, 'hex');
        const code = parseInt(hex, 16);
        if (!/^[0-9A-Fa-f]{4,6}$/.test(hex) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new Problem(child.line, `hex "${hex}" is not a Unicode code point`);
        if (child.children.length) throw new Problem(child.line, '<cp> must be empty');
        break;
      }
      case 'ph':
        checkAttributes(child, ['id', 'canCopy', 'canDelete', 'canReorder', 'copyOf', 'disp', 'equiv', 'dataRef', 'subFlows', 'subType', 'type']);
        named();
        if (child.children.length) throw new Problem(child.line, '<ph> must be empty');
        break;
      case 'pc':
        checkAttributes(child, ['id', 'canCopy', 'canDelete', 'canOverlap', 'canReorder', 'copyOf', 'dispEnd', 'dispStart', 'equivEnd', 'equivStart', 'dataRefEnd', 'dataRefStart', 'subFlowsEnd', 'subFlowsStart', 'subType', 'type', 'dir']);
        named();
        checkInline(child, ctx);
        break;
      case 'sc': {
        checkAttributes(child, ['id', 'canCopy', 'canDelete', 'canOverlap', 'canReorder', 'copyOf', 'dataRef', 'dir', 'disp', 'equiv', 'isolated', 'subFlows', 'subType', 'type']);
        const value = named();
        yesNo(child, 'isolated');
        if (attr(child, 'isolated') !== 'yes') ctx.open.set(value, child);
        if (child.children.length) throw new Problem(child.line, '<sc> must be empty');
        break;
      }
      case 'ec': {
        checkAttributes(child, ['id', 'canCopy', 'canDelete', 'canOverlap', 'canReorder', 'copyOf', 'dataRef', 'dir', 'disp', 'equiv', 'isolated', 'startRef', 'subFlows', 'subType', 'type']);
        const isolated = attr(child, 'isolated');
        yesNo(child, 'isolated');
        const startRef = attr(child, 'startRef');
        if (isolated === 'yes') {
          if (startRef !== undefined) throw new Problem(child.line, 'an isolated <ec> has no startRef');
          named();
        } else {
          if (startRef === undefined) throw new Problem(child.line, '<ec> needs startRef (or isolated="yes" with an id)');
          if (attr(child, 'id') !== undefined) throw new Problem(child.line, 'a paired <ec> has no id');
          const sc = ctx.open.get(startRef);
          if (!sc) throw new Problem(child.line, `<ec startRef="${startRef}"> closes no open <sc>`);
          for (const flag of [...PAIRED_FLAGS, 'canReorder']) {
            const a = attr(sc, flag) ?? (flag === 'canReorder' ? 'yes' : 'yes');
            const b = attr(child, flag) ?? 'yes';
            if (flag === 'canReorder' && a === 'firstNo' ? b !== 'no' : a !== b) throw new Problem(child.line, `<ec startRef="${startRef}"> differs from its <sc> in ${flag}`);
          }
          ctx.open.delete(startRef);
        }
        if (child.children.length) throw new Problem(child.line, '<ec> must be empty');
        break;
      }
      case 'mrk': {
        named();
        yesNo(child, 'translate');
        checkMarker(child, ctx);
        checkInline(child, ctx);
        break;
      }
      case 'sm': {
        const value = named();
        yesNo(child, 'translate');
        checkMarker(child, ctx);
        ctx.markers.set(value, child);
        if (child.children.length) throw new Problem(child.line, '<sm> must be empty');
        break;
      }
      case 'em': {
        checkAttributes(child, ['startRef']);
        const startRef = required(child, 'startRef');
        if (!ctx.markers.has(startRef)) throw new Problem(child.line, `<em startRef="${startRef}"> closes no open <sm>`);
        ctx.markers.delete(startRef);
        if (child.children.length) throw new Problem(child.line, '<em> must be empty');
        break;
      }
    }
  }
}

/** Annotations: a comment has its text either in value or in a note it refers to, never both. */
function checkMarker(el: XmlElement, ctx: InlineContext): void {
  const type = attr(el, 'type');
  const value = attr(el, 'value');
  const ref = attr(el, 'ref');
  if (type === 'comment') {
    if ((value === undefined) === (ref === undefined)) throw new Problem(el.line, 'a comment annotation needs either value or ref, not both or neither');
  }
  if (type !== undefined && !['generic', 'comment', 'term'].includes(type) && !USER_VALUE.test(type)) throw new Problem(el.line, `annotation type "${type}" is not generic, comment, term or prefix:value`);
  if (ref !== undefined) checkFragment(el, ref, ctx.noteIds);
}

/** Target XLIFF inline content as ours. */
function toContent(el: XmlElement, sourceCodes: Map<string, XmlElement>, data: Map<string, string>, marks: Mark[] = []): InlineContent {
  const out: InlineContent = [];
  for (const child of el.children) {
    if (!isElement(child)) {
      out.push(marks.length ? { type: 'text', text: child.text, marks: [...marks].sort() } : { type: 'text', text: child.text });
      continue;
    }
    switch (child.name) {
      case 'cp':
        out.push({ type: 'text', text: String.fromCodePoint(parseInt(attr(child, 'hex')!, 16)) });
        break;
      case 'ph': {
        // Our footnote references carry their footnote's id as original data ("footnote:<id>").
        const twin = sourceCodes.get(attr(child, 'id') ?? '');
        const dataRef = attr(child, 'dataRef') ?? (twin ? attr(twin, 'dataRef') : undefined);
        const footnote = FOOTNOTE_DATA.exec(dataRef !== undefined ? (data.get(dataRef) ?? '') : '')?.[1];
        if (footnote) out.push({ type: 'footnoteRef', footnoteId: footnote });
        break;
      }
      case 'pc': {
        const subType = attr(child, 'subType');
        const mark: Mark | null = subType === 'xlf:b' ? 'bold' : subType === 'xlf:i' ? 'italic' : null;
        out.push(...toContent(child, sourceCodes, data, mark && !marks.includes(mark) ? [...marks, mark] : marks));
        break;
      }
      case 'mrk':
        out.push(...toContent(child, sourceCodes, data, marks));
        break;
      default:
        break;
    }
  }
  return out;
}

const textOf = (el: XmlElement): string =>
  el.children.map((c) => (isElement(c) ? (c.name === 'cp' ? String.fromCodePoint(parseInt(attr(c, 'hex') ?? '20', 16)) : textOf(c)) : c.text)).join('');

function required(el: XmlElement, name: string): string {
  const value = attr(el, name);
  if (value === undefined) throw new Problem(el.line, `<${el.name}> needs the attribute ${name}`);
  return value;
}

function nmtoken(el: XmlElement, name: string): string {
  const value = required(el, name);
  if (!NMTOKEN.test(value)) throw new Problem(el.line, `${name} "${value}" of <${el.name}> is not a valid token`);
  return value;
}

function yesNo(el: XmlElement, name: string): void {
  const value = attr(el, name);
  if (value !== undefined && !YES_NO.has(value)) throw new Problem(el.line, `${name} "${value}" is not yes or no`);
}

function userValue(el: XmlElement, name: string): void {
  const value = attr(el, name);
  if (value !== undefined && !USER_VALUE.test(value)) throw new Problem(el.line, `${name} "${value}" is not of the form prefix:value`);
}

/**
 * Attributes without a namespace (or in xml:) must be ones XLIFF defines there. Extension attributes
 * (other namespaces) are allowed on xliff, file, group, unit, note, mrk and sm; inline codes take only
 * module attributes; segment, source and target take none.
 */
function checkAttributes(el: XmlElement, allowed: string[]): void {
  const extensions = EXTENSIBLE.has(el.name) ? 'any' : MODULE_ONLY.has(el.name) ? 'modules' : 'none';
  for (const [key, a] of el.attrs) {
    if (a.ns === XML_NS && (a.name === 'lang' || a.name === 'space')) continue;
    if (a.ns && a.ns !== XML_NS) {
      if (a.ns === XLIFF_NS) throw new Problem(el.line, `attribute ${a.name} in the XLIFF namespace is not allowed`);
      if (extensions === 'none' || (extensions === 'modules' && !MODULE_NS.test(a.ns) && a.ns !== ITS_NS)) {
        throw new Problem(el.line, `<${el.name}> takes no extension attribute (${a.name} in ${a.ns})`);
      }
      continue;
    }
    if (!allowed.includes(key)) throw new Problem(el.line, `<${el.name}> has no attribute ${a.name}`);
  }
}

const EXTENSIBLE = new Set(['xliff', 'file', 'group', 'unit', 'note', 'mrk', 'sm']);
const MODULE_ONLY = new Set(['pc', 'sc', 'ec', 'ph']);
const ITS_NS = 'http://www.w3.org/2005/11/its';
/** BCP 47 language tags, well-formed (not checked against the registry). */
const LANGUAGE_TAG = /^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-x(?:-[A-Za-z0-9]{1,8})+)?$|^x(?:-[A-Za-z0-9]{1,8})+$/;

function languageTag(el: XmlElement, value: string, name: string): void {
  if (!LANGUAGE_TAG.test(value)) throw new Problem(el.line, `${name} "${value}" is not a well-formed language tag`);
}
