import { BookFormatError, type MissingText } from '#libs/book-format';
import { DomainError } from '../common/errors/domain-error.js';

/** How many missing texts an EDITION_INCOMPLETE message names (the job result and the CLI list all). */
const LISTED = 12;

/** A short list of missing texts for a message: "1. The Ferry at Dawn: ru (translated), …". */
export function describeMissing(missing: MissingText[]): string {
  const shown = missing.slice(0, LISTED).map((m) => `${m.documentTitle}: ${m.language} (${m.status}${m.footnoteId ? ', note' : ''})`);
  return missing.length > LISTED ? `${shown.join('; ')}; … +${missing.length - LISTED}` : shown.join('; ');
}

/** The library's refusals as the API's coded errors; anything else passes unchanged. */
export function toDomainError(error: unknown): unknown {
  if (!(error instanceof BookFormatError)) return error;
  switch (error.code) {
    case 'LANGUAGE_NOT_IN_EDITION':
      return new DomainError('LANGUAGE_NOT_IN_PROJECT', { language: error.params.language ?? '' });
    case 'LANGUAGES_REPEATED':
      return new DomainError('LANGUAGES_REPEATED', { languages: error.params.languages ?? '' });
    case 'EDITION_INCOMPLETE': {
      const missing = (error.details ?? []) as MissingText[];
      return new DomainError('EDITION_INCOMPLETE', { count: missing.length, list: describeMissing(missing) });
    }
    case 'XML_MALFORMED':
    case 'XML_FORBIDDEN':
    case 'XML_TOO_LARGE':
    case 'XLIFF_INVALID':
    case 'TMX_INVALID':
    case 'TYPESET_FAILED':
      return new DomainError(error.code, { reason: error.message });
    default:
      return new DomainError('VALIDATION_FAILED', { fields: error.message });
  }
}
