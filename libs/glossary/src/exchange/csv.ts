import type { EntryForm } from '../types.js';
import { asContexts, asKind, checkSize, GlossaryExchangeError, MAX_EXCHANGE_ENTRIES, type ExchangeEntry } from './exchange-entry.js';

/**
 * CSV (RFC 4180, UTF-8, a header row): `id, lemma, kind, first_name, patronymic, definition, notes`, then
 * per language `<lang>` (preferred form), `<lang>_allowed` and `<lang>_forbidden`, several forms
 * separated by "; ", an allowed form's contexts in brackets: `Zinov’ev [footnote, bibliography]`.
 */
const FIXED = ['id', 'lemma', 'kind', 'first_name', 'patronymic', 'definition', 'notes'] as const;
const LANGUAGE_COLUMN = /^([a-z]{2,3}(?:-[A-Za-z0-9]+)*)(?:_(allowed|forbidden))?$/;

function parseRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== '') throw new GlossaryExchangeError('INVALID', 'a quote inside an unquoted field', `line ${line}`);
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
    } else field += ch;
  }
  if (quoted) throw new GlossaryExchangeError('INVALID', 'a quoted field is not closed', `line ${line}`);
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const splitForms = (cell: string): string[] =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

export function parseGlossaryCsv(text: string): ExchangeEntry[] {
  checkSize(text);
  const rows = parseRows(text.replace(/^\uFEFF/, ''));
  const header = rows.shift()?.map((h) => h.trim().toLowerCase());
  if (!header) throw new GlossaryExchangeError('INVALID', 'the file is empty', 'line 1');
  if (!header.includes('lemma') && !header.some((h) => LANGUAGE_COLUMN.test(h) && !FIXED.includes(h as never))) {
    throw new GlossaryExchangeError('INVALID', 'the header names neither a lemma nor a language column', 'line 1');
  }
  if (rows.length > MAX_EXCHANGE_ENTRIES) throw new GlossaryExchangeError('TOO_LARGE', `more than ${MAX_EXCHANGE_ENTRIES} entries`);
  const unknown = header.filter((h) => !FIXED.includes(h as never) && !LANGUAGE_COLUMN.test(h));
  if (unknown.length) throw new GlossaryExchangeError('INVALID', `unknown columns: ${unknown.join(', ')}`, 'line 1');
  return rows.map((cells, r) => {
    const at = `line ${r + 2}`;
    if (cells.length > header.length) throw new GlossaryExchangeError('INVALID', `${cells.length} fields, the header has ${header.length}`, at);
    const get = (name: string): string => (cells[header.indexOf(name)] ?? '').trim();
    const forms: Record<string, EntryForm[]> = {};
    header.forEach((h, c) => {
      const m = LANGUAGE_COLUMN.exec(h);
      if (!m || FIXED.includes(h as never)) return;
      const language = m[1]!;
      const status = (m[2] ?? 'preferred') as 'preferred' | 'allowed' | 'forbidden';
      const list = (forms[language] ??= []);
      for (const raw of splitForms(cells[c] ?? '')) {
        const bracket = /^(.*?)\s*\[([^\]]*)\]$/.exec(raw);
        const form = (bracket ? bracket[1]! : raw).trim();
        const f: EntryForm = { form, status };
        if (bracket && status === 'allowed') f.contexts = asContexts(bracket[2]!.split(',').filter((s) => s.trim()), at);
        list.push(f);
      }
      if (list.filter((f) => f.status === 'preferred').length > 1) throw new GlossaryExchangeError('INVALID', `more than one preferred form for ${language}`, at);
      if (!list.length) delete forms[language];
    });
    const lemma = get('lemma') || null;
    if (!lemma && !Object.keys(forms).length) throw new GlossaryExchangeError('INVALID', 'an entry needs a lemma or a form', at);
    const entry: ExchangeEntry = {
      lemma,
      kind: asKind(get('kind'), at),
      firstName: get('first_name') || null,
      patronymic: get('patronymic') || null,
      definition: get('definition'),
      notes: get('notes'),
      forms,
    };
    const id = get('id');
    if (id) entry.id = id;
    return entry;
  });
}

const cell = (s: string): string => (/[",\n\r]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function writeGlossaryCsv(entries: readonly ExchangeEntry[], languages: readonly string[]): string {
  const header = [...FIXED, ...languages.flatMap((l) => [l, `${l}_allowed`, `${l}_forbidden`])];
  const lines = [header.join(',')];
  for (const e of entries) {
    const row = [e.id ?? '', e.lemma ?? '', e.kind, e.firstName ?? '', e.patronymic ?? '', e.definition, e.notes].map(cell);
    for (const l of languages) {
      const forms = e.forms[l] ?? [];
      const of = (status: EntryForm['status']) =>
        forms
          .filter((f) => f.status === status)
          .map((f) => (f.contexts?.length ? `${f.form} [${f.contexts.join(', ')}]` : f.form))
          .join('; ');
      row.push(cell(of('preferred')), cell(of('allowed')), cell(of('forbidden')));
    }
    lines.push(row.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
