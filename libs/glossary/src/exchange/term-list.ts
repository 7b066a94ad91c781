import type { EntryForm, EntryKind } from '../types.js';
import { checkSize, GlossaryExchangeError, MAX_EXCHANGE_ENTRIES, type ExchangeEntry } from './exchange-entry.js';

/**
 * A book's "glossary of terms" as printed: one entry per paragraph, the term in bold, its Russian
 * original in brackets, then the definition:
 *
 *     **kolkhoz [(колхоз) коллективное хозяйство]:** collective farm. …
 *     **Gosplan [Госплан]:** the State Planning Committee …
 *     **RKI [Рабоче-крестьянская инспекция]; Rabkrin [Рабкрин]:** …   (two names: the second is allowed)
 *     **Komsomol:** the Communist Youth League.                        (no original: no lemma)
 *
 * The term becomes the preferred form in the list's language; a Cyrillic abbreviation in parentheses,
 * or the first part before ";" or ".", becomes the lemma and the rest a note. Lines that do not start
 * with a bold term continue the previous definition; a heading line is skipped.
 */
const ENTRY = /^\s*\*\*(.+?)\*\*\s*:?\s*(.*)$/;
const CYRILLIC = /\p{Script=Cyrillic}/u;

function splitNames(head: string): { name: string; original: string }[] {
  const out: { name: string; original: string }[] = [];
  const re = /([^;[\]]+?)\s*(?:\[([^\]]*)\])?\s*(?:;|$)/g;
  for (const m of head.matchAll(re)) {
    const name = m[1]!.trim().replace(/^[“"]|[”"]$/g, '');
    if (name) out.push({ name, original: (m[2] ?? '').trim() });
  }
  return out;
}

function lemmaOf(original: string): { lemma: string | null; rest: string } {
  if (!CYRILLIC.test(original)) return { lemma: null, rest: original };
  const abbreviation = /^\(([^)]+)\)\s*(.*)$/.exec(original);
  if (abbreviation && CYRILLIC.test(abbreviation[1]!)) return { lemma: abbreviation[1]!.trim(), rest: abbreviation[2]!.trim() };
  const parts = /^([^;.]+?)\s*[;.]\s*(.+)$/.exec(original);
  if (parts && CYRILLIC.test(parts[1]!)) return { lemma: parts[1]!.trim(), rest: parts[2]!.trim() };
  return { lemma: original, rest: '' };
}

const kindOf = (name: string): EntryKind => (/^[\p{Lu}][\p{Lu}\p{Ll}()]*[\p{Lu})]$/u.test(name) && /\p{Lu}.*\p{Lu}/u.test(name) ? 'abbreviation' : 'term');
const stripMarkdown = (s: string): string => s.replace(/\*+([^*]+)\*+/g, '$1').replace(/\s+/g, ' ').trim();

export function parseTermList(text: string, language: string): ExchangeEntry[] {
  checkSize(text);
  const entries: ExchangeEntry[] = [];
  let last: ExchangeEntry | null = null;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim() || /^\s*#/.test(line)) return;
    const m = ENTRY.exec(line);
    if (!m) {
      if (last) last.definition = stripMarkdown(`${last.definition} ${line}`);
      return;
    }
    let head = m[1]!.trim();
    let definition = m[2]!;
    // "**Gosplan [Госплан]:** …" and "**Artiel** : …" put the colon inside or outside the bold.
    head = head.replace(/:\s*$/, '');
    definition = definition.replace(/^:\s*/, '');
    const names = splitNames(head);
    if (!names.length) throw new GlossaryExchangeError('INVALID', 'a bold term without a name', `line ${i + 1}`);
    const forms: EntryForm[] = [];
    let lemma: string | null = null;
    const notes: string[] = [];
    for (const [k, n] of names.entries()) {
      const cyrillicName = CYRILLIC.test(n.name);
      const found = lemmaOf(n.original);
      if (!lemma) lemma = found.lemma ?? (cyrillicName ? n.name : null);
      if (found.lemma && found.rest) notes.push(found.rest);
      else if (found.lemma && found.lemma !== lemma) notes.push(found.lemma);
      if (!cyrillicName) forms.push({ form: n.name, status: k === 0 ? 'preferred' : 'allowed' });
      if (n.original && !found.lemma && !CYRILLIC.test(n.original)) forms.push({ form: n.original, status: 'allowed' });
    }
    const entry: ExchangeEntry = {
      lemma,
      kind: kindOf(names[0]!.name),
      definition: stripMarkdown(definition),
      notes: notes.join('; '),
      forms: forms.length ? { [language]: forms } : {},
    };
    if (!entry.lemma && !forms.length) throw new GlossaryExchangeError('INVALID', 'an entry needs a term', `line ${i + 1}`);
    entries.push(entry);
    last = entry;
  });
  if (!entries.length) throw new GlossaryExchangeError('INVALID', 'no "**term [original]:** definition" lines found', 'line 1');
  if (entries.length > MAX_EXCHANGE_ENTRIES) throw new GlossaryExchangeError('TOO_LARGE', `more than ${MAX_EXCHANGE_ENTRIES} entries`);
  return entries;
}
