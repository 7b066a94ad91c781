import type { InlineContent } from '#libs/content';
import type { Edition, EditionSegment, EditionVariant } from './edition.js';
import { BookFormatError } from './errors.js';
import { escapeXml, stripInvalidXmlChars } from './inline.js';

export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
/** Our extension attributes: the exported revision and hash of the target (conflict detection), kinds. */
export const INTERLINEA_XLIFF_NS = 'urn:interlinea:xliff:1';

/** Review status → XLIFF `state` (+ `subState` where XLIFF's four states say less than ours). */
export function xliffState(variant: EditionVariant | undefined): { state: string; subState?: string } {
  switch (variant?.status) {
    case 'translated':
      return { state: 'translated' };
    case 'approved':
      return { state: 'final', subState: 'il:approved' };
    case 'rejected':
      return { state: 'initial', subState: 'il:rejected' };
    case 'draft':
      return { state: 'initial', subState: 'il:draft' };
    default:
      return { state: 'initial' };
  }
}

/**
 * An XLIFF 2.1 document for one language pair: one `<file>` per chapter, one `<unit>` per segment
 * whose id is the segment's id, the note bodies as units of their own after the chapter's text, each
 * reference a `<ph>` whose `subFlows` names the note's units and whose original data is
 * `footnote:<id>`; italics and bold as `<pc>`. Every unit
 * carries the revision and hash its target had, so a re-import can tell what changed since.
 */
export function renderXliff(edition: Edition, sourceLanguage: string, targetLanguage: string): string {
  for (const language of [sourceLanguage, targetLanguage]) {
    if (!edition.languages.includes(language)) throw new BookFormatError('LANGUAGE_NOT_IN_EDITION', `"${language}" is not a language of this edition`, { language });
  }
  if (sourceLanguage === targetLanguage) throw new BookFormatError('LANGUAGES_REPEATED', 'source and target language are the same', { languages: sourceLanguage });
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_NS}" xmlns:il="${INTERLINEA_XLIFF_NS}" version="2.1" srcLang="${escapeXml(sourceLanguage)}" trgLang="${escapeXml(targetLanguage)}">`,
  ];
  for (const doc of edition.documents) {
    const title = doc.titles[sourceLanguage] ?? doc.titles[edition.sourceLanguage] ?? '';
    out.push(`  <file id="${doc.id}" original="${escapeXml(stripInvalidXmlChars(title))}" il:kind="${doc.kind}">`);
    // Stable code ids per footnote within the chapter, equal in source and target.
    const noteIndex = new Map(doc.footnotes.map((f, i) => [f.id, i + 1]));
    const bodies = new Map(doc.footnotes.map((f) => [f.id, f.body.map((s) => s.id)]));
    const unit = (segment: EditionSegment, footnoteId?: string): void => {
      const source = segment.variants[sourceLanguage];
      const target = segment.variants[targetLanguage];
      const { state, subState } = xliffState(target);
      const attrs = [
        `id="${segment.id}"`,
        `type="il:${segment.kind}"`,
        'xml:space="preserve"',
        ...(segment.level !== undefined && segment.kind === 'heading' ? [`il:level="${segment.level}"`] : []),
        ...(footnoteId ? [`il:footnote="${footnoteId}"`] : []),
        `il:revision="${target?.revision ?? 0}"`,
        ...(target ? [`il:hash="${target.contentHash}"`] : []),
      ];
      out.push(`    <unit ${attrs.join(' ')}>`);
      const referenced = [...new Set([...(source?.content ?? []), ...(target?.content ?? [])].flatMap((n) => (n.type === 'footnoteRef' ? [n.footnoteId] : [])))];
      if (referenced.length) {
        out.push('      <originalData>');
        referenced.forEach((id, i) => out.push(`        <data id="d${i + 1}">footnote:${escapeXml(id)}</data>`));
        out.push('      </originalData>');
      }
      out.push(`      <segment state="${state}"${subState ? ` subState="${subState}"` : ''}>`);
      const local = new Map(referenced.map((id, i) => [id, i + 1]));
      out.push(`        <source>${inlineXliff(source?.content ?? [], local, noteIndex, bodies)}</source>`);
      if (target) out.push(`        <target>${inlineXliff(target.content, local, noteIndex, bodies)}</target>`);
      out.push('      </segment>', '    </unit>');
    };
    for (const segment of doc.segments) unit(segment);
    for (const footnote of doc.footnotes) for (const segment of footnote.body) unit(segment, footnote.id);
    out.push('  </file>');
  }
  out.push('</xliff>', '');
  return out.join('\n');
}

/** Inline content as XLIFF: text escaped, marks as nested `<pc>`, references as `<ph>`. */
function inlineXliff(content: InlineContent, local: Map<string, number>, noteIndex: Map<string, number>, bodies: Map<string, string[]>): string {
  let out = '';
  let codes = 0;
  const refs = new Map<string, number>();
  for (const node of content) {
    if (node.type === 'footnoteRef') {
      // Code ids are the same in source and target for the same footnote, so tools pair them.
      const n = local.get(node.footnoteId)!;
      const k = (refs.get(node.footnoteId) ?? 0) + 1;
      refs.set(node.footnoteId, k);
      const printed = noteIndex.get(node.footnoteId);
      const flows = bodies.get(node.footnoteId) ?? [];
      out += `<ph id="fn${n}${k > 1 ? `_${k}` : ''}" type="other" subType="il:footnote" dataRef="d${n}"${printed ? ` disp="[${printed}]"` : ''}${flows.length ? ` subFlows="${flows.join(' ')}"` : ''}/>`;
      continue;
    }
    let text = escapeXml(stripInvalidXmlChars(node.text));
    const marks = node.marks ?? [];
    // Outermost first: bold around italic.
    for (const mark of [...marks].reverse()) {
      codes++;
      text = `<pc id="m${codes}" type="fmt" subType="${mark === 'bold' ? 'xlf:b' : 'xlf:i'}">${text}</pc>`;
    }
    out += text;
  }
  return out;
}
