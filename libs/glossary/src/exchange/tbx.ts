import { XMLParser } from 'fast-xml-parser';
import type { EntryForm } from '../types.js';
import { asContexts, asKind, checkSize, GlossaryExchangeError, MAX_EXCHANGE_ENTRIES, type ExchangeEntry } from './exchange-entry.js';

/**
 * TBX-Basic (TBX v3, ISO 30042:2019, DCA style). One `conceptEntry` per entry; a `langSec` per language,
 * the lemma in the source language's; a `termSec` per form with its `administrativeStatus`
 * (preferredTerm / admittedTerm / deprecatedTerm); the definition as `descrip type="definition"`.
 * What TBX-Basic has no category for (kind, first name, patronymic, an admitted form's contexts) is
 * written as `note`s with a fixed prefix that this reader reads back and other tools show as notes.
 *
 * Reading is defensive: a DOCTYPE (and with it every entity declaration and external entity) is refused,
 * the parser expands no entities (only the five predefined ones and character references are decoded,
 * here), and the size and the number of entries are limited.
 */
const TBX_NS = 'urn:iso:std:iso:30042:ed-2';
const STATUS_TO_TBX = { preferred: 'preferredTerm-admn-sts', allowed: 'admittedTerm-admn-sts', forbidden: 'deprecatedTerm-admn-sts' } as const;
const NOTE = { kind: 'interlinea-kind: ', firstName: 'interlinea-first-name: ', patronymic: 'interlinea-patronymic: ', contexts: 'interlinea-contexts: ' };

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

export function writeGlossaryTbx(entries: readonly ExchangeEntry[], options: { sourceLanguage: string; title: string }): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<tbx type="TBX-Basic" style="dca" xml:lang="${escapeXml(options.sourceLanguage)}" xmlns="${TBX_NS}">`);
  out.push('  <tbxHeader>', '    <fileDesc>', `      <titleStmt><title>${escapeXml(options.title)}</title></titleStmt>`);
  out.push('      <sourceDesc><p>Exported by Interlinea</p></sourceDesc>', '    </fileDesc>', '  </tbxHeader>', '  <text>', '    <body>');
  entries.forEach((e, i) => {
    out.push(`      <conceptEntry id="${escapeXml(e.id ? `c-${e.id}` : `c${i + 1}`)}">`);
    out.push(`        <note>${escapeXml(NOTE.kind + e.kind)}</note>`);
    if (e.firstName) out.push(`        <note>${escapeXml(NOTE.firstName + e.firstName)}</note>`);
    if (e.patronymic) out.push(`        <note>${escapeXml(NOTE.patronymic + e.patronymic)}</note>`);
    if (e.notes) out.push(`        <note>${escapeXml(e.notes)}</note>`);
    const languages = [...new Set([...(e.lemma ? [options.sourceLanguage] : []), ...Object.keys(e.forms)])];
    for (const language of languages) {
      out.push(`        <langSec xml:lang="${escapeXml(language)}">`);
      if (language === options.sourceLanguage && e.definition) out.push(`          <descrip type="definition">${escapeXml(e.definition)}</descrip>`);
      const forms: EntryForm[] = [...(language === options.sourceLanguage && e.lemma ? [{ form: e.lemma, status: 'preferred' as const }] : []), ...(e.forms[language] ?? [])];
      for (const f of forms) {
        out.push('          <termSec>', `            <term>${escapeXml(f.form)}</term>`);
        out.push(`            <termNote type="administrativeStatus">${STATUS_TO_TBX[f.status]}</termNote>`);
        if (f.contexts?.length) out.push(`            <note>${escapeXml(NOTE.contexts + f.contexts.join(', '))}</note>`);
        out.push('          </termSec>');
      }
      out.push('        </langSec>');
    }
    out.push('      </conceptEntry>');
  });
  out.push('    </body>', '  </text>', '</tbx>', '');
  return out.join('\n');
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The five predefined entities and character references; any other entity is an error, not expanded. */
function decodeText(s: string, at: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (_, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const v = PREDEFINED[ref];
    if (v === undefined) throw new GlossaryExchangeError('UNSAFE', `the entity &${ref}; is not defined`, at);
    return v;
  });
}

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);
const textOf = (v: unknown, at: string): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number') return decodeText(String(v), at).trim();
  const t = (v as Node)['#text'];
  return t === undefined ? '' : decodeText(String(t), at).trim();
};

const STATUS_FROM_TBX: Record<string, EntryForm['status']> = {
  'preferredterm-admn-sts': 'preferred',
  'admittedterm-admn-sts': 'allowed',
  'deprecatedterm-admn-sts': 'forbidden',
  'supersededterm-admn-sts': 'forbidden',
};

export function parseGlossaryTbx(xml: string, options: { sourceLanguage: string }): ExchangeEntry[] {
  checkSize(xml);
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) throw new GlossaryExchangeError('UNSAFE', 'a DOCTYPE or entity declaration (refused: no external entities, no entity expansion)');
  let doc: Node;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      processEntities: false,
      htmlEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      isArray: (name) => ['conceptEntry', 'langSec', 'termSec', 'termNote', 'note', 'descrip'].includes(name),
    }).parse(xml, true) as Node;
  } catch (error) {
    throw new GlossaryExchangeError('INVALID', `not well-formed XML: ${(error as Error).message.split('\n')[0]}`);
  }
  const tbx = doc.tbx as Node | undefined;
  if (!tbx) throw new GlossaryExchangeError('INVALID', 'the root element is not <tbx>');
  const body = ((tbx.text as Node | undefined)?.body as Node | undefined) ?? {};
  const concepts = list(body.conceptEntry);
  if (concepts.length > MAX_EXCHANGE_ENTRIES) throw new GlossaryExchangeError('TOO_LARGE', `more than ${MAX_EXCHANGE_ENTRIES} entries`);
  return concepts.map((c, i) => {
    const at = `entry ${i + 1}`;
    const notes: string[] = [];
    let kind: string | undefined;
    let firstName: string | null = null;
    let patronymic: string | null = null;
    for (const n of list(c.note)) {
      const t = textOf(n, at);
      if (t.startsWith(NOTE.kind)) kind = t.slice(NOTE.kind.length);
      else if (t.startsWith(NOTE.firstName)) firstName = t.slice(NOTE.firstName.length);
      else if (t.startsWith(NOTE.patronymic)) patronymic = t.slice(NOTE.patronymic.length);
      else if (t) notes.push(t);
    }
    let lemma: string | null = null;
    let definition = '';
    const forms: Record<string, EntryForm[]> = {};
    for (const ls of list(c.langSec)) {
      const language = String(ls['@xml:lang'] ?? '').trim();
      if (!language) throw new GlossaryExchangeError('INVALID', 'a langSec without xml:lang', at);
      for (const d of list(ls.descrip)) if (d['@type'] === 'definition' && !definition) definition = textOf(d, at);
      for (const ts of list(ls.termSec)) {
        const term = textOf(ts.term, at);
        if (!term) continue;
        const statusNote = list(ts.termNote).find((n) => n['@type'] === 'administrativeStatus');
        const status = STATUS_FROM_TBX[textOf(statusNote, at).toLowerCase()] ?? 'allowed';
        if (language === options.sourceLanguage && lemma === null && status === 'preferred') {
          lemma = term;
          continue;
        }
        const f: EntryForm = { form: term, status };
        const ctx = list(ts.note).map((n) => textOf(n, at)).find((t) => t.startsWith(NOTE.contexts));
        if (ctx && status === 'allowed') f.contexts = asContexts(ctx.slice(NOTE.contexts.length).split(','), at);
        (forms[language] ??= []).push(f);
      }
    }
    for (const [language, fs] of Object.entries(forms)) {
      // A language with no preferred form takes its first admitted one as preferred.
      if (!fs.some((f) => f.status === 'preferred')) {
        const first = fs.find((f) => f.status === 'allowed' && !f.contexts);
        if (first) first.status = 'preferred';
      }
      if (fs.filter((f) => f.status === 'preferred').length > 1) {
        fs.filter((f) => f.status === 'preferred').slice(1).forEach((f) => (f.status = 'allowed'));
      }
      if (!fs.length) delete forms[language];
    }
    if (!lemma && !Object.keys(forms).length) throw new GlossaryExchangeError('INVALID', 'a concept entry without terms', at);
    const id = typeof c['@id'] === 'string' && c['@id'].startsWith('c-') ? c['@id'].slice(2) : undefined;
    const entry: ExchangeEntry = { lemma, kind: asKind(kind, at), firstName, patronymic, definition, notes: notes.join('\n'), forms };
    if (id) entry.id = id;
    return entry;
  });
}
