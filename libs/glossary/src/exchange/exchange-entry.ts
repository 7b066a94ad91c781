import { TEXT_CONTEXTS, type TextContext } from '#libs/transliteration';
import { ENTRY_KINDS, type EntryForm, type EntryKind } from '../types.js';

/** A glossary entry as the exchange formats carry it. */
export interface ExchangeEntry {
  /** An id from an earlier export of the same glossary: the import updates that entry. */
  id?: string;
  lemma: string | null;
  kind: EntryKind;
  firstName?: string | null;
  patronymic?: string | null;
  definition: string;
  notes: string;
  forms: Record<string, EntryForm[]>;
}

export type ExchangeErrorCode = 'INVALID' | 'UNSAFE' | 'TOO_LARGE';

/** A file that cannot be read: what is wrong and where (line, or entry number). */
export class GlossaryExchangeError extends Error {
  constructor(
    readonly code: ExchangeErrorCode,
    readonly reason: string,
    readonly at: string = '-',
  ) {
    super(`${reason} (at ${at})`);
    this.name = 'GlossaryExchangeError';
  }
}

/** Files larger than this are refused before they are read (5 MiB: some 50,000 entries). */
export const MAX_EXCHANGE_BYTES = 5 * 1024 * 1024;
export const MAX_EXCHANGE_ENTRIES = 50_000;

export function checkSize(text: string): void {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_EXCHANGE_BYTES) throw new GlossaryExchangeError('TOO_LARGE', `the file has ${bytes} bytes, at most ${MAX_EXCHANGE_BYTES} are read`);
}

export function asKind(value: string | undefined, at: string): EntryKind {
  const kind = (value ?? '').trim().toLowerCase() || 'term';
  const normalised = kind === 'organization' ? 'organisation' : kind;
  if (!(ENTRY_KINDS as readonly string[]).includes(normalised)) throw new GlossaryExchangeError('INVALID', `unknown kind "${value}"`, at);
  return normalised as EntryKind;
}

export function asContexts(values: string[], at: string): TextContext[] {
  return values.map((v) => {
    const c = v.trim().toLowerCase();
    if (!(TEXT_CONTEXTS as readonly string[]).includes(c)) throw new GlossaryExchangeError('INVALID', `unknown context "${v}"`, at);
    return c as TextContext;
  });
}
